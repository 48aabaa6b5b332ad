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
// and label it on the review, build two charts with the builder (which offers the column by
// its label) and publish the page, re-import a corrected file under the same name whose
// column was renamed at the source, see the difference and the chart that would break, map
// the column, confirm, and read the page logged out: both charts drawn from the new numbers,
// labels in their descriptions.
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
	waitFor(t, b, "the saved notice", `!!document.querySelector('.upload-done button.upload-new-page-submit')`, 30*time.Second)

	// Two charts with the builder, on a new page; the builder offers the column by its label.
	setField(t, b, "input.upload-page-title", "Budget des quartiers")
	click(t, b, "button.upload-new-page-submit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready] textarea.editor-source')`, 20*time.Second)
	slug := js[string](t, b, `document.querySelector('.editor').dataset.slug`)
	buildChart(t, b, "montant_vote", "")
	if opt := js[string](t, b, `[...document.querySelectorAll('select.builder-ycol option')].map(o => o.textContent).join(' | ')`); !strings.Contains(opt, "Montant voté — montant_vote") {
		t.Errorf("the builder's columns do not show the label: %s", opt)
	}
	insertChart(t, b)
	buildChart(t, b, "projets", "Projets par quartier")
	insertChart(t, b)
	setField(t, b, "select.editor-status", "published")
	waitFor(t, b, "the page to be published", `document.querySelector('.editor').dataset.status === 'published'`, 20*time.Second)

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
	navigate(t, visitor, srv.URL+"/p/"+slug)
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

// buildChart opens the builder at the end of the page and fills a bar chart of the budget:
// the sum of y by quartier.
func buildChart(t *testing.T, b *browser, y, title string) {
	t.Helper()
	// A paragraph first, so that the caret is not on the chart inserted before.
	js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); ta.focus();
		ta.setRangeText('\n\nPar quartier :\n\n', ta.value.length, ta.value.length, 'end');
		ta.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	click(t, b, `.editor-toolbar [data-insert="chart"]`)
	waitFor(t, b, "the chart builder", `!document.querySelector('aside.chart-builder').hidden && document.querySelector('.builder-dataset[data-name="budget"]')`, 20*time.Second)
	click(t, b, `.builder-dataset[data-name="budget"]`)
	waitFor(t, b, "the dataset chosen", `document.querySelector('aside.chart-builder').getAttribute('data-suggested') === "budget"`, 20*time.Second)
	click(t, b, `.builder-kind[data-kind="bar"]`)
	setField(t, b, "select.builder-x", "quartier")
	setField(t, b, "select.builder-agg", "sum")
	setField(t, b, "select.builder-ycol", y)
	setField(t, b, "input.builder-title", title)
	waitFor(t, b, "the chart's preview in the builder",
		`document.querySelector('.builder-preview figure[data-chart]:not(.chart-error)') && document.querySelector('.builder-problems').hidden && !document.querySelector('.builder-preview').classList.contains('is-loading')`, 20*time.Second)
}

// insertChart inserts the builder's block and waits for the autosave.
func insertChart(t *testing.T, b *browser) {
	t.Helper()
	rev := js[string](t, b, `document.querySelector('.editor').dataset.revision`)
	click(t, b, "button.builder-insert")
	waitFor(t, b, "the builder to close", `document.querySelector('aside.chart-builder').hidden`, 20*time.Second)
	waitFor(t, b, "the autosave", `+document.querySelector('.editor').dataset.revision > `+rev+` && /^Enregistré \(révision \d+\)$/.test(document.querySelector('.editor-state').textContent)`, 20*time.Second)
}
