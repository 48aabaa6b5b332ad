package main

import (
	"testing"
	"time"
)

// TestBrowserEnglishInterface switches a facilitator's interface to English with the footer's
// form and finds the editor, its chart builder and a public page's figures in English; the
// switch back gives French again.
func TestBrowserEnglishInterface(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "en@ville.fr")
	srv := startServer(t, dir, "-demo")
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "en@ville.fr")

	navigate(t, b, srv.URL+"/atelier")
	click(t, b, `form.lang-switch button[value="en"]`)
	waitFor(t, b, "the English workshop", `document.documentElement.lang === 'en' && location.pathname === '/atelier' && document.querySelector('h1').textContent === 'The workshop'`, 20*time.Second)

	navigate(t, b, srv.URL+"/p/martigues-en-chiffres/edit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready]')`, 20*time.Second)
	waitFor(t, b, "the preview's edit buttons", `document.querySelectorAll('.editor-preview button.chart-edit').length >= 3`, 20*time.Second)
	texts := map[string]string{
		`.editor-toolbar [data-insert="chart"]`:   "Chart…",
		`.editor-toolbar [data-insert="heading"]`: "Heading",
		`button.editor-history`:                   "History",
		`button.editor-delete`:                    "Delete",
		`button.editor-rename`:                    "Rename…",
		`.editor-preview button.chart-edit`:       "Edit",
		`.editor-state`:                           "Saved (revision 1)",
		`.site-footer form.lang-switch button`:    "Français",
	}
	for sel, want := range texts {
		if got := js[string](t, b, `(document.querySelector('`+sel+`') || {}).textContent || ''`); got != want {
			t.Errorf("%s says %q; want %q", sel, got, want)
		}
	}

	click(t, b, `.editor-preview figure[data-chart="1"] button.chart-edit`)
	waitFor(t, b, "the builder", `!document.querySelector('aside.chart-builder').hidden && document.querySelector('.builder-preview figure[data-chart]')`, 20*time.Second)
	builder := map[string]string{
		`aside.chart-builder h2`:                      "Edit the chart",
		`button.builder-insert`:                       "Replace the chart",
		`button.builder-cancel`:                       "Cancel",
		`.builder-data legend`:                        "1. The data",
		`.builder-kind[data-kind="bar"] span`:         "Bars",
		`select.builder-agg option[value="sum"]`:      "sum of",
		`select.builder-sort option[value="-y"]`:      "largest first",
		`.builder-preview details.chart-data summary`: "See the data",
	}
	for sel, want := range builder {
		if got := js[string](t, b, `(document.querySelector('`+sel+`') || {}).textContent || ''`); got != want {
			t.Errorf("builder: %s says %q; want %q", sel, got, want)
		}
	}
	click(t, b, "button.builder-cancel")
	click(t, b, "button.editor-history")
	waitFor(t, b, "the history", `document.querySelector('.editor-history-panel .history-item')`, 20*time.Second)
	if got := js[string](t, b, `document.querySelector('.editor-history-panel h2').textContent`); got != "Version history" {
		t.Errorf("history title %q", got)
	}

	// A public page: the figures' stored French words are relabelled, numbers are English.
	navigate(t, b, srv.URL+"/p/martigues-en-chiffres")
	b.waitCharts(t)
	for sel, want := range map[string]string{
		`figure[data-chart] details.chart-data summary`: "See the data",
		`figure[data-chart] a.chart-csv`:                "Download (CSV)",
		`.page-actions a`:                               "Present as slides",
	} {
		if got := js[string](t, b, `(document.querySelector('`+sel+`') || {}).textContent || ''`); got != want {
			t.Errorf("page: %s says %q; want %q", sel, got, want)
		}
	}

	// And back to French.
	click(t, b, `form.lang-switch button[value="fr"]`)
	waitFor(t, b, "the French page", `document.documentElement.lang === 'fr' && location.pathname === '/p/martigues-en-chiffres'`, 20*time.Second)
	b.waitCharts(t)
	if got := js[string](t, b, `document.querySelector('figure[data-chart] details.chart-data summary').textContent`); got != "Voir les données" {
		t.Errorf("back in French, the table says %q", got)
	}
	b.check(t)
}
