package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"atelier/internal/web"
)

// TestFollowPastTheCapsIs503: a client address past its cap of live streams gets 503 with
// Retry-After and a French message; a freed connection lets the next one in.
func TestFollowPastTheCapsIs503(t *testing.T) {
	_, ts := newTestApp(t, func(d *web.Deps) { d.Follow = web.FollowLimits{PerAddress: 2, Total: 100} })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	open := func() *http.Response {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/p/martigues-en-chiffres/follow", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	first, second := open(), open()
	defer second.Body.Close()
	if first.StatusCode != 200 || second.StatusCode != 200 {
		t.Fatalf("streams = %d, %d", first.StatusCode, second.StatusCode)
	}
	third := open()
	third.Body.Close()
	if third.StatusCode != http.StatusServiceUnavailable || third.Header.Get("Retry-After") == "" {
		t.Errorf("third stream = %d, Retry-After %q; want 503 with Retry-After", third.StatusCode, third.Header.Get("Retry-After"))
	}
	first.Body.Close()
	// The server notices the closed connection on its next write: poll the cap, briefly.
	deadline := time.Now().Add(5 * time.Second)
	for {
		again := open()
		again.Body.Close()
		if again.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after one stream closed, a new one = %d", again.StatusCode)
		}
	}
}

// TestShortCodeLeadsToThePageWhileItIsPresented: the 4-digit code the presenter's move
// returns redirects to the page (with its key when unlisted), and to nothing once it ends.
func TestShortCodeLeadsToThePageWhileItIsPresented(t *testing.T) {
	c := loggedIn(t)
	anon := newClient(t, c.ts)
	if resp, _ := c.do("POST", "/api/pages/martigues-en-chiffres/status", `{"status": "unlisted"}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
		t.Fatalf("unlist = %d", resp.StatusCode)
	}
	resp, text := c.do("POST", "/p/martigues-en-chiffres/follow", `{"slide": 1}`)
	var move struct{ Code string }
	if err := json.Unmarshal([]byte(text), &move); err != nil || resp.StatusCode != 200 || !regexp.MustCompile(`^\d{4}$`).MatchString(move.Code) {
		t.Fatalf("move = %d %s", resp.StatusCode, text)
	}
	resp, _ = anon.do("GET", "/"+move.Code, "")
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/p/martigues-en-chiffres?cle=") {
		t.Errorf("short code = %d to %q; want 303 to the page with its key", resp.StatusCode, loc)
	}
	if resp, _ := c.do("POST", "/p/martigues-en-chiffres/follow/fin", ""); resp.StatusCode != 200 {
		t.Fatalf("end = %d", resp.StatusCode)
	}
	if resp, body := anon.do("GET", "/"+move.Code, ""); resp.StatusCode != 404 || !strings.Contains(body, "aucune présentation en cours") {
		t.Errorf("after the end, short code = %d", resp.StatusCode)
	}
	if resp, _ := anon.do("POST", "/p/martigues-en-chiffres/follow/fin", ""); resp.StatusCode != 401 {
		t.Errorf("an anonymous visitor ended the presentation: %d", resp.StatusCode)
	}
}

// TestShortCodesCannotBeWalked: an address that keeps trying codes is slowed down (429 with
// Retry-After) before it can find the code of a meeting, and so the key of an unlisted page.
func TestShortCodesCannotBeWalked(t *testing.T) {
	c := loggedIn(t)
	walker := newClient(t, c.ts)
	resp, text := c.do("POST", "/p/martigues-en-chiffres/follow", `{"slide": 1}`)
	var move struct{ Code string }
	if err := json.Unmarshal([]byte(text), &move); err != nil || resp.StatusCode != 200 {
		t.Fatalf("move = %d %s", resp.StatusCode, text)
	}
	misses, throttled := 0, false
	for code := 0; code < 100 && !throttled; code++ {
		guess := fmt.Sprintf("%04d", code)
		if guess == move.Code {
			continue
		}
		resp, _ := walker.do("GET", "/"+guess, "")
		switch resp.StatusCode {
		case http.StatusNotFound:
			misses++
		case http.StatusTooManyRequests:
			throttled = resp.Header.Get("Retry-After") != ""
		default:
			t.Fatalf("guess %s = %d", guess, resp.StatusCode)
		}
	}
	if !throttled || misses > 10 {
		t.Errorf("after %d wrong codes the walker is still answered (throttled with Retry-After: %v)", misses, throttled)
	}
	if resp, _ := walker.do("GET", "/"+move.Code, ""); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the walker reached the right code once throttled: %d", resp.StatusCode)
	}
}

// TestPresenterViewGivesTheRoomsAddressNotTheHost: the QR code's address and the address
// shown come from the server's Room, never from the Host header the presenter used.
func TestPresenterViewGivesTheRoomsAddressNotTheHost(t *testing.T) {
	tests := []struct {
		name      string
		room      web.Room
		want      string
		noPhones  bool
		pickCount int
	}{
		{"public URL", web.Room{PublicURL: "https://atelier.ville.fr"}, "https://atelier.ville.fr/p/martigues-en-chiffres", false, 0},
		{"two LAN addresses", web.Room{LAN: []string{"http://192.168.1.20:8080", "http://10.0.0.5:8080"}}, "http://192.168.1.20:8080/p/martigues-en-chiffres", false, 2},
		{"loopback only", web.Room{Local: "http://127.0.0.1:8080"}, "http://127.0.0.1:8080/p/martigues-en-chiffres", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts := newTestApp(t, func(d *web.Deps) { d.Room = tt.room })
			c := newClient(t, ts)
			c.login(testEmail, testPassword, "/")
			_, body := c.do("GET", "/p/martigues-en-chiffres/present?presenter=1", "", "Host", "127.0.0.1:9999")
			if !strings.Contains(body, `<p class="qr-url">`+tt.want+`</p>`) {
				t.Errorf("the overlay does not show %s", tt.want)
			}
			if strings.Contains(body, "127.0.0.1:9999") {
				t.Error("the presenter's Host header reached the page")
			}
			if got := strings.Contains(body, "Les téléphones ne peuvent pas rejoindre"); got != tt.noPhones {
				t.Errorf("loopback warning shown = %v; want %v", got, tt.noPhones)
			}
			if got := strings.Count(body, "<option value="); got != tt.pickCount {
				t.Errorf("%d addresses to pick from; want %d", got, tt.pickCount)
			}
			// The page's embed code names the same server (atelier.js reads data-room-base).
			base := strings.TrimSuffix(tt.want, "/p/martigues-en-chiffres")
			if _, page := newClient(t, ts).do("GET", "/p/martigues-en-chiffres", "", "Host", "127.0.0.1:9999"); !strings.Contains(page, `data-room-base="`+base+`"`) {
				t.Errorf("the page does not carry the room's address %s", base)
			}
			if tt.pickCount > 1 {
				_, body := c.do("GET", "/p/martigues-en-chiffres/present?presenter=1&adresse=2", "")
				if !strings.Contains(body, `<p class="qr-url">http://10.0.0.5:8080/p/martigues-en-chiffres</p>`) || !strings.Contains(body, `qr.svg?adresse=2`) {
					t.Error("the second address, once picked, is not the one given")
				}
			}
		})
	}
}

