package web_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestOfflineFileCarriesItsOwnCSPAndNothingRemote: the offline file has a CSP of its own
// that allows only what it carries, no image from elsewhere, each chart's CSV inside it as
// a data: download, and the dataset links on the server's public address.
func TestOfflineFileCarriesItsOwnCSPAndNothingRemote(t *testing.T) {
	c := loggedIn(t)
	md := "# Carte\n\n![le port](http://elsewhere.example/x.png)\n\n```chart\ntype: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nsort: -y\nlimit: 3\n```\n"
	body, _ := json.Marshal(map[string]string{"markdown": md})
	if resp, text := c.do("PUT", "/api/pages/hors-ligne", string(body), "If-None-Match", "*", "Content-Type", "application/json"); resp.StatusCode != 201 && resp.StatusCode != 200 {
		t.Fatalf("save = %d %s", resp.StatusCode, text)
	}
	if resp, _ := c.do("POST", "/api/pages/hors-ligne/status", `{"status": "published"}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
		t.Fatalf("publish = %d", resp.StatusCode)
	}
	anon := newClient(t, c.ts)
	resp, file := anon.do("GET", "/p/hors-ligne/hors-ligne.html", "")
	if resp.StatusCode != 200 {
		t.Fatalf("offline = %d", resp.StatusCode)
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(file)
	if csp == nil {
		t.Fatal("the offline file has no Content-Security-Policy")
	}
	policy := strings.ReplaceAll(csp[1], "&#39;", "'")
	for _, want := range []string{"default-src 'none'", "script-src 'sha256-", "img-src data:", "connect-src 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "http") {
		t.Errorf("CSP %q allows too much", policy)
	}
	if strings.Contains(file, "elsewhere.example") || !strings.Contains(file, `<span class="image-offline">le port</span>`) {
		t.Error("the remote image is still in the offline file")
	}
	csv := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download="hors-ligne-graphique-1.csv"`).FindStringSubmatch(file)
	if csv == nil {
		t.Fatal("the chart's CSV is not a data: download")
	}
	if text, _ := base64.StdEncoding.DecodeString(csv[1]); !strings.Contains(string(text), "Commune;Somme de Population 2021 (habitants)") {
		t.Errorf("the embedded CSV holds %q", text)
	}
	if strings.Contains(file, `href="/`) {
		t.Errorf("the offline file links to the server's paths: %q", regexp.MustCompile(`href="/[^"]*"`).FindString(file))
	}
}

// TestChartAloneAndOfflineFileComeFromTheCache: like the page itself, an anonymous view of
// a chart alone or of the offline file is rendered once per version, then revalidated by
// its ETag (304), and a new version of the page is a new answer.
func TestChartAloneAndOfflineFileComeFromTheCache(t *testing.T) {
	c := loggedIn(t)
	anon := newClient(t, c.ts)
	for _, path := range []string{"/p/carte-des-bouches-du-rhone/charts/1", "/p/carte-des-bouches-du-rhone/hors-ligne.html"} {
		first, body := anon.do("GET", path, "")
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || etag == "" {
			t.Fatalf("%s = %d, ETag %q; want 200 with an ETag", path, first.StatusCode, etag)
		}
		again, _ := anon.do("GET", path, "", "If-None-Match", etag)
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s revalidated = %d; want 304", path, again.StatusCode)
		}
		if strings.HasSuffix(path, ".html") && !strings.Contains(first.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s lost its attachment header", path)
		}
		if !strings.Contains(body, "data-chart") {
			t.Errorf("%s holds no chart", path)
		}
	}
	if resp, _ := anon.do("GET", "/p/carte-des-bouches-du-rhone/charts/99", ""); resp.StatusCode != 404 {
		t.Errorf("a missing chart alone = %d", resp.StatusCode)
	}
	if resp, _ := anon.do("GET", "/p/brouillon/hors-ligne.html", ""); resp.StatusCode != 404 || resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("a draft's offline file = %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
}
