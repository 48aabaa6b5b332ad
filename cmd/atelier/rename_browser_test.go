package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEditorRenamesAPage gives the demo page a new address from the editor: the editor
// follows it, the old address answers 404, the new one shows the page with its charts.
func TestEditorRenamesAPage(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")
	navigate(t, b, srv.URL+"/p/martigues-en-chiffres/edit")
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS("button.editor-rename"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the rename box", `!!document.querySelector('.editor-rename-input')`, 20*time.Second)
	js[bool](t, b, `(() => { const i = document.querySelector('.editor-rename-input'); i.value = 'martigues-2021'; return true })()`)
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS("button.editor-rename-confirm"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the editor at the new address", `location.pathname === '/p/martigues-2021/edit' && !!document.querySelector('.editor[data-slug="martigues-2021"]')`, 20*time.Second)
	if resp, _ := get(t, srv.URL+"/p/martigues-en-chiffres"); resp.StatusCode != 404 {
		t.Errorf("the old address answers %d", resp.StatusCode)
	}
	resp, body := get(t, srv.URL+"/p/martigues-2021")
	if resp.StatusCode != 200 || !strings.Contains(body, `href="/p/martigues-2021/charts/1.csv"`) {
		t.Errorf("the new address = %d, CSV links moved: %v", resp.StatusCode, strings.Contains(body, "/p/martigues-2021/charts/1.csv"))
	}
	b.check(t)
}
