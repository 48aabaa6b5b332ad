package main

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser is a headless Debian chromium that records what a page did wrong: console
// errors, exceptions, CSP violations, dialogs, and requests to any other host.
type browser struct {
	ctx      context.Context
	host     string
	mu       sync.Mutex
	problems []string
	dialogs  []string
}

// newBrowser starts chromium for one test. The browser tests must run wherever `make test`
// runs, CI included: a missing chromium is a failure, never a skip.
func newBrowser(t testing.TB, serverURL string) *browser {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: `apt-get install chromium` (.ci/run does it)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// A French resident's browser: pages are chosen by Accept-Language (French first).
		chromedp.Flag("accept-lang", "fr-FR,fr"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	u, _ := url.Parse(serverURL)
	b := &browser{ctx: ctx, host: u.Host}
	if err := chromedp.Listen(ctx, b.observe); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browser) observe(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			b.problems = append(b.problems, fmt.Sprintf("console.%s: %s", ev.Type, argsText(ev.Args)))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		b.problems = append(b.problems, fmt.Sprintf("exception: %s at %s:%d", exceptionText(d), d.URL, d.LineNumber+1))
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
			b.problems = append(b.problems, fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		u, err := url.Parse(ev.Request.URL)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") && u.Host != b.host {
			b.problems = append(b.problems, "request to another host: "+ev.Request.URL)
		}
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, ev.Message)
		go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if a.Value != nil {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// check fails the test for every problem seen so far.
func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Error(p)
	}
	for _, d := range b.dialogs {
		t.Errorf("a dialog opened: %q", d)
	}
}

// waitCharts waits until every chart figure of the page has drawn (atelier.js sets
// data-drawn) or a minute has passed, and returns how many figures there are.
func (b *browser) waitCharts(t *testing.T) int {
	t.Helper()
	type chartState struct{ Figures, Drawn, Failed int }
	// Wait on the page's own changes (a DOM mutation observer), not on a clock: the figures
	// are settled once each is drawn or failed. A timeout is reported by the count below.
	const settled = `document.querySelectorAll('figure[data-chart]:not([data-drawn]):not(.chart-error)').length === 0`
	chromedp.Run(b.ctx, chromedp.Poll[bool](settled, chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(time.Minute)))
	state, err := chromedp.Run(b.ctx, chromedp.Evaluate[chartState](`({
		Figures: document.querySelectorAll('figure[data-chart]').length,
		Drawn: document.querySelectorAll('figure[data-chart][data-drawn="true"]').length,
		Failed: document.querySelectorAll('figure[data-chart][data-drawn="false"], figure[data-chart].chart-error:not([data-drawn])').length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if state.Drawn != state.Figures {
		t.Errorf("%d of %d charts drawn (%d failed)", state.Drawn, state.Figures, state.Failed)
	}
	return state.Figures
}

func TestBrowserDemoPagesDrawEveryChart(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	for _, page := range []struct {
		slug   string
		charts int
	}{{"martigues-en-chiffres", 3}, {"carte-des-bouches-du-rhone", 3}} {
		b := newBrowser(t, srv.URL)
		if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/p/"+page.slug)); err != nil {
			t.Fatal(err)
		}
		n := b.waitCharts(t)
		if n != page.charts {
			t.Errorf("%s has %d charts, want %d", page.slug, n, page.charts)
		}
		// Every chart is drawn by ECharts in its canvas, or is an HTML table or figure.
		shown, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('figure[data-chart]')].filter(f =>
			f.querySelector('.chart-canvas canvas, .chart-canvas svg, table.chart-table, .figure-value')).length`))
		if err != nil {
			t.Fatal(err)
		}
		if shown != n {
			t.Errorf("%s: %d of %d charts show a drawing, a table or a figure", page.slug, shown, n)
		}
		if errors, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart-error').length`)); errors != 0 {
			t.Errorf("%s shows %d chart errors", page.slug, errors)
		}
		b.check(t)
	}
}

// hostile holds what an attacker would put in a cell, a column name or a title.
var hostile = []string{`</script><script>alert(1)</script>`, `__f__alert(1)__f__`, `<img src=x onerror=alert(1)>`}

