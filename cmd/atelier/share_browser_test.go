package main

import (
	"strings"
	"testing"

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
