package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEditorReviewCorrectsColumnsAndReadsLinks: on the review screen a facilitator renames a
// column and gives it another type before saving; a link to a private address is refused
// with its explanation on the same screen.
func TestEditorReviewCorrectsColumnsAndReadsLinks(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")
	navigate(t, b, srv.URL+"/atelier/import")
	file := writeFile(t, "budget.csv", "quartier;code\nJonquières;01\nL'Île;02\n")
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the review", `document.querySelectorAll('section.upload-review:not([hidden]) input.upload-col-name').length === 2`, 60*time.Second)
	js[bool](t, b, `(() => {
		const names = document.querySelectorAll('input.upload-col-name'), types = document.querySelectorAll('select.upload-col-type');
		names[1].value = 'numero';
		types[1].value = 'int64';
		return true;
	})()`)
	setField(t, b, "input.upload-name", "budget")
	click(t, b, "button.upload-save")
	waitFor(t, b, "the saved notice", `!!document.querySelector('.upload-done')`, 30*time.Second)
	// Asked as the logged-in browser: anonymous visitors do not see a dataset no page uses.
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch('/api/datasets/budget').then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `"name": "numero"`) || !strings.Contains(got, `"type": "int64"`) {
		t.Errorf("the corrections did not reach the dataset:\n%.600s", got)
	}

	navigate(t, b, srv.URL+"/atelier/import")
	setField(t, b, "#upload-url", "http://127.0.0.1:9/donnees.csv")
	click(t, b, "form.upload-url-form button[type=submit]")
	waitFor(t, b, "the refusal", `!document.querySelector('.upload-error').hidden`, 30*time.Second)
	if msg := js[string](t, b, `document.querySelector('.upload-error').textContent`); !strings.Contains(strings.ToLower(msg), "adresse") {
		t.Errorf("refusal of a private address = %q", msg)
	}
	b.expected(`status of 400 (Bad Request) ` + srv.URL + `/api/datasets/fetch`) // the refusal we asked for
	b.check(t)
}
