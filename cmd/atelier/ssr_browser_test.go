package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// demoPages are the demo's pages and their chart figures.
var demoPages = []struct {
	slug   string
	charts int
}{{"martigues-en-chiffres", 3}, {"carte-des-bouches-du-rhone", 3}}

// frenchNumber is a number as French readers write it: « 48 568 » (U+202F) or « 49,9 ».
var frenchNumber = regexp.MustCompile(`\d\x{202F}\d{3}|\d,\d`)

// shownFigure is what a reader sees of one figure before any script has run.
type shownFigure struct {
	N, Type      string
	Canvas       bool     // drawn by ECharts in the browser (not a table or a number)
	SVGs         int      // server drawings in the figure
	Title, Desc  string   // of the drawing that shows
	Texts        []string // its text elements
	Width        float64  // of the drawing that shows
	Table        bool     // the data table is in the figure
	Description  string
	FigureValue  bool
	CanvasHeight float64
}

// shownFigures reads the figures with DevTools' own evaluation (the page's scripts may be
// disabled): for each, the server drawing that the page's media queries show.
const shownFigures = `[...document.querySelectorAll('figure[data-chart]')].map(f => {
	const holder = [...f.querySelectorAll('.chart-svg')].find(d => getComputedStyle(d).display !== 'none');
	const svg = holder ? holder.querySelector('svg[role="img"]') : null;
	const canvas = f.querySelector('.chart-canvas');
	return {
		N: f.dataset.chart, Type: f.dataset.type, Canvas: !!canvas,
		SVGs: f.querySelectorAll('.chart-svg svg').length,
		Title: svg && svg.querySelector('title') ? svg.querySelector('title').textContent : '',
		Desc: svg && svg.querySelector('desc') ? svg.querySelector('desc').textContent : '',
		Texts: svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : [],
		Width: svg ? svg.getBoundingClientRect().width : 0,
		Table: !!f.querySelector('table.chart-table'),
		Description: (f.querySelector('.chart-description') || {}).textContent || '',
		FigureValue: !!f.querySelector('.figure-value'),
		CanvasHeight: canvas ? canvas.getBoundingClientRect().height : 0,
	};
})`

// TestBrowserChartsReadWithoutJavaScript opens the demo pages in a browser that runs no
// script, on a phone and on a laptop: every chart shows the server's drawing, with French
// numbers in its labels, its title and description, and the data table.
func TestBrowserChartsReadWithoutJavaScript(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	b := newBrowser(t, srv.URL)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, screen := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone", 360, 740, true}, {"laptop", 1280, 900, false}} {
		if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: screen.width, Height: screen.height, DeviceScaleFactor: 2, Mobile: screen.mobile}); err != nil {
			t.Fatal(err)
		}
		for _, page := range demoPages {
			navigate(t, b, srv.URL+"/p/"+page.slug)
			figures := js[[]shownFigure](t, b, shownFigures)
			if len(figures) != page.charts {
				t.Errorf("%s: %d figures, want %d", page.slug, len(figures), page.charts)
			}
			for _, f := range figures {
				where := screen.name + " " + page.slug + " chart " + f.N + " (" + f.Type + ")"
				checkShownWithoutScript(t, where, f, float64(screen.width))
			}
		}
	}
	b.check(t)
}

func checkShownWithoutScript(t *testing.T, where string, f shownFigure, screen float64) {
	t.Helper()
	if f.Description == "" {
		t.Errorf("%s: no description", where)
	}
	if !f.Canvas { // a table or a number is HTML already
		if !f.Table && !f.FigureValue {
			t.Errorf("%s: neither a table nor a figure", where)
		}
		return
	}
	if f.SVGs != 2 || len(f.Texts) == 0 {
		t.Fatalf("%s: %d server drawings, %d texts in the one shown; want 2 drawings, one shown", where, f.SVGs, len(f.Texts))
	}
	if !slices.ContainsFunc(f.Texts, frenchNumber.MatchString) {
		t.Errorf("%s: no French number among the labels %q", where, f.Texts)
	}
	if f.Title == "" || f.Desc != f.Description {
		t.Errorf("%s: svg title %q, desc %q; want the title and %q", where, f.Title, f.Desc, f.Description)
	}
	if !f.Table {
		t.Errorf("%s: no data table", where)
	}
	if f.Width < screen*0.75 || f.Width > screen {
		t.Errorf("%s: the drawing is %.0f px wide on a %.0f px screen", where, f.Width, screen)
	}
}

// echartsTexts are the texts ECharts drew in each chart's canvas, read from its display list.
const echartsTexts = `[...document.querySelectorAll('figure[data-chart]')].map(f => {
	const canvas = f.querySelector('.chart-canvas');
	const chart = canvas && echarts.getInstanceByDom(canvas);
	if (!chart) return [];
	return chart.getZr().storage.getDisplayList(true)
		.filter(el => !el.ignore && !el.invisible && el.style && typeof el.style.text === 'string' && el.style.text !== '')
		.map(el => el.style.text);
})`

// TestBrowserServerDrawingMatchesECharts compares, for each demo chart on a 360 px phone and
// on a laptop, the labels of the server's drawing with those ECharts draws in the browser
// at the same width: the same options, formats, layout and text measurement give the same
// axes; and ECharts takes over the box at the height the drawing gave it.
func TestBrowserServerDrawingMatchesECharts(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	b := newBrowser(t, srv.URL)
	for _, screen := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone", 360, 740, true}, {"laptop", 1280, 900, false}} {
		if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: screen.width, Height: screen.height, DeviceScaleFactor: 1, Mobile: screen.mobile}); err != nil {
			t.Fatal(err)
		}
		for _, page := range demoPages {
			compareDrawings(t, b, srv.URL+"/p/"+page.slug, screen.name+" "+page.slug, page.charts)
		}
	}
	b.check(t)
}

func compareDrawings(t *testing.T, b *browser, url, name string, charts int) {
	t.Helper()
	// The server's drawings first, with no script: ECharts never loads.
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, b, url)
	server := js[[]shownFigure](t, b, shownFigures)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	navigate(t, b, url)
	if n := b.waitCharts(t); n != charts {
		t.Fatalf("%s: %d charts, want %d", name, n, charts)
	}
	browser := js[[][]string](t, b, echartsTexts)
	heights := js[[]float64](t, b, `[...document.querySelectorAll('figure[data-chart]')].map(f => {
		const c = f.querySelector('.chart-canvas'); return c ? c.getBoundingClientRect().height : 0; })`)
	for i, f := range server {
		if !f.Canvas {
			continue
		}
		where := name + " chart " + f.N + " (" + f.Type + ")"
		got, want := sortedLabels(f.Texts), sortedLabels(browser[i])
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: the server drew\n%q\nECharts drew\n%q", where, got, want)
		}
		t.Logf("%s: %d labels alike, %.0f px wide", where, len(got), f.Width)
		if heights[i] != f.CanvasHeight {
			t.Errorf("%s: the box was %.1f px tall with the server's drawing, %.1f px with ECharts'", where, f.CanvasHeight, heights[i])
		}
	}
}

func sortedLabels(texts []string) []string {
	out := make([]string, 0, len(texts))
	for _, s := range texts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
