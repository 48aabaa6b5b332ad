package web_test

import (
	"net/url"
	"strings"
	"testing"
)

const budgetCSV = "quartier;montant\nJonquières;120\nL'Île;80\n"

func budgetPage(version string) string {
	return `{"markdown": "# Budget\n\n` + "```chart\\ntype: bar\\ndata: budget" + version + "\\nx: quartier\\ny: sum(montant)\\n```" + `\n"}`
}

// The data behind an unlisted page are never listed, and open only with the page's key,
// which the page's dataset links carry.
func TestUnlistedPageDataNeedTheKey(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", budgetCSV)
	if resp, body := c.do("PUT", "/api/pages/secret", budgetPage(""), "If-None-Match", "*"); resp.StatusCode != 201 {
		t.Fatalf("create = %d %s", resp.StatusCode, body)
	}
	c.do("POST", "/api/pages/secret/status", `{"status": "unlisted"}`)
	key := url.QueryEscape(shareKeyOf(t, c, "secret"))
	anon := newClient(t, c.ts)
	for _, path := range []string{"/datasets", "/api/datasets"} {
		if _, body := anon.do("GET", path, ""); strings.Contains(body, "budget") {
			t.Errorf("%s lists an unlisted page's data", path)
		}
	}
	data := []string{"/datasets/budget", "/datasets/budget/csv", "/datasets/budget/original", "/datasets/budget/parquet",
		"/api/datasets/budget", "/api/datasets/budget/rows"}
	for _, path := range data {
		if resp, _ := anon.do("GET", path, ""); resp.StatusCode != 404 {
			t.Errorf("without the key, %s = %d; want 404", path, resp.StatusCode)
		}
		if resp, _ := anon.do("GET", path+"?cle=devine", ""); resp.StatusCode != 404 {
			t.Errorf("with a wrong key, %s = %d; want 404", path, resp.StatusCode)
		}
		if resp, _ := anon.do("GET", path+"?cle="+key, ""); resp.StatusCode != 200 {
			t.Errorf("with the key, %s = %d; want 200", path, resp.StatusCode)
		}
	}
	_, page := anon.do("GET", "/p/secret?cle="+key, "")
	if !strings.Contains(page, `href="/datasets/budget?cle=`+key+`"`) {
		t.Errorf("the page's dataset link lacks the key:\n%s", page)
	}
	if resp, csv := anon.do("GET", "/p/secret/charts/1.csv?cle="+key, ""); resp.StatusCode != 200 || !strings.Contains(csv, "Jonquières") {
		t.Errorf("the chart's CSV, with the key = %d", resp.StatusCode)
	}
	_, ds := anon.do("GET", "/datasets/budget?cle="+key, "")
	if !strings.Contains(ds, `/datasets/budget/csv?cle=`+key) {
		t.Error("the dataset page's download links lose the key")
	}
	c.do("POST", "/api/pages/secret/share-key", "")
	if resp, _ := anon.do("GET", "/datasets/budget/csv?cle="+key, ""); resp.StatusCode != 404 {
		t.Errorf("a revoked key still opens the data: %d", resp.StatusCode)
	}
}

// Anonymous visitors read only the versions a visible page or snapshot draws from.
func TestOldVersionsOnlyWhileAPageDrawsFromThem(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", budgetCSV)
	c.do("PUT", "/api/pages/p", budgetPage(""), "If-None-Match", "*")
	c.do("POST", "/api/pages/p/status", `{"status": "published"}`)
	c.do("POST", "/p/p/figer", "label=conseil") // freezes version 1
	uploadDataset(t, c, "budget", "budget.csv", budgetCSV+"Carro;2\n")
	uploadDataset(t, c, "budget", "budget.csv", budgetCSV+"Carro;3\n") // the page follows: 3
	anon := newClient(t, c.ts)
	want := map[string]int{"?version=1": 200, "?version=2": 404, "?version=3": 200, "": 200, "?version=4": 404}
	for q, status := range want {
		if resp, _ := anon.do("GET", "/datasets/budget/csv"+q, ""); resp.StatusCode != status {
			t.Errorf("csv%s = %d; want %d", q, resp.StatusCode, status)
		}
	}
	if resp, _ := c.do("GET", "/datasets/budget/csv?version=2", ""); resp.StatusCode != 200 {
		t.Errorf("a facilitator reads version 2: %d", resp.StatusCode)
	}
	_, page := anon.do("GET", "/datasets/budget", "")
	if !strings.Contains(page, "version 3</strong>") || !strings.Contains(page, `href="?version=1"`) || strings.Contains(page, "version=2") {
		t.Errorf("the dataset page's versions are not those drawn from")
	}
	if _, js := anon.do("GET", "/api/datasets/budget", ""); strings.Contains(js, `"version": 2`) {
		t.Errorf("the JSON lists version 2:\n%s", js)
	}
	// Pinned to @2, the page draws from 2 and no longer from 3.
	c.do("PUT", "/api/pages/p", budgetPage("@2"), "If-Match", `"1"`)
	for q, status := range map[string]int{"?version=2": 200, "?version=3": 404} {
		if resp, _ := anon.do("GET", "/datasets/budget/csv"+q, ""); resp.StatusCode != status {
			t.Errorf("pinned: csv%s = %d; want %d", q, resp.StatusCode, status)
		}
	}
	if resp, csv := anon.do("GET", "/datasets/budget/csv", ""); resp.StatusCode != 200 || !strings.Contains(csv, "Carro;2") {
		t.Errorf("pinned: the dataset's CSV = %d, not version 2:\n%s", resp.StatusCode, csv)
	}
}
