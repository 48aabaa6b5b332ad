package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestEnglishFromAcceptLanguage(t *testing.T) {
	ts := newTestServer(t)
	chrome := []string{`<html lang="en">`, ">Pages</a>", ">Data</a>", ">Log in</a>", "Skip to content",
		"the city&#39;s open data", `value="fr" lang="fr">Français</button>`}
	french := []string{">Connexion</a>", ">Données</a>", "Aller au contenu", "pour en débattre en conseil de quartier"}
	tests := []struct {
		path     string
		contains []string
	}{
		{"/", []string{"The city&#39;s data, in pages", "Martigues en chiffres"}},
		{"/p/martigues-en-chiffres", []string{"Follow the presentation", "Present as slides", "Download to read offline", "Revision 1, updated on ", `id="atelier-strings"`, `"js.follow.start":"Follow the presentation"`}},
		{"/login", []string{"Facilitators&#39; login", "E-mail address", "Password", `<button type="submit">Log in</button>`}},
		{"/nulle-part", []string{"Page not found", "Back to the home page"}},
	}
	for _, tt := range tests {
		resp, body := fetch(t, ts, tt.path, "Accept-Language", "en-GB,en;q=0.9,fr;q=0.5")
		for _, s := range append(tt.contains, chrome...) {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s in English: body lacks %q", tt.path, s)
			}
		}
		for _, s := range french {
			if strings.Contains(body, s) {
				t.Errorf("GET %s in English: body still says %q", tt.path, s)
			}
		}
		if v := strings.Join(resp.Header.Values("Vary"), ", "); !strings.Contains(v, "Accept-Language") || !strings.Contains(v, "Cookie") {
			t.Errorf("GET %s: Vary = %q", tt.path, v)
		}
	}
}

func TestFrenchStaysTheDefault(t *testing.T) {
	ts := newTestServer(t)
	if _, body := fetch(t, ts, "/", "Accept-Language", "fr", "Cookie", "atelier_lang=en"); !strings.Contains(body, `<html lang="en">`) {
		t.Error("the switch's cookie did not win over a French browser")
	}
	for _, header := range []string{"", "de-DE,de;q=0.9", "fr-FR,en;q=0.5"} {
		_, body := fetch(t, ts, "/p/martigues-en-chiffres", "Accept-Language", header)
		for _, s := range []string{`<html lang="fr">`, "Suivre la présentation", ">Connexion</a>", `value="en" lang="en">English</button>`} {
			if !strings.Contains(body, s) {
				t.Errorf("Accept-Language %q: body lacks %q", header, s)
			}
		}
		// French is built into the scripts: French pages carry no catalogue.
		if strings.Contains(body, "atelier-strings") || strings.Contains(body, "Follow the presentation") {
			t.Errorf("Accept-Language %q: English in a French page", header)
		}
	}
}

func TestTheLanguageCookieWinsOverTheHeader(t *testing.T) {
	ts := newTestServer(t)
	_, body := fetch(t, ts, "/", "Accept-Language", "en", "Cookie", "atelier_lang=fr")
	if !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Les données de la ville, en pages") {
		t.Error("cookie fr + header en: not French")
	}
	_, body = fetch(t, ts, "/", "Accept-Language", "fr", "Cookie", "atelier_lang=en")
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "The city&#39;s data, in pages") {
		t.Error("cookie en + header fr: not English")
	}
	_, body = fetch(t, ts, "/", "Accept-Language", "en", "Cookie", "atelier_lang=xx")
	if !strings.Contains(body, `<html lang="en">`) {
		t.Error("a bad cookie should leave the choice to the header")
	}
}

func TestCachedPagesAreKeptPerLanguage(t *testing.T) {
	ts := newTestServer(t)
	const path = "/p/martigues-en-chiffres"
	for i := 0; i < 2; i++ { // the second round comes from the cache
		frResp, fr := fetch(t, ts, path, "Accept-Language", "fr")
		enResp, en := fetch(t, ts, path, "Accept-Language", "en", "Accept-Encoding", "gzip")
		if !strings.Contains(fr, "Suivre la présentation") || strings.Contains(fr, "Follow the presentation") {
			t.Errorf("round %d: the French view is not French", i)
		}
		if !strings.Contains(en, "Follow the presentation") || strings.Contains(en, "Suivre la présentation") {
			t.Errorf("round %d: the English view is not English", i)
		}
		if frResp.Header.Get("ETag") == enResp.Header.Get("ETag") {
			t.Errorf("round %d: both languages have the ETag %s", i, frResp.Header.Get("ETag"))
		}
		if v := frResp.Header.Get("Vary"); v != "Accept-Encoding, Accept-Language, Cookie" {
			t.Errorf("Vary = %q", v)
		}
		// A French copy is never confirmed to an English reader.
		if resp, _ := fetch(t, ts, path, "Accept-Language", "en", "If-None-Match", frResp.Header.Get("ETag")); resp.StatusCode != http.StatusOK {
			t.Errorf("round %d: English revalidation of the French copy = %d; want 200", i, resp.StatusCode)
		}
		if resp, _ := fetch(t, ts, path, "Accept-Language", "en", "If-None-Match", enResp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
			t.Errorf("round %d: English revalidation of the English copy = %d; want 304", i, resp.StatusCode)
		}
	}
}

