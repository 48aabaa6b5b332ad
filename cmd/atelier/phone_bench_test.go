package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// visibleAt records when every chart shows something a reader can see (a drawing with a
// size, a table or a figure), the bytes transferred by then, and when every chart that
// ECharts draws has finished (data-drawn). DevTools injects it before the page's scripts.
const visibleAt = `(() => {
	// A closed « Voir les données » lays its table out all the same: it is not shown.
	const seen = el => el && !el.closest('details:not([open])') && el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none';
	const shown = f => [...f.querySelectorAll('.chart-svg svg, .chart-canvas canvas, table.chart-table, .figure-value, canvas')]
		.some(el => seen(el) && (el.tagName !== 'svg' || seen(el.parentElement)));
	const bytes = () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
		.filter(e => e.responseEnd > 0 && e.responseEnd <= performance.now()).reduce((n, e) => n + e.transferSize, 0);
	const check = () => {
		const figs = [...document.querySelectorAll('figure[data-chart], .plain-chart')];
		if (!window.__visibleAt && figs.length && figs.every(shown)) {
			window.__visibleAt = performance.now();
			window.__bytesAt = bytes();
			const nav = performance.getEntriesByType('navigation')[0];
			window.__htmlAt = nav ? nav.responseEnd : 0;
		}
		const charts = [...document.querySelectorAll('figure[data-chart] .chart-canvas, .plain-chart')];
		if (window.__visibleAt && charts.every(c => c.closest('[data-drawn="true"]') || c.querySelector('canvas'))) {
			window.__interactiveAt = performance.now();
			return;
		}
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})()`

// plainPage is the peer the issue compares with: one page that loads the whole of ECharts
// and draws one bar chart, nothing else.
const plainPage = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ECharts</title>
<script src="/echarts.min.js" defer></script><script src="/draw.js" defer></script></head>
<body><div class="plain-chart" style="width:100%;height:400px"></div></body></html>`

const plainDraw = `echarts.init(document.querySelector('.plain-chart')).setOption({
	xAxis: {type: 'category', data: ['Martigues', 'Istres', 'Aubagne', 'La Ciotat']}, yAxis: {type: 'value'},
	series: [{type: 'bar', data: [48568, 43000, 47000, 31000]}]});
document.querySelector('.plain-chart').setAttribute('data-drawn', 'true');`

func plainServer(b *testing.B) *httptest.Server {
	echartsJS, err := os.ReadFile(filepath.Join("..", "..", "internal", "web", "static", "vendor", "echarts", "echarts.min.js"))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(plainPage)) })
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("/echarts.min.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(echartsJS)
	})
	mux.HandleFunc("/draw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(plainDraw))
	})
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv
}

// visitState is what visibleAt recorded.
type visitState struct{ Visible, Bytes, Interactive, HTML float64 }

// visit is one first visit, in a browser of its own (nothing cached, not even in memory: the
// pages share ECharts' URL), on a phone or on the desktop. The browser first opens the
// server's /healthz, so that starting the page's process is not counted.
func visit(b *testing.B, origin, path string, phone bool) visitState {
	warm, url := origin+"/healthz", origin+path
	br := newBrowser(b, url)
	var mu sync.Mutex
	var navAt float64
	var loads []loaded
	chromedp.Listen(br.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Type == network.ResourceTypeDocument && ev.Request.URL == url {
				navAt = ev.Timestamp.Float64() * 1000
			}
		case *network.EventLoadingFinished:
			loads = append(loads, loaded{at: ev.Timestamp.Float64() * 1000, bytes: ev.EncodedDataLength})
		}
	})
	if _, err := chromedp.Call(br.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: visibleAt}); err != nil {
		b.Fatal(err)
	}
	if err := chromedp.Do(br.ctx, chromedp.Navigate(warm)); err != nil {
		b.Fatal(err)
	}
	throttle(b, br, phone)
	if err := chromedp.Do(br.ctx, chromedp.Navigate(url)); err != nil {
		b.Fatal(err)
	}
	var s visitState
	for deadline := time.Now().Add(60 * time.Second); s.Interactive == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		s, _ = chromedp.Run(br.ctx, chromedp.Evaluate[visitState](`({Visible: window.__visibleAt || 0, Bytes: window.__bytesAt || 0, Interactive: window.__interactiveAt || 0, HTML: window.__htmlAt || 0})`))
	}
	// The bytes by the time the charts showed, from DevTools' network events (the page's
	// resource timing leaves some out).
	mu.Lock()
	defer mu.Unlock()
	s.Bytes = 0
	for _, l := range loads {
		if navAt > 0 && l.at-navAt <= s.Visible {
			s.Bytes += l.bytes / 1000
		}
	}
	return s
}

type loaded struct{ at, bytes float64 }

// throttle makes the browser a mid-range phone on a weak network (4× CPU, 1.6 Mbit/s down,
// 150 ms round trip, 360 px screen), or the unthrottled desktop.
func throttle(b *testing.B, br *browser, phone bool) {
	rate, down, up, rtt := 1.0, -1.0, -1.0, 0.0
	metrics := emulation.SetDeviceMetricsOverrideParams{}
	if phone {
		rate, down, up, rtt = 4, 1.6e6/8, 0.75e6/8, 150
		metrics = emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 740, DeviceScaleFactor: 2, Mobile: true}
	}
	if _, err := chromedp.Call(br.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(br.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: rtt, DownloadThroughput: down, UploadThroughput: up}},
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(br.ctx, emulation.SetDeviceMetricsOverride, metrics); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPhoneFirstVisit opens the demo page as a mid-range phone on a weak network would
// (4× CPU slowdown, 1.6 Mbit/s down, 150 ms round trip, 360 px screen), with the server's
// drawings (after), without them (before, ATELIER_CHART_SVG=off), and a plain page with the
// whole of ECharts; then the demo page on the desktop over loopback, unthrottled.
func BenchmarkPhoneFirstVisit(b *testing.B) {
	after := startServer(b, b.TempDir(), "-demo")
	b.Setenv("ATELIER_CHART_SVG", "off")
	before := startServer(b, b.TempDir(), "-demo")
	os.Unsetenv("ATELIER_CHART_SVG")
	plain := plainServer(b)
	const path = "/p/martigues-en-chiffres"
	for b.Loop() {
		for _, c := range []struct {
			name, origin, path string
			phone              bool
		}{{"phone-after", after.URL, path, true}, {"phone-before", before.URL, path, true}, {"phone-plain-echarts", plain.URL, "/", true},
			{"desktop-after", after.URL, path, false}, {"desktop-before", before.URL, path, false}} {
			s := visit(b, c.origin, c.path, c.phone)
			b.ReportMetric(s.Visible, c.name+"-visible-ms")
			b.ReportMetric(s.Bytes, c.name+"-KB")
			b.ReportMetric(s.Interactive, c.name+"-echarts-ms")
			fmt.Printf("first visit %s: charts visible %.0f ms after navigation (HTML received at %.0f ms), %.1f KB by then; drawn by ECharts at %.0f ms\n",
				c.name, s.Visible, s.HTML, s.Bytes, s.Interactive)
		}
	}
}
