package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// The catalogues compared are the merged ones: catalogFR with catalogWebFR, and so on.
func TestCataloguesHaveTheSameMessages(t *testing.T) {
	if diff := cmp.Diff(sortedKeys(catalogs["fr"]), sortedKeys(catalogs["en"])); diff != "" {
		t.Errorf("French and English catalogues differ (-fr +en):\n%s", diff)
	}
	for key, fr := range catalogs["fr"] {
		en, ok := catalogs["en"][key]
		if !ok {
			continue
		}
		if got, want := verbRE.FindAllString(en, -1), verbRE.FindAllString(fr, -1); !slices.Equal(got, want) {
			t.Errorf("%s: English verbs %q, French %q", key, got, want)
		}
	}
}

var templateKeyRE = regexp.MustCompile(`\bt "([^"]+)"`)

func TestEveryTemplateMessageIsInTheCatalogues(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("templates: %v %v", names, err)
	}
	used := 0
	for _, name := range names {
		text, _ := fs.ReadFile(templateFS, name)
		for _, m := range templateKeyRE.FindAllStringSubmatch(string(text), -1) {
			used++
			for lang, cat := range catalogs {
				if _, ok := cat[m[1]]; !ok {
					t.Errorf("%s: {{t %q}} is not in the %s catalogue", name, m[1], lang)
				}
			}
		}
	}
	if used < 100 {
		t.Errorf("only %d messages found in the templates", used)
	}
}

// Outside the catalogues, a template holds markup, actions and punctuation: no words.
func TestTemplatesHoldNoTextOfTheirOwn(t *testing.T) {
	actions := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tags := regexp.MustCompile(`(?s)<[^>]*>`)
	words := regexp.MustCompile(`[\p{L}]{2,}`)
	allowed := map[string]bool{"atelier": true}
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, name := range names {
		text, _ := fs.ReadFile(templateFS, name)
		rest := tags.ReplaceAllString(actions.ReplaceAllString(string(text), " "), " ")
		for _, w := range words.FindAllString(rest, -1) {
			if !allowed[w] {
				t.Errorf("%s: the word %q is outside the catalogues", name, w)
			}
		}
		// Attributes a reader sees or hears must come from the catalogues too.
		attr := regexp.MustCompile(`(?:title|placeholder|aria-label|alt)="([^"{]*[\p{L}][^"]*)"`)
		for _, m := range attr.FindAllStringSubmatch(actions.ReplaceAllString(string(text), "X"), -1) {
			if m[1] != "X" {
				t.Errorf("%s: attribute text %q is outside the catalogues", name, m[1])
			}
		}
	}
}

var scriptKeyRE = regexp.MustCompile(`tr\('([^']+)', '((?:[^'\\]|\\.)*)'`)
var placeholderRE = regexp.MustCompile(`\{\d\}`)

func TestEveryScriptMessageHasItsEnglish(t *testing.T) {
	used := map[string]bool{}
	prefixes := map[string]string{
		"static/atelier.js": "js.", "static/editor.js": "ed.",
		"static/questions.js": "qs.", "static/question-widgets.js": "qs.",
		"static/editor-questions.js": "ed.",
	}
	for name, prefix := range prefixes {
		text, err := fs.ReadFile(staticFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range scriptKeyRE.FindAllStringSubmatch(string(text), -1) {
			key, french := m[1], m[2]
			used[key] = true
			if !strings.HasPrefix(key, prefix) {
				t.Errorf("%s: message %q should start with %q (the page sends only its own script's messages)", name, key, prefix)
			}
			en, ok := scriptCatalogs["en"][key]
			if !ok {
				t.Errorf("%s: tr(%q) has no English", name, key)
				continue
			}
			got, want := placeholderRE.FindAllString(en, -1), placeholderRE.FindAllString(french, -1)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: English placeholders %q, French %q", key, got, want)
			}
		}
	}
	for key := range scriptCatalogs["en"] {
		if !used[key] {
			t.Errorf("English script message %q is used by no script", key)
		}
	}
	if len(used) < 200 {
		t.Errorf("only %d script messages found", len(used))
	}
}

func TestAcceptedLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "fr"},
		{"en", "en"},
		{"en-GB,en;q=0.9", "en"},
		{"fr-FR,fr;q=0.9,en;q=0.8", "fr"},
		{"de-DE,de;q=0.9,en;q=0.8,fr;q=0.7", "en"},
		{"de, it", "fr"},
		{"fr;q=0.5, en;q=0.6", "en"},
		{"en;q=0, fr;q=0.1", "fr"},
		{"EN-us", "en"},
		{"en;q=abc", "en"},
		{"english", "fr"},
	}
	for _, tt := range tests {
		if got := acceptedLanguage(tt.header); got != tt.want {
			t.Errorf("acceptedLanguage(%q) = %q; want %q", tt.header, got, tt.want)
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
