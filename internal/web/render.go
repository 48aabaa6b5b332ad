package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"atelier/internal/accounts"
	"atelier/internal/localfmt"
	"atelier/notebooks"
)

//go:embed templates
var templateFS embed.FS

// pageTemplates are the pages, each parsed with the layout.
var pageTemplates = []string{"home", "page", "datasets", "dataset", "error", "login", "present", "chart", "workspace", "edit", "import", "accounts"}

// standalone pages define their own "layout": slides and embedded charts have no site header.
var standalone = map[string]bool{"present": true, "chart": true}

// view is what every template receives.
type view struct {
	Description string
	Charts      bool // the page draws charts: load ECharts and atelier.js
	FullCharts  bool // some chart needs more of ECharts than the light bundle has
	LazyCharts  bool // every chart is drawn on the server: ECharts loads when wanted (atelier.js)
	Script      bool // atelier.js without charts (following a presentation)
	Editor      bool // a workspace page: load editor.js and editor.css
	Questions   bool // the page asks questions: load questions.js and its widgets
	Data        any
	User        *accounts.User // the facilitator logged in, or nil
	Lang        string         // the interface's language: "fr" or "en"
	Path        string         // the page's own address, where the language switch comes back
}

// parseTemplates parses every page once per language, its functions bound to that language;
// the result is keyed by "lang/name".
func parseTemplates(static *assets) (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, lang := range languages {
		funcs := templateFuncs(static, lang)
		for _, name := range pageTemplates {
			files := []string{"templates/layout.html", "templates/" + name + ".html"}
			if standalone[name] {
				files = files[1:]
			}
			t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, files...)
			if err != nil {
				return nil, err
			}
			out[lang+"/"+name] = t
		}
	}
	return out, nil
}

// templateFuncs are the templates' functions in one language.
func templateFuncs(static *assets, lang string) template.FuncMap {
	return template.FuncMap{
		"asset":         static.URL,
		"statusTitle":   func(status int) string { return statusTitle(lang, status) },
		"inc":           func(i int) int { return i + 1 },
		"sentence":      sentence,
		"statusName":    func(st notebooks.Status) string { return statusName(lang, st) },
		"pageHTML":      func(h string) template.HTML { return template.HTML(h) }, // rendered on save by notebooks
		"t":             func(key string, args ...any) string { return translate(lang, key, args...) },
		"date":          func(t time.Time) string { return localfmt.Moment(lang, t) },
		"number":        func(n any) string { return localfmt.Int(lang, toInt64(n)) },
		"bytes":         func(n any) string { return localfmt.Bytes(lang, toInt64(n)) },
		"lang":          func() string { return lang },
		"scriptStrings": func(editor bool) map[string]string { return scriptStrings(lang, editor) },
	}
}

func toInt64(n any) int64 {
	switch v := n.(type) {
	case int:
		return int64(v)
	case int64:
		return v
	case int32:
		return int64(v)
	case uint64:
		return int64(v)
	}
	return 0
}

// render executes a page into memory first, so that a template error becomes a clean 500
// instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v any) {
	page, err := s.renderBytes(r, name, v)
	if err != nil {
		s.log.Error("template", "name", name, "err", err)
		http.Error(w, translate(langOf(r), "error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Add("Vary", "Accept-Language, Cookie") // the language comes from them
	w.WriteHeader(status)
	w.Write(page)
}

func (s *Server) renderBytes(r *http.Request, name string, v any) ([]byte, error) {
	vw, ok := v.(view)
	if !ok {
		vw = view{Data: v}
	}
	if u, ok := userOf(r); ok {
		vw.User = &u
	}
	vw.Lang = langOf(r)
	if vw.Path == "" {
		vw.Path = r.URL.RequestURI()
	}
	var buf bytes.Buffer
	err := s.tmpl[vw.Lang+"/"+name].ExecuteTemplate(&buf, "layout", vw)
	return buf.Bytes(), err
}

func statusTitle(lang string, status int) string {
	switch status {
	case http.StatusNotFound:
		return translate(lang, "status.notfound")
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return translate(lang, "status.invalid")
	case http.StatusRequestEntityTooLarge:
		return translate(lang, "status.toolarge")
	case http.StatusUnsupportedMediaType:
		return translate(lang, "status.unsupported")
	case http.StatusMethodNotAllowed:
		return translate(lang, "status.notallowed")
	}
	if status >= 500 {
		return translate(lang, "status.internal")
	}
	return translate(lang, "status.other")
}

// sentence shows a message that may have been written to follow « : » as a sentence of its
// own: capital first letter, final full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	r, size := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[size:]
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?…»") {
		msg += "."
	}
	return msg
}

func statusName(lang string, st notebooks.Status) string {
	switch st {
	case notebooks.Draft, notebooks.Unlisted, notebooks.Published:
		return translate(lang, "status."+string(st))
	}
	return string(st)
}
