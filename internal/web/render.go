package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"atelier/internal/accounts"
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
	Script      bool // atelier.js without charts (following a presentation)
	Editor      bool // a workspace page: load editor.js and editor.css
	Data        any
	User        *accounts.User // the facilitator logged in, or nil
}

func parseTemplates(static *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset":         static.URL,
		"frenchInt":     frenchInt,
		"frenchBytes":   frenchBytes,
		"frenchDate":    frenchDate,
		"typeName":      typeName,
		"delimiterName": delimiterName,
		"statusTitle":   statusTitle,
		"inc":           func(i int) int { return i + 1 },
		"sentence":      sentence,
		"statusName":    statusName,
		"pageHTML":      func(h string) template.HTML { return template.HTML(h) }, // rendered on save by notebooks
	}
	out := map[string]*template.Template{}
	for _, name := range pageTemplates {
		files := []string{"templates/layout.html", "templates/" + name + ".html"}
		if standalone[name] {
			files = files[1:]
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// render executes a page into memory first, so that a template error becomes a clean 500
// instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v any) {
	page, err := s.renderBytes(r, name, v)
	if err != nil {
		s.log.Error("template", "name", name, "err", err)
		http.Error(w, "Une erreur interne est survenue.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
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
	var buf bytes.Buffer
	err := s.tmpl[name].ExecuteTemplate(&buf, "layout", vw)
	return buf.Bytes(), err
}

// frenchInt writes 48568 as « 48 568 », with the narrow no-break space French typography uses.
func frenchInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func frenchBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + "\u202fMo"
	case n >= 1<<10:
		return frenchInt(n>>10) + "\u202fKo"
	}
	return frenchInt(n) + "\u202foctets"
}

var frenchMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

func frenchDate(t time.Time) string {
	t = t.Local()
	return strconv.Itoa(t.Day()) + " " + frenchMonths[t.Month()-1] + " " + strconv.Itoa(t.Year()) + " à " + t.Format("15:04")
}

// typeName names an Arrow type for a facilitator.
func typeName(arrowType string) string {
	switch {
	case arrowType == "utf8" || strings.HasPrefix(arrowType, "dictionary"):
		return "texte"
	case arrowType == "int64":
		return "nombre entier"
	case arrowType == "float64":
		return "nombre décimal"
	case arrowType == "date32":
		return "date"
	case strings.HasPrefix(arrowType, "timestamp"):
		return "date et heure"
	case arrowType == "bool":
		return "oui / non"
	}
	return arrowType
}

func delimiterName(d string) string {
	switch d {
	case ";":
		return "point-virgule"
	case ",":
		return "virgule"
	case "\t":
		return "tabulation"
	case "|":
		return "barre verticale"
	}
	return "« " + d + " »"
}

func statusTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page introuvable"
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "Demande impossible"
	case http.StatusRequestEntityTooLarge:
		return "Trop volumineux"
	case http.StatusUnsupportedMediaType:
		return "Format non pris en charge"
	case http.StatusMethodNotAllowed:
		return "Action impossible"
	}
	if status >= 500 {
		return "Erreur interne"
	}
	return "Erreur"
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

func statusName(st notebooks.Status) string {
	switch st {
	case notebooks.Draft:
		return "brouillon"
	case notebooks.Unlisted:
		return "non listée"
	case notebooks.Published:
		return "publiée"
	}
	return string(st)
}