func TestRoomForListenAddresses(t *testing.T) {
	if got := web.RoomFor("https://atelier.ville.fr/", nil); got.PublicURL != "https://atelier.ville.fr" {
		t.Errorf("public URL = %+v", got)
	}
	if got := web.RoomFor("", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}); got.Local != "http://127.0.0.1:8080" || len(got.LAN) != 0 {
		t.Errorf("loopback = %+v", got)
	}
	if got := web.RoomFor("", &net.TCPAddr{IP: net.IPv4(192, 168, 1, 20), Port: 8080}); len(got.LAN) != 1 || got.LAN[0] != "http://192.168.1.20:8080" {
		t.Errorf("one interface = %+v", got)
	}
	all := web.RoomFor("", &net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	for _, base := range all.LAN {
		if strings.Contains(base, "127.0.0.1") || strings.Contains(base, "[::1]") || !strings.HasSuffix(base, ":8080") {
			t.Errorf("LAN address %q", base)
		}
	}
}

// TestBrokenChartIsDiscreetForTheRoom: a broken chart shows « Graphique indisponible » on
// the anonymous page, the chart alone, the offline file and the wall, with no sentence about
// the mistake; the presenter view lists it in full before starting, and the editor's
// preview shows it in place.
func TestBrokenChartIsDiscreetForTheRoom(t *testing.T) {
	c := loggedIn(t)
	md := "# Carte\n\n```chart\ntype: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_popp)\n```\n"
	body, _ := json.Marshal(map[string]string{"markdown": md})
	if resp, text := c.do("PUT", "/api/pages/cassee", string(body), "If-None-Match", "*", "Content-Type", "application/json"); resp.StatusCode/100 != 2 {
		t.Fatalf("save = %d %s", resp.StatusCode, text)
	}
	// Publishing it asks first, with the list of broken charts.
	resp, text := c.do("POST", "/api/pages/cassee/status", `{"status": "published"}`, "Content-Type", "application/json")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(text, `"problems"`) || !strings.Contains(text, "p21_popp") {
		t.Errorf("publishing a page with a broken chart = %d %s; want 409 with the list", resp.StatusCode, text)
	}
	if resp, _ := c.do("POST", "/api/pages/cassee/status", `{"status": "published", "confirm": true}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
		t.Fatalf("publish anyway = %d", resp.StatusCode)
	}
	anon := newClient(t, c.ts)
	for _, path := range []string{"/p/cassee", "/p/cassee/present", "/p/cassee/present?mur=1", "/p/cassee/charts/1", "/p/cassee/hors-ligne.html"} {
		_, html := anon.do("GET", path, "")
		if !strings.Contains(html, "Graphique indisponible") {
			t.Errorf("%s: no « Graphique indisponible »", path)
		}
		if strings.Contains(html, "p21_popp") || strings.Contains(html, "ligne 7") || strings.Contains(html, "vouliez-vous dire") {
			t.Errorf("%s shows the author's sentence to the room", path)
		}
	}
	_, deck := c.do("GET", "/p/cassee/present?presenter=1", "")
	if !strings.Contains(deck, `class="room-confirm"`) || !strings.Contains(deck, "p21_popp") || !strings.Contains(deck, "Présenter quand même") {
		t.Error("the presenter view does not list the broken chart before starting")
	}
	_, preview := c.do("POST", "/api/preview", string(body), "Content-Type", "application/json")
	if !strings.Contains(preview, "p21_popp") {
		t.Error("the editor's preview does not name the mistake")
	}
	if _, ok := c.do("GET", "/p/martigues-en-chiffres/present?presenter=1", ""); strings.Contains(ok, `class="room-confirm"`) {
		t.Error("a deck without broken charts asks for confirmation")
	}
}

// TestSnapshotsAreListed: a frozen version is listed on the page (even when the page was
// already in the cache), in the editor and on the workspace.
func TestSnapshotsAreListed(t *testing.T) {
	c := loggedIn(t)
	anon := newClient(t, c.ts)
	if _, page := anon.do("GET", "/p/martigues-en-chiffres", ""); strings.Contains(page, "Versions figées") {
		t.Fatal("a page without snapshots lists some")
	}
	if resp, _ := c.do("POST", "/p/martigues-en-chiffres/figer", "label=r%C3%A9union+du+12+mars+2026"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("freeze = %d", resp.StatusCode)
	}
	want := `Versions figées : <a href="/p/martigues-en-chiffres/figee/1"`
	for _, v := range []struct {
		who  *client
		path string
	}{{anon, "/p/martigues-en-chiffres"}, {c, "/p/martigues-en-chiffres"}, {c, "/p/martigues-en-chiffres/edit"}, {c, "/atelier"}} {
		_, html := v.who.do("GET", v.path, "")
		if !strings.Contains(html, want) || !strings.Contains(html, "réunion du 12 mars 2026</a>") {
			t.Errorf("%s does not list the frozen version", v.path)
		}
	}
}
