package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestPresentShowsSlidesWithoutNotesForTheAudience(t *testing.T) {
	c := loggedIn(t)
	md := `{"markdown": "# Un\n\n---\n\n# Deux\n\n> Notes : bonjour\n"}`
	if resp, _ := c.do("PUT", "/api/pages/deck", md, "If-None-Match", "*"); resp.StatusCode != 201 {
		t.Fatalf("create = %d", resp.StatusCode)
	}
	c.do("POST", "/api/pages/deck/status", `{"status": "unlisted"}`)
	anon := newClient(t, c.ts)
	resp, body := anon.do("GET", "/p/deck/present?cle="+shareKeyOf(t, c, "deck"), "")
	if resp.StatusCode != 200 || strings.Count(body, `<section class="slide"`) != 2 || !strings.Contains(body, `id="diapo-2"`) ||
		!strings.Contains(body, `class="present"`) || !strings.Contains(body, "qr.svg") {
		t.Errorf("present = %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "bonjour") || strings.Contains(body, `class="notes"`) {
		t.Errorf("the audience's slides carry the speaker notes:\n%s", body)
	}
	if _, body := c.do("GET", "/p/deck/present", ""); !strings.Contains(body, "bonjour") {
		t.Error("a logged-in facilitator's slides lack the notes")
	}
	if _, home := anon.do("GET", "/", ""); strings.Contains(home, "/p/deck") {
		t.Error("an unlisted page is listed on the home page")
	}
	_, body = c.do("GET", "/p/deck/present?presenter=1", "")
	if !strings.Contains(body, `class="present presenter"`) || !strings.Contains(body, `<aside class="notes">`) {
		t.Errorf("the presenter view lacks its class or the notes")
	}
	resp, svg := anon.do("GET", "/p/deck/qr.svg?cle="+shareKeyOf(t, c, "deck"), "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg, "<path") {
		t.Errorf("qr = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestChartAloneCanBeFramedByAnySite(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/p/martigues-en-chiffres/charts/2")
	if resp.StatusCode != 200 || !strings.Contains(body, `data-chart="2"`) || strings.Contains(body, `data-chart="1"`) {
		t.Fatalf("chart 2 = %d", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
		t.Errorf("CSP = %q", csp)
	}
	if resp, _ := fetch(t, ts, "/p/martigues-en-chiffres/charts/9"); resp.StatusCode != 404 {
		t.Errorf("a missing chart = %d", resp.StatusCode)
	}
	if _, page := fetch(t, ts, "/p/martigues-en-chiffres"); strings.Contains(page, "frame-ancestors *") {
		t.Error("the page itself may be framed")
	}
}

func TestFollowersReceiveThePresentersSlide(t *testing.T) {
	c := loggedIn(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", c.ts.URL+"/p/martigues-en-chiffres/follow", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("follow: %q, encoding %q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // retry:
	anon := newClient(t, c.ts)
	if _, state := anon.do("GET", "/p/martigues-en-chiffres/follow/etat", ""); !strings.Contains(state, `"live": false`) {
		t.Errorf("before the presenter moves, state = %s", state)
	}
	if resp, _ := anon.do("POST", "/p/martigues-en-chiffres/follow", `{"slide": 2}`); resp.StatusCode != 401 {
		t.Errorf("an anonymous visitor moved the slides: %d", resp.StatusCode)
	}
	if resp, text := c.do("POST", "/p/martigues-en-chiffres/follow", `{"slide": 1}`); resp.StatusCode != 200 || !strings.Contains(text, `"followers": 1`) {
		t.Fatalf("presenter move = %d %s", resp.StatusCode, text)
	}
	if _, state := anon.do("GET", "/p/martigues-en-chiffres/follow/etat", ""); !strings.Contains(state, `"live": true`) || !strings.Contains(state, `"slide": 1`) {
		t.Errorf("after the presenter moved, state = %s", state)
	}
	slide := false // the stream opens with the etat event; the slide event follows
	for lines.Scan() {
		if lines.Text() == "event: slide" {
			slide = true
		} else if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok && slide {
			if data != `{"slide":1,"anchor":"diapo-1"}` {
				t.Errorf("event = %s", data)
			}
			return
		}
	}
	t.Error("no event reached the follower")
}

func TestFreezeGivesAPermanentAddress(t *testing.T) {
	c := loggedIn(t)
	resp, _ := c.do("POST", "/p/martigues-en-chiffres/figer", "label=r%C3%A9union+du+12+d%C3%A9cembre")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/p/martigues-en-chiffres/figee/1" {
		t.Fatalf("freeze = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	anon := newClient(t, c.ts)
	resp, body := anon.do("GET", "/p/martigues-en-chiffres/figee/1", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "Version figée « réunion du 12 décembre »") || !strings.Contains(body, `data-chart="3"`) {
		t.Errorf("snapshot page = %d", resp.StatusCode)
	}
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres/figee/1/present", ""); resp.StatusCode != 200 {
		t.Errorf("snapshot slides = %d", resp.StatusCode)
	}
	if resp, _ := anon.do("POST", "/p/martigues-en-chiffres/figer", "label=x"); resp.StatusCode != 401 {
		t.Errorf("anonymous freeze = %d", resp.StatusCode)
	}
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres/figee/2", ""); resp.StatusCode != 404 {
		t.Errorf("missing snapshot = %d", resp.StatusCode)
	}
}

func TestPublicViewsAreCachedButNeverStale(t *testing.T) {
	c := loggedIn(t)
	anon := newClient(t, c.ts)
	resp, first := anon.do("GET", "/p/martigues-en-chiffres", "")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || etag == "" {
		t.Fatalf("view = %d, ETag %q", resp.StatusCode, etag)
	}
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres", "", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("repeat visit = %d; want 304", resp.StatusCode)
	}
	_, current := c.do("GET", "/api/pages/martigues-en-chiffres", "")
	var p struct{ Markdown string }
	json.Unmarshal([]byte(current), &p)
	body, _ := json.Marshal(map[string]string{"markdown": p.Markdown + "\nUne phrase ajoutée.\n"})
	if resp, _ := c.do("PUT", "/api/pages/martigues-en-chiffres", string(body), "If-Match", `"1"`); resp.StatusCode != 200 {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	resp, second := anon.do("GET", "/p/martigues-en-chiffres", "", "If-None-Match", etag)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag || !strings.Contains(second, "Une phrase ajoutée.") || first == second {
		t.Errorf("after a save: %d, ETag %q, new text shown: %v", resp.StatusCode, resp.Header.Get("ETag"), strings.Contains(second, "Une phrase ajoutée."))
	}
	c.do("POST", "/api/pages/martigues-en-chiffres/status", `{"status": "draft"}`)
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres", ""); resp.StatusCode != 404 {
		t.Errorf("an unpublished page is still served from the cache: %d", resp.StatusCode)
	}
}

func TestEachChartDownloadsAsCSV(t *testing.T) {
	c := loggedIn(t)
	anon := newClient(t, c.ts)
	_, page := anon.do("GET", "/p/martigues-en-chiffres", "")
	if !strings.Contains(page, `href="/p/martigues-en-chiffres/charts/1.csv"`) {
		t.Fatal("no CSV link under the first chart")
	}
	resp, body := anon.do("GET", "/p/martigues-en-chiffres/charts/1.csv", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "\ufeffCommune;") || !strings.Contains(body, "Martigues;48568\r\n") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), `filename="martigues-en-chiffres-graphique-1.csv"`) {
		t.Errorf("CSV = %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
	}
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres/charts/9.csv", ""); resp.StatusCode != 404 {
		t.Errorf("missing chart CSV = %d", resp.StatusCode)
	}
	c.do("POST", "/p/martigues-en-chiffres/figer", "label=conseil")
	_, frozen := anon.do("GET", "/p/martigues-en-chiffres/figee/1", "")
	if !strings.Contains(frozen, `href="/p/martigues-en-chiffres/figee/1/charts/1.csv"`) {
		t.Error("a frozen page's CSV link does not point at the frozen results")
	}
	if resp, body := anon.do("GET", "/p/martigues-en-chiffres/figee/1/charts/1.csv", ""); resp.StatusCode != 200 || !strings.Contains(body, "Martigues;48568") {
		t.Errorf("frozen CSV = %d", resp.StatusCode)
	}
}

