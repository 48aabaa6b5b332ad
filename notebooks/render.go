package notebooks

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"atelier/charts"
	"atelier/datasets"
	"atelier/internal/fault"
)

// MaxSourceBytes caps a page's markdown: goldmark is super-linear on some inputs (240 KB of
// `[a](<b` took 8.6 s), and a workshop page is a few kilobytes.
const MaxSourceBytes = 64 << 10

// Rendered is a page turned into HTML, with what the page said about itself.
type Rendered struct {
	Title       string
	Description string
	HTML        string          // the whole page; safe: goldmark's defaults and html/template wrote it
	Slides      []string        // the same page as slides, for the audience: no speaker notes
	Notes       []string        // each slide's speaker notes as HTML ("" for none), for the presenter only
	Figures     []string        // each chart's figure alone, for /p/{slug}/charts/{n}
	Tables      []charts.Table  // each chart's result, for its CSV download; empty for a broken chart
	Charts      int             // chart blocks, broken ones included
	Broken      int             // chart blocks that show an error notice
	Datasets    []datasets.Name // datasets the charts read
	Sources     []Source        // the versions of them the charts read
	Problems    []Problem       // what is wrong with the chart and question blocks, for the editor
	Questions   []*QuestionBlock
}

// Problem is a broken chart block, located on the page's lines.
type Problem struct {
	Chart    int    `json:"chart"`              // 1-based; 0 for a question
	Question int    `json:"question,omitempty"` // 1-based, for a broken question block
	Line     int    `json:"line"`               // line of the page, 1-based; the block's first line when unknown
	Message  string `json:"message"`            // French, for the author
}

// Renderer renders pages against a catalogue of datasets.
type Renderer struct {
	cat    charts.Catalogue
	md     goldmark.Markdown
	drawer Drawer // nil: charts are drawn by the browser alone
}

// NewRenderer returns a renderer whose charts read from cat.
func NewRenderer(cat charts.Catalogue, opts ...RendererOption) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, &frontmatter.Extender{}, chartExtension{}, questionExtension{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	r := &Renderer{cat: cat, md: md}
	for _, o := range opts {
		o(r)
	}
	return r
}

type frontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Render renders source. Broken chart blocks do not fail the page: each shows its error in
// its place, so that one mistake never blanks a page.
func (r *Renderer) Render(ctx context.Context, source string) (*Rendered, error) {
	return r.RenderPage(ctx, "", source)
}

// RenderPage is Render for the page at /p/{slug}: its charts link to their CSV downloads.
func (r *Renderer) RenderPage(ctx context.Context, slug Slug, source string) (*Rendered, error) {
	if len(source) > MaxSourceBytes {
		return nil, fault.New(fault.TooLarge,
			"la page fait %d Ko : la limite est de %d Ko ; découpez-la en plusieurs pages", len(source)>>10, MaxSourceBytes>>10)
	}
	src := []byte(source)
	if err := checkNesting(src); err != nil {
		return nil, err
	}
	pctx := parser.NewContext()
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pctx))

	var fm frontMatter
	if data := frontmatter.Get(pctx); data != nil {
		if err := data.Decode(&fm); err != nil {
			return nil, fault.Wrap(fault.Invalid, err,
				"l'en-tête de la page (entre les deux lignes « --- » du début) n'est pas lisible : écrivez par exemple « title: Mon titre »")
		}
	}
	b := &chartBuilder{ctx: ctx, cat: r.cat, sources: map[datasets.Name]bool{}, read: map[Source]bool{}, slug: slug, drawer: r.drawer}
	b.replaceBlocks(doc, src)
	b.drawAll()
	b.replaceQuestions(doc, src)

	html, slides, notes, err := renderSlides(r.md.Renderer(), src, doc)
	if err != nil {
		return nil, err
	}
	res := &Rendered{
		Title:       strings.TrimSpace(fm.Title),
		Description: strings.TrimSpace(fm.Description),
		HTML:        html,
		Slides:      slides,
		Notes:       notes,
		Charts:      len(b.built),
	}
	if res.Title == "" {
		res.Title = firstHeading(doc, src)
	}
	for _, n := range b.built {
		if n.err != nil {
			res.Broken++
			res.Problems = append(res.Problems, problemOf(n))
		}
		var fig bytes.Buffer
		w := bufio.NewWriter(&fig)
		if err := writeFigure(w, n); err != nil {
			return nil, err
		}
		w.Flush()
		res.Figures = append(res.Figures, fig.String())
		var table charts.Table
		if n.chart != nil {
			table = n.chart.Table
		}
		res.Tables = append(res.Tables, table)
	}
	res.Questions = b.questions
	for _, q := range b.questions {
		if q.Err != nil {
			res.Problems = append(res.Problems, questionProblem(q))
		}
	}
	for name := range b.sources {
		res.Datasets = append(res.Datasets, name)
	}
	slices.Sort(res.Datasets)
	for src := range b.read {
		res.Sources = append(res.Sources, src)
	}
	return res, nil
}

// firstHeading is the text of the first level-1 heading, the title of a page whose front
// matter gives none.
func firstHeading(doc ast.Node, src []byte) string {
	var title string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			title = plainText(h, src)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return title
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// problemOf locates a broken block's mistake on the page: the line inside the block that
// charts reports becomes a line of the page, which is what the author sees in the editor.
func problemOf(n *chartNode) Problem {
	p := Problem{Chart: n.index, Line: n.line, Message: chartErrorMessage(n.err)}
	var ce *charts.Error
	if errors.As(n.err, &ce) {
		p.Message = ce.Msg
		if ce.Line > 0 {
			p.Line = n.line + ce.Line - 1
		}
	}
	return p
}
