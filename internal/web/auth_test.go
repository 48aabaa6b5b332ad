package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// client is a browser-like client: it keeps cookies, sends same-origin headers, and does not
// follow redirects, so that tests see them.
type client struct {
	t      testing.TB
	ts     *httptest.Server
	cookie string
}

func newClient(t testing.TB, ts *httptest.Server) *client { return &client{t: t, ts: ts} }

func (c *client) do(method, path, body string, header ...string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.ts.URL+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	if c.cookie != "" {
		req.Header.Set("Cookie", "atelier_session="+c.cookie)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.Name == "atelier_session" {
			c.cookie = ck.Value
		}
	}
	return resp, string(b)
}

func (c *client) login(email, password, next string) *http.Response {
	c.t.Helper()
	form := url.Values{"email": {email}, "password": {password}, "next": {next}}
	resp, _ := c.do(http.MethodPost, "/login", form.Encode())
	return resp
}

func TestLoginAndLogout(t *testing.T) {
	ts := newTestServer(t)
	c := newClient(t, ts)
	resp := c.login(testEmail, testPassword, "/p/brouillon")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/p/brouillon" {
		t.Fatalf("login = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	set := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(set, want) {
			t.Errorf("session cookie %q lacks %s", set, want)
		}
	}
	first := c.cookie
	if resp, body := c.do("GET", "/p/brouillon", ""); resp.StatusCode != 200 || !strings.Contains(body, "Brouillon secret") {
		t.Errorf("a logged-in facilitator cannot read a draft: %d", resp.StatusCode)
	}
	c.login(testEmail, testPassword, "/")
	if c.cookie == first {
		t.Error("a new login kept the same session id")
	}
	second := c.cookie
	resp, _ = c.do("POST", "/logout", "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout = %d", resp.StatusCode)
	}
	for _, token := range []string{first, second} {
		c.cookie = token
		if resp, _ := c.do("GET", "/p/brouillon", ""); resp.StatusCode != 404 {
			t.Errorf("a revoked session still reads drafts: %d", resp.StatusCode)
		}
	}
}

func TestFailedLoginsLookAlikeAndAreThrottled(t *testing.T) {
	ts := newTestServer(t)
	c := newClient(t, ts)
	wrong, _ := c.do("POST", "/login", url.Values{"email": {testEmail}, "password": {"mauvais mot de passe"}}.Encode())
	unknown, body := c.do("POST", "/login", url.Values{"email": {"inconnu@ville.fr"}, "password": {"mauvais mot de passe"}}.Encode())
	if wrong.StatusCode != 401 || unknown.StatusCode != 401 || !strings.Contains(body, "Adresse ou mot de passe incorrect") {
		t.Errorf("wrong password %d, unknown e-mail %d", wrong.StatusCode, unknown.StatusCode)
	}
	if c.cookie != "" {
		t.Error("a failed login set a session cookie")
	}
	var last *http.Response
	for i := 0; i < 5; i++ {
		last, _ = c.do("POST", "/login", url.Values{"email": {testEmail}, "password": {"encore faux !!"}}.Encode())
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("after repeated failures: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
	}
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the right password during the lock-out: %d; want 429", resp.StatusCode)
	}
}

func TestLoginNeverRedirectsElsewhere(t *testing.T) {
	ts := newTestServer(t)
	for _, next := range []string{"//evil.example", "https://evil.example/", `/\evil.example`, "javascript:alert(1)", ""} {
		c := newClient(t, ts)
		if resp := c.login(testEmail, testPassword, next); resp.Header.Get("Location") != "/" {
			t.Errorf("next=%q redirected to %q", next, resp.Header.Get("Location"))
		}
	}
}

func TestCrossOriginStateChangesAreRefused(t *testing.T) {
	ts := newTestServer(t)
	form := url.Values{"email": {testEmail}, "password": {testPassword}}.Encode()
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "", "Origin", "https://evil.example"},
		{"Sec-Fetch-Site", "", "Origin", "null"},
	} {
		c := newClient(t, ts)
		resp, _ := c.do("POST", "/login", form, h...)
		if resp.StatusCode != http.StatusForbidden || c.cookie != "" {
			t.Errorf("POST /login with %v = %d; want 403 and no session", h, resp.StatusCode)
		}
	}
	c := newClient(t, ts)
	if resp, _ := c.do("GET", "/logout", ""); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /logout = %d; a GET must never change state", resp.StatusCode)
	}
}