// shareKeyOf reads an unlisted page's secret key from its editor, as a facilitator.
func shareKeyOf(t *testing.T, c *client, slug string) string {
	t.Helper()
	_, edit := c.do("GET", "/p/"+slug+"/edit", "")
	m := regexp.MustCompile(`data-share-key="([^"]*)"`).FindStringSubmatch(edit)
	if m == nil || m[1] == "" {
		t.Fatalf("no share key in the editor of %s", slug)
	}
	return m[1]
}

func TestAnUnlistedPageAnswersOnlyToItsSecretLink(t *testing.T) {
	c := loggedIn(t)
	c.do("POST", "/api/pages/martigues-en-chiffres/status", `{"status": "unlisted"}`)
	key := shareKeyOf(t, c, "martigues-en-chiffres")
	paths := []string{"/p/martigues-en-chiffres", "/p/martigues-en-chiffres/present", "/p/martigues-en-chiffres/charts/1",
		"/p/martigues-en-chiffres/charts/1.csv", "/p/martigues-en-chiffres/qr.svg", "/api/pages/martigues-en-chiffres"}
	stranger := newClient(t, c.ts)
	for _, p := range paths {
		if resp, _ := stranger.do("GET", p, ""); resp.StatusCode != 404 {
			t.Errorf("without the key, GET %s = %d; want 404", p, resp.StatusCode)
		}
		if resp, _ := stranger.do("GET", p+"?cle=devine", ""); resp.StatusCode != 404 {
			t.Errorf("with a wrong key, GET %s = %d; want 404", p, resp.StatusCode)
		}
	}
	// A resident who got the link: the page, then everything under it by the cookie it left.
	resident := newClient(t, c.ts)
	req, _ := http.NewRequest("GET", c.ts.URL+"/p/martigues-en-chiffres?cle="+url.QueryEscape(key), nil)
	resp, err := c.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "atelier_cle_martigues-en-chiffres" {
			cookie = ck
		}
	}
	if resp.StatusCode != 200 || cookie == nil || cookie.Path != "/p/martigues-en-chiffres" || !cookie.HttpOnly {
		t.Fatalf("with the key: %d, cookie %+v", resp.StatusCode, cookie)
	}
	withCookie := func(p string) int {
		req, _ := http.NewRequest("GET", c.ts.URL+p, nil)
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
		resp, err := c.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, p := range paths {
		if got := withCookie(p); got != 200 {
			t.Errorf("with the page's cookie, GET %s = %d; want 200", p, got)
		}
	}
	_, qr := resident.do("GET", "/p/martigues-en-chiffres/qr.svg?cle="+url.QueryEscape(key), "")
	if !strings.Contains(qr, "<path") {
		t.Error("no QR code for the secret link")
	}
	// A new link: the old key and the cookies made from it stop working at once.
	resp2, text := c.do("POST", "/api/pages/martigues-en-chiffres/share-key", "")
	if resp2.StatusCode != 200 || !strings.Contains(text, "?cle=") || strings.Contains(text, key) {
		t.Fatalf("revoke = %d %s", resp2.StatusCode, text)
	}
	if got := withCookie("/p/martigues-en-chiffres"); got != 404 {
		t.Errorf("after « Nouveau lien », the old cookie still opens the page: %d", got)
	}
	if resp, _ := stranger.do("GET", "/p/martigues-en-chiffres?cle="+url.QueryEscape(key), ""); resp.StatusCode != 404 {
		t.Errorf("after « Nouveau lien », the old link still opens the page: %d", resp.StatusCode)
	}
}
