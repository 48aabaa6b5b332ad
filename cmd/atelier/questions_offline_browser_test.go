package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserOfflineQuestionsAreText: `atelier export page` of the demo's quiz gives a file
// whose questions are text (the ask, the choices), with no form that would post from
// file://, and whose own CSP lets its script and style run without a violation.
func TestBrowserOfflineQuestionsAreText(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, dir, "-demo")
	srv.stop()
	<-srv.done
	srv.done <- nil
	out := filepath.Join(t.TempDir(), "quiz.html")
	if msg, err := runCommand(t, "export", "page", "-data", dir, "atelier-devinez-martigues", "-o", out); err != nil {
		t.Fatalf("export: %v\n%s", err, msg)
	}
	file, _ := os.ReadFile(out)
	if strings.Contains(string(file), "<form") || strings.Contains(string(file), "/answers") {
		t.Error("the offline file holds a form that posts")
	}
	b := newBrowser(t, "file://")
	if err := chromedp.Do(b.ctx, chromedp.Navigate("file://"+out)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the page's script", `document.readyState === 'complete'`, 10*time.Second)
	if n := js[int](t, b, `document.querySelectorAll('section.question-text').length`); n < 7 {
		t.Errorf("%d questions as text, want every kind", n)
	}
	if s := js[string](t, b, `document.querySelector('#question-1 .question-text-state').textContent`); s != "Résultats non révélés." {
		t.Errorf("question 1 says %q", s)
	}
	if n := js[int](t, b, `document.querySelectorAll('section.question-text li').length`); n == 0 {
		t.Error("no question shows its choices")
	}
	b.check(t)
}