func TestBrowserHostileTextStaysText(t *testing.T) {
	dir := t.TempDir()
	importFile := func(name, file, content string) {
		t.Helper()
		if out, err := runCommand(t, "import", "-data", dir, "-name", name, writeFile(t, file, content)); err != nil {
			t.Fatalf("import %s: %v\n%s", name, err, out)
		}
	}
	// Hostile cells, a hostile column name, and a map whose shapes carry hostile names.
	importFile("hostile", "hostile.csv", "quartier;montant;\""+hostile[2]+"\"\n"+
		`"`+hostile[0]+`";10;1`+"\n"+
		hostile[1]+";20;2\n"+
		`"`+hostile[2]+`";30;3`+"\n"+
		"Jonquières;40;4\n")
	importFile("formes", "formes.geojson", `{"type":"FeatureCollection","features":[`+
		`{"type":"Feature","properties":{"code":"A","nom":"</script><script>alert(1)</script>"},"geometry":{"type":"Polygon","coordinates":[[[5,43],[5.1,43],[5.1,43.1],[5,43.1],[5,43]]]}},`+
		`{"type":"Feature","properties":{"code":"B","nom":"<img src=x onerror=alert(1)>"},"geometry":{"type":"Polygon","coordinates":[[[5.1,43],[5.2,43],[5.2,43.1],[5.1,43.1],[5.1,43]]]}}]}`)
	importFile("valeurs", "valeurs.csv", "code;valeur\nA;1\nB;2\n")
	title := strings.ReplaceAll(hostile[0], `"`, `\"`) + " " + hostile[1]
	block := func(lines string) string { return "```chart\n" + lines + "```\n\n" }
	page := writeFile(t, "hostile.md", "---\ntitle: Page "+hostile[2]+"\n---\n# Titre\n\n"+
		"<script>alert(1)</script> [lien](javascript:alert(1))\n\n"+
		block("type: bar\ndata: hostile\ntitle: \""+title+"\"\nx: quartier\ny: sum(montant)\n")+
		block("type: pie\ndata: hostile\ntitle: camembert\nx: quartier\ny: sum("+hostile[2]+")\n")+
		block("type: table\ndata: hostile\ntitle: tableau\nx: quartier\ny: sum(montant)\n")+
		block("type: map\ndata: valeurs\ngeo: formes\nkey: code\ngeokey: code\ny: sum(valeur)\ntitle: carte\n"))
	if out, err := runCommand(t, "page", "import", "-data", dir, "-slug", "hostile", "-publish", page); err != nil {
		t.Fatalf("page import: %v\n%s", err, out)
	}
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	for _, path := range []string{"/p/hostile", "/datasets/hostile"} {
		if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		if path == "/p/hostile" {
			if n := b.waitCharts(t); n != 4 {
				t.Errorf("%d charts drawn; want 4", n)
			}
			// Show every tooltip of every chart: the names go through the tooltip too.
			tips, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
				let text = '';
				document.querySelectorAll('.chart-canvas').forEach(el => {
					const c = echarts.getInstanceByDom(el);
					if (!c) return;
					for (let i = 0; i < 4; i++) {
						c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
						const box = el.querySelector('.atelier-tooltip-box') || el.parentElement.querySelector('.atelier-tooltip-box');
						if (box) text += box.textContent + '\n';
					}
				});
				return text;
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hostile {
				if !strings.Contains(tips, h) {
					t.Errorf("the tooltips do not show %q as text:\n%s", h, tips)
				}
			}
		}
		text, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hostile {
			if !strings.Contains(text, h) {
				t.Errorf("%s: %q is not shown as text", path, h)
			}
		}
		injected, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('img, script:not([type="application/json"]):not([src])').length`))
		if injected != 0 {
			t.Errorf("%s: %d injected elements in the page", path, injected)
		}
	}
	// An injected handler (<img onerror>, a script) runs before the load event: once the
	// document is complete, a dialog it opened has been reported.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatal(err)
	}
	b.check(t)
}

func TestBrowserOfflineExportDrawsWithoutAServer(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, dir, "-demo") // loads the demo into dir
	srv.stop()
	<-srv.done
	srv.done <- nil
	out := filepath.Join(t.TempDir(), "martigues.html")
	if msg, err := runCommand(t, "export", "page", "-data", dir, "martigues-en-chiffres", "-o", out); err != nil {
		t.Fatalf("export: %v\n%s", err, msg)
	}
	b := newBrowser(t, "file://")
	if err := chromedp.Do(b.ctx, chromedp.Navigate("file://"+out)); err != nil {
		t.Fatal(err)
	}
	if n := b.waitCharts(t); n < 3 {
		t.Errorf("the offline page has %d charts", n)
	}
	// The file is whole: « Télécharger (CSV) » is inside it, « Voir les données » opens.
	// (Its CSP forbids fetch, even of a data: address: the link's content is decoded here.)
	csv, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(a => a.download + ' ' + new TextDecoder().decode(Uint8Array.from(atob(a.href.split(',')[1]), c => c.charCodeAt(0))))(document.querySelector('#graphique-1 a.chart-csv'))`))
	if err != nil || !strings.HasPrefix(csv, "martigues-en-chiffres-graphique-1.csv ") || !strings.Contains(csv, ";") {
		t.Errorf("the first chart's CSV from file:// = %q, %v", csv, err)
	}
	click(t, b, "#graphique-1 details.chart-data > summary")
	waitFor(t, b, "the data table", `document.querySelector('#graphique-1 details.chart-data[open] table.chart-table tbody tr').offsetHeight > 0`, 5*time.Second)
	b.check(t)
}
