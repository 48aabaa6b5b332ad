package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/web"
)

// testClock is a clock that tests move by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// loginFrom posts the login form to the server's handler as if from addr: the addresses are
// compared, never dialled.
func loginFrom(h http.Handler, addr, email, password string) *httptest.ResponseRecorder {
	form := url.Values{"email": {email}, "password": {password}}.Encode()
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.RemoteAddr = addr + ":40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Five wrong passwords from one address, in any case of the e-mail, lock that address out of
// that account for 15 minutes, and never the owner on another address.
func TestFailedLoginsElsewhereNeverLockTheOwnerOut(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}
	srv, _ := newTestApp(t, func(d *web.Deps) { d.Clock = clock.Now })
	h := srv.Handler()
	const attacker, owner = "203.0.113.9", "198.51.100.7"
	variants := []string{strings.ToUpper(testEmail), testEmail, " Animatrice@Ville.fr"}
	for i := range 5 {
		if rec := loginFrom(h, attacker, variants[i%3], "devine"); rec.Code != 401 {
			t.Fatalf("wrong password %d = %d", i+1, rec.Code)
		}
	}
	rec := loginFrom(h, attacker, testEmail, testPassword)
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "900" {
		t.Errorf("the guesser, after 5 failures in any case = %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := loginFrom(h, owner, testEmail, testPassword); rec.Code != http.StatusSeeOther {
		t.Errorf("the owner on another address = %d; want 303", rec.Code)
	}
	if rec := loginFrom(h, "2001:db8:1:2::99", testEmail, "devine"); rec.Code != 401 {
		t.Errorf("a third address = %d", rec.Code)
	}
	clock.Advance(15 * time.Minute)
	if rec := loginFrom(h, attacker, testEmail, testPassword); rec.Code != http.StatusSeeOther {
		t.Errorf("the guesser's address, 15 minutes later, with the right password = %d", rec.Code)
	}
}
