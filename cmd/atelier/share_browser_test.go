package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserChartsShareAsImagesAndFrames: under each chart of a shared page, « Image (PNG) »
// saves a PNG of the chart, and « Intégrer sur un site » shows the <iframe> code of the
// chart alone, which itself draws.
func TestBrowserChartsShareAsImagesAndFrames(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	b := newBrowser(t, srv.URL)
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/p/carte-des-bouches-du-rhone")); err != nil {
		t.Fatal(err)
	}
	b.waitCharts(t)
	// Catch what the PNG button hands to the browser's download.
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		const real = URL.createObjectURL;
		URL.createObjectURL = blob => { resolve(blob.type + ' ' + blob.size); return real.call(URL, blob); };
		document.querySelector('#graphique-1 .chart-share-png').click();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "image/png ") || len(got) < len("image/png 10000") {
		t.Errorf("the PNG download gave %q", got)
	}
	svg, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		const real = URL.createObjectURL;
		URL.createObjectURL = blob => { blob.text().then(t => resolve(blob.type + ' ' + t.slice(0, 200))); return real.call(URL, blob); };
		document.querySelector('#graphique-1 .chart-share-svg').click();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(svg, "image/svg+xml <svg") {
		t.Errorf("the SVG download gave %q", svg)
	}
	code, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
		document.querySelector('#graphique-1 .chart-share-embed').click();
		return document.querySelector('#graphique-1 .chart-embed-code').value;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := `<iframe src="` + srv.URL + `/p/carte-des-bouches-du-rhone/charts/1"`
	if !strings.HasPrefix(code, want) || !strings.Contains(code, `title="Population des communes des Bouches-du-Rhône en 2021"`) {
		t.Errorf("embed code = %q; want it to start with %q", code, want)
	}
	// The framed chart draws on its own.
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/p/carte-des-bouches-du-rhone/charts/1")); err != nil {
		t.Fatal(err)
	}
	if n := b.waitCharts(t); n != 1 {
		t.Errorf("the chart alone has %d figures", n)
	}
	if tools, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart-share').length`)); tools != 0 {
		t.Error("an embedded chart offers sharing tools")
	}
	b.check(t)
}

// TestBrowserFollowButtonShowsOnlyDuringAPresentation: a resident's page offers « Suivre la
// présentation » once a presenter is showing it, not before.
func TestBrowserFollowButtonShowsOnlyDuringAPresentation(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	b := newBrowser(t, srv.URL)
	recordLiveEvents(t, b)
	navigate(t, b, srv.URL+"/p/martigues-en-chiffres")
	// The live stream's first event says whether a presentation is on.
	waitFor(t, b, "the live stream's first state", `window.__live.some(e => e[0] === 'etat')`, 10*time.Second)
	if !js[bool](t, b, `document.querySelector('button.follow-toggle').hidden`) {
		t.Error("« Suivre la présentation » shows while nobody presents")
	}
	// The presenter moves to slide 2, from their own session.
	jar, _ := cookiejar.New(nil)
	presenter := &http.Client{Jar: jar}
	if _, err := presenter.PostForm(srv.URL+"/login", url.Values{"email": {"animatrice@ville.fr"}, "password": {editorPassword}}); err != nil {
		t.Fatal(err)
	}
	resp, err := presenter.Post(srv.URL+"/p/martigues-en-chiffres/follow", "application/json", strings.NewReader(`{"slide": 2}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("presenter move: %v %v", resp, err)
	}
	resp.Body.Close()
	waitFor(t, b, "the follow button", `!document.querySelector('button.follow-toggle').hidden`, 10*time.Second)
	click(t, b, "button.follow-toggle")
	waitFor(t, b, "the jump to slide 2", `document.querySelector('.follow-status') && /2/.test(document.querySelector('.follow-status').textContent)`, 10*time.Second)
	b.check(t)
}
