package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The interface speaks French, or English when the visitor asks for it: a cookie set by the
// switch in the footer wins, then the browser's Accept-Language, then French. Templates say
// {{t "key"}} and find their text in the catalogues (catalog_fr.go, catalog_en.go); the
// scripts carry their French text as the fallback of tr(key, "…") and find the English in
// catalog_en_js.go, handed to them in the page as JSON (English pages only: French is built
// in). Messages written by the domain packages (datasets, charts, notebooks) stay French.

// langCookie holds the visitor's choice: "fr" or "en".
const langCookie = "atelier_lang"

// languages are the interface's languages, the default first.
var languages = []string{"fr", "en"}

// catalogs maps a language to its messages, keyed by message id.
var catalogs = map[string]map[string]string{
	"fr": mergeCatalogs(catalogFR, catalogWebFR, catalogAccessFR, catalogRecipeFR, catalogRoomFR, catalogQuestionsFR, catalogSSRFR),
	"en": mergeCatalogs(catalogEN, catalogWebEN, catalogAccessEN, catalogRecipeEN, catalogRoomEN, catalogQuestionsEN, catalogSSREN),
}

// scriptCatalogs are the scripts' messages: only English, the French being in the scripts.
var scriptCatalogs = map[string]map[string]string{"en": mergeCatalogs(catalogENScripts, catalogRecipeENScripts, catalogRoomENScripts, catalogQuestionsENScripts, catalogSnapENScripts)}

func supported(lang string) bool { return lang == "fr" || lang == "en" }

// langOf is the language of the answer to r: the visitor's choice (the switch's cookie),
// else their browser's language, else French.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && supported(c.Value) {
		return c.Value
	}
	return acceptedLanguage(r.Header.Get("Accept-Language"))
}

// acceptedLanguage picks from an Accept-Language header the supported language of highest
// quality (the first one on a tie), or French.
func acceptedLanguage(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if !supported(primary) {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		if q > bestQ {
			best, bestQ = primary, q
		}
	}
	if best == "" {
		return languages[0]
	}
	return best
}

// translate finds a message in lang's catalogue and fills its printf verbs with args. A
// missing message falls back to French, then to its id, so that a page never fails for it.
func translate(lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		if msg, ok = catalogFR[key]; !ok {
			msg = key
		}
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// scriptStrings are the messages the scripts of a page need in lang, or nil in French. The
// editor's messages go only to the workspace pages.
func scriptStrings(lang string, editor bool) map[string]string {
	cat := scriptCatalogs[lang]
	if cat == nil {
		return nil
	}
	out := make(map[string]string, len(cat))
	for k, v := range cat {
		if editor || !strings.HasPrefix(k, "ed.") {
			out[k] = v
		}
	}
	return out
}

// handleLanguageSet is the language switch of the footer: it remembers the choice for a
// year and goes back to the page it was made on. Cross-origin protection covers it, like
// every POST, so another site cannot change a visitor's language.
func (s *Server) handleLanguageSet(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	lang := r.PostFormValue("lang")
	if !supported(lang) {
		s.answerError(w, r, http.StatusBadRequest, translate(langOf(r), "lang.unknown"))
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}
