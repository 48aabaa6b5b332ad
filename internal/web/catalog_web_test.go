package web

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// catalogue parts merged into catalogs, per language.
var catalogParts = map[string][]map[string]string{
	"fr": {catalogFR, catalogWebFR, catalogAccessFR, catalogRecipeFR, catalogRoomFR, catalogQuestionsFR, catalogSSRFR},
	"en": {catalogEN, catalogWebEN, catalogAccessEN, catalogRecipeEN, catalogRoomEN, catalogQuestionsEN, catalogSSREN},
}

func TestWebCataloguesDoNotOverlapTheOthers(t *testing.T) {
	if len(catalogDuplicates) > 0 {
		t.Errorf("ids defined twice, in two catalogue files: %q", catalogDuplicates)
	}
	for lang, parts := range catalogParts {
		total := 0
		for _, part := range parts {
			total += len(part)
		}
		if got := len(catalogs[lang]); got != total {
			t.Errorf("catalogs[%q] has %d messages; its parts %d", lang, got, total)
		}
		for id := range parts[1] {
			if _, dup := parts[0][id]; dup {
				t.Errorf("%s: %q is in both the main catalogue and the web one", lang, id)
			}
		}
	}
}

func TestMergeCatalogsReportsADuplicate(t *testing.T) {
	saved := catalogDuplicates
	defer func() { catalogDuplicates = saved }()
	catalogDuplicates = nil
	got := mergeCatalogs(map[string]string{"a": "1", "b": "2"}, map[string]string{"b": "3", "c": "4"})
	if !slices.Equal(catalogDuplicates, []string{"b"}) {
		t.Errorf("duplicates = %q; want [b]", catalogDuplicates)
	}
	if got["b"] != "2" || len(got) != 3 {
		t.Errorf("merged = %v: the first text should stay", got)
	}
}

// Every id the Go code of the package asks for, by translate(…), faultIn(…), wrapIn(…) or
// as a literal "dataset.…"/"web.…", is in both catalogues; every web id is used.
var (
	goCallIDRE    = regexp.MustCompile(`(?:translate\([^,()]+|(?:faultIn|wrapIn)\(r, [^,]+(?:, [a-z]+)?), "([^"]+)"[,)]`)
	goLiteralIDRE = regexp.MustCompile(`"((?:datasets?|web)\.[a-z.]*[a-z])"`)
	tmplIDRE      = regexp.MustCompile(`\bt "([^"]+)"`)
)

func TestEveryGoMessageIsInTheCatalogues(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "catalog_") {
			continue
		}
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{goCallIDRE, goLiteralIDRE} {
			for _, m := range re.FindAllStringSubmatch(string(text), -1) {
				used[m[1]] = true
				for lang, cat := range catalogs {
					if _, ok := cat[m[1]]; !ok {
						t.Errorf("%s: message %q is not in the %s catalogue", f, m[1], lang)
					}
				}
			}
		}
	}
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, name := range names {
		text, _ := fs.ReadFile(templateFS, name)
		for _, m := range tmplIDRE.FindAllStringSubmatch(string(text), -1) {
			used[m[1]] = true
		}
	}
	for id := range catalogWebFR {
		if !used[id] {
			t.Errorf("web message %q is used nowhere", id)
		}
	}
	if len(used) < 150 {
		t.Errorf("only %d message ids found", len(used))
	}
}

func TestDatasetValuesFollowTheLanguage(t *testing.T) {
	tests := []struct {
		lang string
		v    any
		want string
	}{
		{"fr", int64(48568), "48\u202f568"},
		{"en", int64(48568), "48,568"},
		{"fr", 1234.5, "1\u202f234,5"},
		{"en", 1234.5, "1,234.5"},
		{"en", -0.25, "-0.25"},
		{"en", 12.0, "12"},
		{"fr", true, "oui"},
		{"en", false, "no"},
		{"fr", "2024-01-31", "31/01/2024"},
		{"en", "2024-01-31", "2024-01-31"},
		{"en", "Aix-en-Provence", "Aix-en-Provence"},
	}
	for _, tt := range tests {
		if got := formatCell(tt.lang, tt.v).Text; got != tt.want {
			t.Errorf("formatCell(%s, %v) = %q; want %q", tt.lang, tt.v, got, tt.want)
		}
	}
	names := []struct{ lang, typ, want string }{
		{"fr", "int64", "nombre entier"}, {"en", "int64", "whole number"},
		{"fr", "timestamp[us, tz=UTC]", "date et heure"}, {"en", "dictionary<values=utf8>", "text"},
		{"en", "decimal128", "decimal128"},
	}
	for _, tt := range names {
		if got := localTypeName(tt.lang, tt.typ); got != tt.want {
			t.Errorf("localTypeName(%s, %s) = %q; want %q", tt.lang, tt.typ, got, tt.want)
		}
	}
	if got := localDelimiterName("en", "\t"); got != "tab" {
		t.Errorf("English tab = %q", got)
	}
	if got := localDelimiterName("fr", "#"); got != "« # »" {
		t.Errorf("French other delimiter = %q", got)
	}
	// The French names facilitators have read since the first version.
	for typ, want := range map[string]string{"utf8": "texte", "int64": "nombre entier", "float64": "nombre décimal",
		"date32": "date", "timestamp[s]": "date et heure", "bool": "oui / non", "x": "x"} {
		if got := localTypeName("fr", typ); got != want {
			t.Errorf("%s: %q; want %q", typ, got, want)
		}
	}
	for d, want := range map[string]string{";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"} {
		if got := localDelimiterName("fr", d); got != want {
			t.Errorf("%q: %q; want %q", d, got, want)
		}
	}
}

func TestInternalErrorsAndPanicsSpeakTheVisitorsLanguage(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for lang, want := range map[string]string{
		"en": "An internal error occurred (reference ",
		"fr": "Une erreur interne est survenue (référence ",
	} {
		h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Language", lang)
		h.ServeHTTP(w, r)
		if w.Code != 500 || !strings.HasPrefix(w.Body.String(), want) || !strings.HasSuffix(w.Body.String(), ").\n") {
			t.Errorf("%s panic: %d %q", lang, w.Code, w.Body.String())
		}

		w = httptest.NewRecorder()
		r = httptest.NewRequest("GET", "/api/x", nil)
		r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
		s.fail(w, r, errors.New("disk on fire"))
		body := w.Body.String()
		wantRef := map[string]string{"en": "If it happens again, give the team this reference: ", "fr": "donnez cette référence à l'équipe : "}[lang]
		if w.Code != 500 || !strings.Contains(body, wantRef) || strings.Contains(body, "disk on fire") {
			t.Errorf("%s internal error: %d %s", lang, w.Code, body)
		}
	}
}