func TestPageSavePreconditions(t *testing.T) {
	ts := newTestServer(t)
	anon := newClient(t, ts)
	body := `{"markdown": "# Nouvelle page\n"}`
	if resp, _ := anon.do("PUT", "/api/pages/nouvelle", body, "If-None-Match", "*"); resp.StatusCode != 401 {
		t.Errorf("anonymous save = %d; want 401", resp.StatusCode)
	}
	c := newClient(t, ts)
	c.login(testEmail, testPassword, "/")
	if resp, _ := c.do("PUT", "/api/pages/nouvelle", body); resp.StatusCode != 428 {
		t.Errorf("save without precondition = %d; want 428", resp.StatusCode)
	}
	resp, _ := c.do("PUT", "/api/pages/nouvelle", body, "If-None-Match", "*")
	if resp.StatusCode != 201 || resp.Header.Get("ETag") != `"1"` {
		t.Fatalf("create = %d, ETag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	resp, _ = c.do("PUT", "/api/pages/nouvelle", `{"markdown": "# Version 2\n"}`, "If-Match", `"1"`)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("update = %d, ETag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	resp, text := c.do("PUT", "/api/pages/nouvelle", `{"markdown": "# Mon texte à moi\n"}`, "If-Match", `"1"`)
	if resp.StatusCode != 412 {
		t.Fatalf("stale save = %d; want 412", resp.StatusCode)
	}
	var conflict struct {
		Markdown string
		Current  struct {
			Revision int
			Markdown string
		}
	}
	json.Unmarshal([]byte(text), &conflict)
	if conflict.Markdown != "# Mon texte à moi\n" || conflict.Current.Revision != 2 || conflict.Current.Markdown != "# Version 2\n" {
		t.Errorf("412 body does not hand both texts back: %s", text)
	}
	if resp, _ := c.do("PUT", "/api/pages/nouvelle", `pas du json`, "If-Match", `"2"`); resp.StatusCode != 400 {
		t.Errorf("bad JSON = %d; want 400", resp.StatusCode)
	}
	big := `{"markdown": "` + strings.Repeat("a", 70<<10) + `"}`
	if resp, _ := c.do("PUT", "/api/pages/nouvelle", big, "If-Match", `"2"`); resp.StatusCode != 413 {
		t.Errorf("oversized page = %d; want 413", resp.StatusCode)
	}
}

func TestOnlyAdminsManageAccounts(t *testing.T) {
	c := loggedIn(t) // a facilitator
	if resp, _ := c.do("GET", "/atelier/comptes", ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a facilitator opened the accounts page: %d", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "/atelier/comptes", url.Values{"email": {"x@y.fr"}, "password": {"un mot de passe long"}, "role": {"admin"}}.Encode()); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a facilitator added an account: %d", resp.StatusCode)
	}
}

func TestAdminAddsDisablesAndResetsAccounts(t *testing.T) {
	ts := newTestServer(t)
	facilitator := newClient(t, ts)
	facilitator.login(testEmail, testPassword, "/")
	admin := newClient(t, ts)
	admin.login(adminEmail, testPassword, "/")
	resp, _ := admin.do("POST", "/atelier/comptes", url.Values{"email": {"nouveau@ville.fr"}, "password": {"un mot de passe long"}, "role": {"facilitator"}}.Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add = %d", resp.StatusCode)
	}
	_, page := admin.do("GET", "/atelier/comptes", "")
	if !strings.Contains(page, "nouveau@ville.fr") || !strings.Contains(page, testEmail) {
		t.Errorf("the accounts page lacks the accounts")
	}
	var facilitatorID string
	for _, row := range strings.Split(page, "<tr>") {
		if m := regexp.MustCompile(`/atelier/comptes/(\d+)/desactiver`).FindStringSubmatch(row); m != nil && strings.Contains(row, testEmail) {
			facilitatorID = m[1]
		}
	}
	if facilitatorID == "" {
		t.Fatal("no disable form for the facilitator")
	}
	if resp, _ := admin.do("POST", "/atelier/comptes/"+facilitatorID+"/desactiver", ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable = %d", resp.StatusCode)
	}
	if resp, _ := facilitator.do("GET", "/atelier", ""); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled facilitator still reaches the workspace: %d", resp.StatusCode)
	}
	if resp := newClient(t, ts).login(testEmail, testPassword, "/"); resp.StatusCode != 401 {
		t.Errorf("a disabled facilitator logs in: %d", resp.StatusCode)
	}
}
