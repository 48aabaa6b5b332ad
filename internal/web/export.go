package web

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
	"atelier/notebooks"
)

// An offline page is one HTML file holding the page, its charts' options and tables,
// ECharts, atelier.js and the stylesheet: it opens with no server and no network, for the
// meeting room without internet or for the city's archive.

// offlineTemplate is parsed on its own: it inlines the assets, which no served page does.
// It is in the language of whoever downloads it (French from the command line), and carries
// the scripts' strings like a served page.
var offlineTemplate = template.Must(template.New("offline").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="atelier">
<title>{{.Page.Title}}</title>
{{with .Page.Description}}<meta name="description" content="{{.}}">{{end}}
<style>{{.CSS}}</style>
</head>
<body class="offline">
<main class="content">
<article class="notebook">
{{.HTML}}
</article>
<p class="page-meta">{{.Meta}}</p>
</main>
{{with .Strings}}<script type="application/json" id="atelier-strings">{{.}}</script>{{end}}
<script>{{.ECharts}}</script>
<script>{{.Script}}</script>
</body>
</html>
`))

// ExportPage writes the page as one self-contained HTML file.
func ExportPage(ctx context.Context, pages *notebooks.Store, slug notebooks.Slug, w io.Writer) error {
	static, err := loadAssets()
	if err != nil {
		return err
	}
	p, err := pages.Get(ctx, slug)
	if err != nil {
		return err
	}
	if p, err = offlineQuestions(ctx, pages, p); err != nil {
		return err
	}
	return writeOffline(w, static, p, "fr", "")
}

// writeOffline writes p as one file in lang; base is the server's public address, for the
// links only the server can answer ("" from the command line: they stay relative).
func writeOffline(w io.Writer, static *assets, p *notebooks.Page, lang, base string) error {
	// The assets are ours, embedded at build time: they are trusted as code and style. Only
	// a closing tag inside them could end their element early, so it is broken up.
	inline := func(name, closing string) string {
		body := string(static.byName[name].body)
		return strings.ReplaceAll(body, "</"+closing, `<\/`+closing)
	}
	css, echarts := inline("atelier.css", "style"), inline("vendor/echarts/echarts.min.js", "script")
	script := inline("chartformat.js", "script") + "\n" + inline("chartoptions.js", "script") + "\n" + inline("atelier.js", "script")
	return offlineTemplate.Execute(w, map[string]any{
		"Page":    p,
		"CSP":     offlineCSP(css, echarts, script),
		"HTML":    template.HTML(offlineHTML(p, base)), // rendered on save by notebooks, safe
		"CSS":     template.CSS(css),
		"ECharts": template.JS(echarts),
		"Script":  template.JS(script),
		"Lang":    lang,
		"Strings": scriptStrings(lang, false),
		"Meta":    translate(lang, "offline.meta", p.Revision, localfmt.Moment(lang, p.UpdatedAt), localfmt.Moment(lang, time.Now())),
	})
}

// offlineQuestions turns the page's question forms into text: from file:// a form has
// nowhere to post. Results revealed by then are in the file; the others stay hidden.
func offlineQuestions(ctx context.Context, pages *notebooks.Store, p *notebooks.Page) (*notebooks.Page, error) {
	return pages.QuestionsAsText(ctx, p, notebooks.QuestionText{})
}

// handlePageExport is the « Télécharger pour consulter hors ligne » button. A map page's
// file is large: anonymous downloads come from the page cache, made once per version.
func (s *Server) handlePageExport(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	w.Header().Set("Content-Disposition", `attachment; filename="`+string(slug)+`.html"`)
	build := func(p *notebooks.Page) ([]byte, error) {
		p, err := offlineQuestions(r.Context(), s.pages, p)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = writeOffline(&buf, s.static, p, langOf(r), s.roomBase(r))
		return buf.Bytes(), err
	}
	if _, loggedIn := userOf(r); !loggedIn {
		// The file shows the questions as they stand: a reveal makes a new one.
		questions, err := s.pages.QuestionStamp(r.Context(), slug)
		if err != nil && fault.KindOf(err) != fault.NotFound {
			w.Header().Del("Content-Disposition")
			s.fail(w, r, err)
			return
		}
		s.serveCached(w, r, slug, "offline "+s.roomBase(r)+" "+questions, build)
		return
	}
	p, err := s.visiblePage(r)
	if err != nil {
		w.Header().Del("Content-Disposition")
		s.fail(w, r, err)
		return
	}
	body, err := build(p)
	if err != nil {
		w.Header().Del("Content-Disposition")
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}
