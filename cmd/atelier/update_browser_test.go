package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// reviewShot is where the story saves the review screen's report, to look at by hand.
const reviewShot = "ATELIER_REVIEW_SHOT"

// TestBrowserDataUpdateKeepsThePageDrawing is issue 10's story: import a CSV, rename a column
// and label it on the review, write a page with two charts and publish it, re-import a
// corrected file under the same name whose column was renamed at the source, see the
// difference and the chart that would break, map the column, confirm, and read the page
// logged out: both charts drawn from the new numbers, labels in their descriptions.
func TestBrowserDataUpdateKeepsThePageDrawing(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")

	upload(t, b, srv.URL, writeFile(t, "budget.csv", "quartier;Montant voté (€);projets\nJonquières;1200000;4\nL'Île;2000000;6\nFerrières;800000;2\n"))
	js[bool](t, b, `(() => {
		const row = [...document.querySelectorAll('section.upload-review tbody tr')].find(r => r.querySelector('input.upload-col-name').value === 'Montant voté (€)');
		row.querySelector('input.upload-col-name').value = 'montant_vote';
		row.querySelector('input.upload-col-label').value = 'Montant voté';
		row.querySelector('input.upload-col-unit').value = '€';
		return true;
	})()`)
	setField(t, b, "input.upload-source", "Ville de Martigues")
	click(t, b, "button.upload-save")
	waitFor(t, b, "the saved notice", `!!document.querySelector('.upload-done')`, 30*time.Second)

	md := "---\ntitle: Budget des quartiers\n---\n# Budget des quartiers\n\n```chart\ntype: bar\ndata: budget\nx: quartier\ny: sum(montant_vote)\n```\n\n" +
		"```chart\ntype: bar\ndata: budget\ntitle: Projets par quartier\nx: quartier\ny: sum(projets)\n```\n"
	put := awaitJS[int](t, b, `fetch('/api/pages/budget-quartiers', {method: 'PUT', headers: {'Content-Type': 'application/json', 'If-None-Match': '*'},
		body: JSON.stringify({markdown: `+jsString(md)+`})}).then(r => r.status)`)
	pub := awaitJS[int](t, b, `fetch('/api/pages/budget-quartiers/status', {method: 'POST', headers: {'Content-Type': 'application/json'},
		body: JSON.stringify({status: 'published'})}).then(r => r.status)`)
	if put != 201 || pub >= 300 {
		t.Fatalf("page save = %d, publish = %d", put, pub)
	}

	// The corrected file: the portal renamed the column and corrected a figure.
	upload(t, b, srv.URL, writeFile(t, "budget.csv", "quartier;Montant (€);projets\nJonquières;1300000;4\nL'Île;2000000;7\nFerrières;800000;2\nCarro;150000;1\n"))
	waitFor(t, b, "the report", `!!document.querySelector('.upload-report:not([hidden]) .report-chart.is-broken')`, 30*time.Second)
	if got := js[string](t, b, `document.querySelector('input.upload-source').value`); got != "Ville de Martigues" {
		t.Errorf("the review does not pre-fill the recipe's source: %q", got)
	}
	report := js[string](t, b, `document.querySelector('.upload-report').innerText`)
	for _, want := range []string{"Lignes : 3 avant (version 1), 4 après.", "Colonne disparue : « montant_vote »", "Colonne ajoutée : « Montant (€) »",
		"Total de « projets » : 12 avant, 14 après (+16,7 %).", "Budget des quartiers (publiée)",
		"graphique 1 « Somme de Montant voté par quartier » : ne se dessinerait plus", "graphique 2 « Projets par quartier » : se dessine"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	t.Logf("the review's report:\n%s", report)
	saveShot(t, b, os.Getenv(reviewShot))

	if got := js[string](t, b, `document.querySelector('select.report-map[data-column="montant_vote"]').value`); got != "Montant (€)" {
		t.Errorf("the mapping suggests %q; want « Montant (€) »", got)
	}
	click(t, b, "button.report-map-apply")
	waitFor(t, b, "every chart to draw", `!!document.querySelector('.upload-report .report-ok') && !document.querySelector('.report-chart.is-broken')`, 30*time.Second)
	if report := js[string](t, b, `document.querySelector('.upload-report').innerText`); !strings.Contains(report, "« Montant (€) » du nouveau fichier devient « montant_vote »") ||
		!strings.Contains(report, "Total de « Montant voté » : 4\u202f000\u202f000\u202f€ avant, 4\u202f250\u202f000\u202f€ après") {
		t.Errorf("after the mapping the report says:\n%s", report)
	}
	click(t, b, "button.upload-save")
	waitFor(t, b, "the saved notice", `!!document.querySelector('.upload-done')`, 30*time.Second)

	visitor := newBrowser(t, srv.URL)
	navigate(t, visitor, srv.URL+"/p/budget-quartiers")
	if n := visitor.waitCharts(t); n != 2 {
		t.Errorf("the page has %d charts; want 2", n)
	}
	page := js[string](t, visitor, `document.querySelector('main').textContent + [...document.querySelectorAll('.chart-canvas')].map(c => c.getAttribute('aria-label')).join('\n')`)
	for _, want := range []string{"Somme de Montant voté par quartier", "Carro", "1\u202f300\u202f000"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page read logged out lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "montant_vote") {
		t.Errorf("the page shows the column's name instead of its label:\n%s", page)
	}
	b.check(t)
	visitor.check(t)
}

func upload(t *testing.T, b *browser, base, file string) {
	t.Helper()
	navigate(t, b, base+"/atelier/import")
	waitFor(t, b, "the import page", `!!document.querySelector('.upload[data-ready]')`, 20*time.Second)
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the review", `document.querySelectorAll('section.upload-review:not([hidden]) input.upload-col-name').length > 0`, 60*time.Second)
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "$", `\$`)
	return "`" + r.Replace(s) + "`"
}

// saveShot saves a screenshot of the whole page to path, when one is given.
func saveShot(t *testing.T, b *browser, path string) {
	t.Helper()
	if path == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// awaitJS evaluates a promise and returns what it resolves to.
func awaitJS[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return got
}