func TestTheLanguageSwitch(t *testing.T) {
	ts := newTestServer(t)
	c := newClient(t, ts)
	form := url.Values{"lang": {"en"}, "next": {"/p/martigues-en-chiffres?x=1"}}
	resp, _ := c.do(http.MethodPost, "/langue", form.Encode())
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/p/martigues-en-chiffres?x=1" {
		t.Fatalf("switch = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "atelier_lang" {
			cookie = ck
		}
	}
	if cookie == nil || cookie.Value != "en" || !cookie.HttpOnly || cookie.Path != "/" || cookie.MaxAge < 30*24*3600 {
		t.Fatalf("language cookie = %+v", cookie)
	}
	_, body := fetch(t, ts, "/p/martigues-en-chiffres", "Cookie", "atelier_lang="+cookie.Value)
	if !strings.Contains(body, `<html lang="en">`) {
		t.Error("after the switch, the page is not in English")
	}
	// The form in the footer comes back to the page it is on.
	_, body = fetch(t, ts, "/login?next=%2Fatelier", "Cookie", "atelier_lang=en")
	if !strings.Contains(body, `action="/langue"`) || !strings.Contains(body, `name="next" value="/login?next=%2Fatelier"`) {
		t.Error("the login page's language form does not come back to it")
	}

	tests := []struct {
		name, lang, next, wantLocation string
		wantStatus                     int
	}{
		{"to another site", "fr", "//evil.example/", "/", http.StatusSeeOther},
		{"to a scheme", "fr", "https://evil.example/", "/", http.StatusSeeOther},
		{"unknown language", "de", "/", "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		resp, _ := c.do(http.MethodPost, "/langue", url.Values{"lang": {tt.lang}, "next": {tt.next}}.Encode())
		if resp.StatusCode != tt.wantStatus || resp.Header.Get("Location") != tt.wantLocation {
			t.Errorf("%s: %d to %q; want %d to %q", tt.name, resp.StatusCode, resp.Header.Get("Location"), tt.wantStatus, tt.wantLocation)
		}
	}
	// Another site cannot switch a visitor's language.
	if resp, _ := c.do(http.MethodPost, "/langue", "lang=en&next=/", "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site switch = %d; want 403", resp.StatusCode)
	}
}

func TestWorkspaceInEnglish(t *testing.T) {
	c := loggedIn(t)
	tests := []struct {
		path     string
		contains []string
	}{
		{"/atelier", []string{"The workshop", "New page", "Import data", "Log out", ">Workshop</a>", "published", " rows · "}},
		{"/p/martigues-en-chiffres/edit", []string{"Saved (revision 1)", ">History</button>", ">Delete</button>", ">Chart…</button>", `"ed.builder.insert":"Insert"`, `"js.follow.start"`}},
		{"/atelier/import", []string{"Import data", "Choose a file or drop it here", `"ed.upload.choose":"Choose a file"`}},
		{"/p/martigues-en-chiffres", []string{"Freeze for", ">Freeze</button>"}},
	}
	for _, tt := range tests {
		_, body := c.do(http.MethodGet, tt.path, "", "Accept-Language", "en")
		for _, s := range tt.contains {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s in English: body lacks %q", tt.path, s)
			}
		}
	}
	// The editor's messages go only to the workspace: a resident's phone does not load them.
	_, body := fetch(t, c.ts, "/p/martigues-en-chiffres", "Accept-Language", "en")
	if strings.Contains(body, `"ed.`) {
		t.Error("a public page carries the editor's messages")
	}
}

func TestOfflinePageInTheReadersLanguage(t *testing.T) {
	ts := newTestServer(t)
	_, en := fetch(t, ts, "/p/martigues-en-chiffres/hors-ligne.html", "Accept-Language", "en")
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "saved for offline reading on") || !strings.Contains(en, `id="atelier-strings"`) {
		t.Error("the offline page is not in English")
	}
	_, fr := fetch(t, ts, "/p/martigues-en-chiffres/hors-ligne.html")
	if !strings.Contains(fr, `<html lang="fr">`) || !strings.Contains(fr, "enregistrée hors ligne le") {
		t.Error("the offline page is not in French")
	}
}
