package main

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// drawnAt records, in the page, when every chart container holds a drawing: it runs before
// any of the page's scripts (DevTools injects it, so the page's CSP does not apply).
const drawnAt = `(() => {
	const check = () => {
		const figs = [...document.querySelectorAll('figure[data-chart]')];
		if (figs.length && figs.every(f => f.querySelector('canvas, svg, table.chart-table, .figure-value'))) {
			window.__drawnAt = performance.now();
			return;
		}
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})()`

// BenchmarkFirstVisit opens the demo page in headless chromium with an empty cache, as a
// resident's phone would the first time, then again: bytes over the wire, and the time from
// navigation to every chart drawn.
func BenchmarkFirstVisit(b *testing.B) {
	srv := startServer(b, b.TempDir(), "-demo")
	br := newBrowser(b, srv.URL)
	var mu sync.Mutex
	var bytes float64
	chromedp.Listen(br.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventLoadingFinished); ok {
			mu.Lock()
			bytes += ev.EncodedDataLength
			mu.Unlock()
		}
	})
	if _, err := chromedp.Call(br.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: drawnAt}); err != nil {
		b.Fatal(err)
	}
	visit := func() (float64, float64) {
		mu.Lock()
		bytes = 0
		mu.Unlock()
		if err := chromedp.Do(br.ctx, chromedp.Navigate(srv.URL+"/p/martigues-en-chiffres")); err != nil {
			b.Fatal(err)
		}
		// Wait for the page's own signals, not a clock: the charts' drawing time, then the
		// load event, after which no response of the first visit is still coming.
		at, err := chromedp.Run(br.ctx, chromedp.Poll[float64](`window.__drawnAt || 0`, chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Run(br.ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			b.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		return bytes, at
	}
	for b.Loop() {
		if _, err := chromedp.Call(br.ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			b.Fatal(err)
		}
		firstBytes, firstAt := visit()
		repeatBytes, repeatAt := visit()
		b.ReportMetric(firstBytes/1000, "first-KB")
		b.ReportMetric(firstAt, "first-drawn-ms")
		b.ReportMetric(repeatBytes/1000, "repeat-KB")
		b.ReportMetric(repeatAt, "repeat-drawn-ms")
		fmt.Printf("first visit: %.1f KB, charts drawn %.0f ms after navigation; repeat visit: %.1f KB, %.0f ms\n",
			firstBytes/1000, firstAt, repeatBytes/1000, repeatAt)
	}
}
