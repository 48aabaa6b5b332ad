package web_test

import (
	"strings"
	"testing"
)

// Speaker notes and the author's e-mail never leave the server for a visitor who is not
// logged in: not in the page, the slides, the JSON, the offline file, nor a frozen snapshot.
func TestAnonymousOutputsCarryNoNotesNorEmail(t *testing.T) {
	c := loggedIn(t)
	md := `{"markdown": "# Un\n\nTexte public.\n\n> Notes : ne dites pas le chiffre secret\n\n---\n\n# Deux\n"}`
	if resp, body := c.do("PUT", "/api/pages/deck", md, "If-None-Match", "*"); resp.StatusCode != 201 {
		t.Fatalf("create = %d %s", resp.StatusCode, body)
	}
	c.do("POST", "/api/pages/deck/status", `{"status": "published"}`)
	if resp, _ := c.do("POST", "/p/deck/figer", "label=r%C3%A9union"); resp.StatusCode != 303 {
		t.Fatalf("freeze = %d", resp.StatusCode)
	}
	anon := newClient(t, c.ts)
	for _, path := range []string{"/p/deck", "/p/deck/present", "/api/pages/deck", "/p/deck/hors-ligne.html",
		"/p/deck/figee/1", "/p/deck/figee/1/present"} {
		resp, body := anon.do("GET", path, "")
		if resp.StatusCode != 200 || !strings.Contains(body, "Texte public") {
			t.Errorf("%s = %d", path, resp.StatusCode)
		}
		for _, secret := range []string{"chiffre secret", "Notes :", testEmail, `"markdown"`, `"author"`} {
			if strings.Contains(body, secret) {
				t.Errorf("%s gives an anonymous visitor %q", path, secret)
			}
		}
	}
	_, js := anon.do("GET", "/api/pages/deck", "")
	for _, field := range []string{`"slug": "deck"`, `"title": "Un"`, `"revision": 1`, `"status": "published"`, `"html": `} {
		if !strings.Contains(js, field) {
			t.Errorf("the anonymous JSON lacks %s:\n%s", field, js)
		}
	}
	for _, path := range []string{"/p/deck/present?presenter=1", "/p/deck/figee/1/present?presenter=1"} {
		if _, body := c.do("GET", path, ""); !strings.Contains(body, "chiffre secret") {
			t.Errorf("%s: the presenter lacks the notes", path)
		}
	}
	if _, js := c.do("GET", "/api/pages/deck", ""); !strings.Contains(js, `"markdown"`) || !strings.Contains(js, testEmail) {
		t.Errorf("the facilitator's JSON lacks the markdown or the author:\n%s", js)
	}
}
