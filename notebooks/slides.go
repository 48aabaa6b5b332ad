package notebooks

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
)

// A page is also a slide deck: it is split on its top-level `---` lines (thematic breaks).
// A blockquote whose first words are « Notes : » holds the speaker's notes of its slide: it
// shows only in the presenter view.

var notesRE = regexp.MustCompile(`^\s*(?i:notes?)\s*:\s*`)

// splitSlides moves the document's top-level blocks into one group per slide, in order.
func splitSlides(doc ast.Node) [][]ast.Node {
	slides := [][]ast.Node{nil}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, isBreak := n.(*ast.ThematicBreak); isBreak {
			slides = append(slides, nil)
			continue
		}
		// A question is a slide of its own: the room reads it large, and the presenter
		// opens and reveals it there.
		_, isQuestion := n.(*questionNode)
		if isQuestion && len(slides[len(slides)-1]) > 0 {
			slides = append(slides, nil)
		}
		slides[len(slides)-1] = append(slides[len(slides)-1], n)
		if isQuestion {
			slides = append(slides, nil)
		}
	}
	// A break at the very start or end makes no empty slide.
	out := slides[:0]
	for _, s := range slides {
		if len(s) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// isNotes reports whether a top-level block is speaker notes.
func isNotes(n ast.Node, src []byte) bool {
	bq, ok := n.(*ast.Blockquote)
	if !ok || bq.FirstChild() == nil {
		return false
	}
	return notesRE.MatchString(plainText(bq.FirstChild(), src))
}

// renderSlides renders each slide's blocks on their own. It returns the whole page's HTML, in
// which each slide starts at an anchor #diapo-N (so that a resident following the
// presentation scrolls there), the slides' HTML for the deck, and each slide's speaker notes
// apart. The page and the slides never hold notes: they are what the audience receives, and
// a part that is never sent cannot leak, whereas one hidden by CSS can.
func renderSlides(r renderer.Renderer, src []byte, doc ast.Node) (page string, slides, notes []string, err error) {
	groups := splitSlides(doc)
	var pageBuf bytes.Buffer
	for i, group := range groups {
		var content, said bytes.Buffer
		for _, n := range group {
			target := &content
			if isNotes(n, src) {
				target = &said
			}
			if err := r.Render(target, src, n); err != nil {
				return "", nil, nil, err
			}
		}
		anchor := fmt.Sprintf("diapo-%d", i+1)
		if i > 0 {
			pageBuf.WriteString("<hr>\n")
		}
		fmt.Fprintf(&pageBuf, "<div class=\"slide-anchor\" id=\"%s\"></div>\n", anchor)
		pageBuf.Write(content.Bytes())
		slides = append(slides, content.String())
		notes = append(notes, said.String())
	}
	return pageBuf.String(), slides, notes, nil
}

// PresenterSlide is a slide as the presenter sees it: the audience's slide and its notes.
func PresenterSlide(slide, notes string) template.HTML {
	if notes == "" {
		return template.HTML(slide)
	}
	return template.HTML(slide + "<aside class=\"notes\">" + notes + "</aside>\n")
}

// SlideHTML marks a slide's stored HTML as safe for templates: notebooks rendered it from
// markdown with goldmark's safe defaults and html/template.
func SlideHTML(s string) template.HTML { return template.HTML(s) }
