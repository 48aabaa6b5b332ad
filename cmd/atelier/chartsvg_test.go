package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestChartImageDownloadWithoutScript: a saved page links each drawn chart to its server
// drawing, downloadable as an SVG file with no script; a table has no image and says so.
func TestChartImageDownloadWithoutScript(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	_, page := get(t, srv.URL+"/p/carte-des-bouches-du-rhone")
	types := regexp.MustCompile(`data-chart="(\d+)" id="graphique-\d+" data-type="([a-z]+)"`).FindAllStringSubmatch(page, -1)
	if len(types) != 3 {
		t.Fatalf("%d figures in the page", len(types))
	}
	for _, m := range types {
		n, kind := m[1], m[2]
		link := `href="/p/carte-des-bouches-du-rhone/charts/` + n + `.svg" download>Image (SVG)</a>`
		resp, body := get(t, srv.URL+"/p/carte-des-bouches-du-rhone/charts/"+n+".svg")
		if kind == "table" || kind == "number" {
			if resp.StatusCode != 404 || !strings.Contains(body, "image du graphique n° "+n) || strings.Contains(page, link) {
				t.Errorf("chart %s (%s): %d, link shown %v; want 404 with a French message and no link", n, kind, resp.StatusCode, strings.Contains(page, link))
			}
			continue
		}
		if !strings.Contains(page, link) {
			t.Errorf("chart %s (%s): no « Image (SVG) » link in the page", n, kind)
		}
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml; charset=utf-8" ||
			resp.Header.Get("Content-Disposition") != `attachment; filename="carte-des-bouches-du-rhone-graphique-`+n+`.svg"` {
			t.Errorf("chart %s: %d %q %q", n, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
		}
		if !strings.HasPrefix(body, `<?xml`) || !strings.Contains(body, `<svg`) || !strings.Contains(body, `role="img"`) || strings.Contains(body, "<script") {
			t.Errorf("chart %s: not a clean SVG file: %.200s", n, body)
		}
	}
}
