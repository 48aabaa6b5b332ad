package main

import (
	"encoding/json"
	"github.com/chromedp/cdproto/cdp"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// soiree is the page of the issue's « Done means »: a number question whose truth comes from
// the demo's INSEE dataset, and a share question whose real split does too.
const soiree = "---\ntitle: Soirée du quartier\n---\n# Soirée du quartier\n\n" +
	"```question\nkind: number\nask: Combien d'habitants compte Martigues ?\nunit: habitants\nmin: 0\nmax: 500000\n" +
	"answer:\n  data: population-communes\n  y: sum(p21_pop)\n  where: codgeo = \"13056\"\n```\n\n" +
	"```question\nkind: share\nask: Répartissez les habitants de ces trois villes\n" +
	"answer:\n  data: population-communes\n  x: libgeo\n  y: sum(p21_pop)\n  where: codgeo in (\"13056\", \"13047\", \"13117\")\n```\n"

// context opens another browser context (its own cookies: another phone) in b's browser,
// recording its problems like b.
func (b *browser) context(t *testing.T, width, height int64) *browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	c := &browser{ctx: ctx, host: b.host}
	if err := chromedp.Listen(ctx, c.observe); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return c
}

// press clicks a button the way a finger on it would, without depending on where the deck
// lays the slides out (the presenter view shows the next slide beside the current one).
func press(t *testing.T, b *browser, sel string) {
	t.Helper()
	waitFor(t, b, sel, `document.querySelector('`+sel+`') && !document.querySelector('`+sel+`').disabled`, 5*time.Second)
	js[bool](t, b, `(document.querySelector('`+sel+`').click(), true)`)
}

func facilitatorClient(t *testing.T, base string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	resp, err := hc.PostForm(base+"/login", url.Values{"email": {"animatrice@ville.fr"}, "password": {editorPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return hc
}

func putPage(t *testing.T, hc *http.Client, base, slug, markdown string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"markdown": markdown})
	req, _ := http.NewRequest("PUT", base+"/api/pages/"+slug, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-None-Match", "*")
	req.Header.Set("Origin", base)
	resp, err := hc.Do(req)
	if err != nil || resp.StatusCode/100 != 2 {
		t.Fatalf("save %s: %v %v", slug, resp, err)
	}
	resp.Body.Close()
	req, _ = http.NewRequest("POST", base+"/api/pages/"+slug+"/status", strings.NewReader(`{"status": "published"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", base)
	if resp, err = hc.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("publish %s: %v %v", slug, resp, err)
	}
	resp.Body.Close()
}

// TestBrowserTheRoomGuessesThenSeesTheTruth is the meeting: the presenter opens a
// number question and a share question; three phones answer; the wall counts 3; the
// presenter reveals; the wall and the phones draw the results with the true value; the
// answers become the dataset reponses-soiree, which a chart on another page draws.
func TestBrowserTheRoomGuessesThenSeesTheTruth(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	hc := facilitatorClient(t, srv.URL)
	putPage(t, hc, srv.URL, "soiree", soiree)

	presenter := newBrowser(t, srv.URL)
	loginInBrowser(t, presenter, srv.URL, "animatrice@ville.fr")
	wall := presenter.context(t, 1280, 800)
	var phones []*browser
	for range 3 {
		phones = append(phones, presenter.context(t, 360, 740))
	}
	navigate(t, presenter, srv.URL+"/p/soiree/present?presenter=1#diapo-2")
	navigate(t, wall, srv.URL+"/p/soiree/present#diapo-2")
	for _, p := range phones {
		navigate(t, p, srv.URL+"/p/soiree")
		waitFor(t, p, "the question's state", `document.querySelector('#question-1[data-state="closed"]')`, 10*time.Second)
	}
	waitFor(t, presenter, "the presenter's buttons", `document.querySelector('#question-1 .question-open:not([disabled])')`, 10*time.Second)

	for q, answer := range map[int]func(p *browser, i int){
		1: func(p *browser, i int) {
			setField(t, p, "#question-1 input[name=value]", []string{"45000", "52000", "120000"}[i])
		},
		2: func(p *browser, i int) { setField(t, p, "#question-2 input[name=part]", []string{"50", "60", "34"}[i]) },
	} {
		n := string(rune('0' + q))
		sel := "#question-" + n
		if q == 2 {
			navigate(t, presenter, srv.URL+"/p/soiree/present?presenter=1#diapo-3")
			navigate(t, wall, srv.URL+"/p/soiree/present#diapo-3")
			waitFor(t, presenter, "the presenter's buttons", `document.querySelector('#question-2 .question-open:not([disabled])')`, 10*time.Second)
		}
		press(t, presenter, sel+" .question-open")
		for i, p := range phones {
			waitFor(t, p, "the question opened", `document.querySelector('`+sel+`[data-state="open"] .question-send:not([disabled])')`, 5*time.Second)
			answer(p, i)
			press(t, p, sel+" .question-send")
			waitFor(t, p, "the answer saved", `/enregistrée/.test(document.querySelector('`+sel+` .question-status').textContent)`, 5*time.Second)
		}
		waitFor(t, wall, "the wall's count", `/^3 réponses/.test(document.querySelector('`+sel+` .question-count').textContent)`, 5*time.Second)
		if js[bool](t, wall, `!!document.querySelector('`+sel+` .question-results figure')`) {
			t.Errorf("question %d: the wall shows results before the reveal", q)
		}
		press(t, presenter, sel+" .question-reveal")
		for _, b := range append([]*browser{wall}, phones...) {
			waitFor(t, b, "the results drawn", `document.querySelector('`+sel+` .question-results figure[data-chart][data-drawn="true"]')`, 10*time.Second)
		}
		truth := map[int]string{1: `/48\s568 habitants/`, 2: `/réalité/i`}[q]
		for _, b := range []*browser{wall, phones[0]} {
			waitFor(t, b, "the truth", truth+`.test(document.querySelector('`+sel+` .question-results').textContent)`, 5*time.Second)
		}
		shot(t, wall, "wall-"+n)
		shot(t, presenter, "presenter-"+n)
		shot(t, phones[0], "phone-"+n)
		press(t, presenter, sel+" .question-close")
		waitFor(t, phones[0], "the question closed", `document.querySelector('`+sel+`[data-state="closed"]')`, 5*time.Second)
	}

	// The answers are data: reponses-soiree, 3 rows per question, drawn by another page.
	resp, err := hc.Get(srv.URL + "/api/datasets/reponses-soiree/rows?limit=100")
	if err != nil {
		t.Fatal(err)
	}
	var rows struct {
		Rows  [][]any `json:"rows"`
		Total int     `json:"total"`
	}
	json.NewDecoder(resp.Body).Decode(&rows)
	resp.Body.Close()
	per := map[float64]int{}
	for _, r := range rows.Rows {
		if n, ok := r[0].(float64); ok {
			per[n]++
		}
	}
	if rows.Total != 6 || per[1] != 3 || per[2] != 3 {
		t.Fatalf("reponses-soiree: %d rows, per question %v", rows.Total, per)
	}
	putPage(t, hc, srv.URL, "bilan-soiree", "# Bilan\n\n```chart\ntype: bar\ndata: reponses-soiree\nx: question\ny: count()\n```\n")
	reader := presenter.context(t, 360, 740)
	navigate(t, reader, srv.URL+"/p/bilan-soiree")
	if n := reader.waitCharts(t); n != 1 {
		t.Errorf("%d charts on the page drawn from the answers", n)
	}
	for _, b := range append([]*browser{presenter, wall, reader}, phones...) {
		b.check(t)
	}
}
