package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is what axe-core reports for one broken rule.
type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []struct {
		Target []string
		HTML   string `json:"html"`
	}
}

// TestBrowserPagesPassAnAccessibilityCheck runs axe-core (from the pinned npm package) on the
// pages residents and facilitators see: WCAG 2.1 A and AA, contrast included.
func TestBrowserPagesPassAnAccessibilityCheck(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (`make assets` installs it with npm ci): %v", err)
	}
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	public := []string{"/", "/p/martigues-en-chiffres", "/p/carte-des-bouches-du-rhone",
		"/p/martigues-en-chiffres/present", "/datasets", "/datasets/population-communes", "/login"}
	workspace := []string{"/atelier", "/atelier/import", "/p/martigues-en-chiffres/edit"}
	for _, path := range append(public, workspace...) {
		b := newBrowser(t, srv.URL)
		if slices.Contains(workspace, path) {
			loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")
		}
		if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		b.waitCharts(t)
		// DevTools evaluation is not bound by the page's CSP: axe is the test's, not the page's.
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatalf("%s: loading axe: %v", path, err)
		}
		found, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](
			`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		for _, v := range found {
			var where []string
			for i, n := range v.Nodes {
				if i == 5 {
					where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-5))
					break
				}
				where = append(where, strings.Join(n.Target, " ")+" "+n.HTML)
			}
			t.Errorf("%s: %s (%s): %s — %s", path, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
		}
		b.check(t)
	}
}
