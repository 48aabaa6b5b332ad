package web_test

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestALabelSetOnTheDatasetPageShowsInItsChartsWithoutANewVersion(t *testing.T) {
	c := loggedIn(t)
	form := url.Values{"column": {"libgeo"}, "new_name": {"libgeo"}, "type": {"utf8"}, "label": {"Nom de la commune"}, "unit": {""}}
	resp, _ := c.do("POST", "/datasets/population-communes/colonne", form.Encode())
	if resp.StatusCode != 303 {
		t.Fatalf("label = %d", resp.StatusCode)
	}
	_, page := c.do("GET", "/datasets/population-communes", "")
	if !strings.Contains(page, "Nom de la commune") || strings.Contains(page, "version 2") {
		t.Errorf("the dataset page lacks the label, or a new version was made")
	}
	anon := newClient(t, c.ts)
	_, body := anon.do("GET", "/p/martigues-en-chiffres", "")
	if !strings.Contains(body, "par Nom de la commune") || strings.Contains(body, "p21_pop") {
		t.Errorf("the page's charts do not read the labels:\n%.2000s", body)
	}
}

// stage uploads content and returns the review's JSON.
func stage(t *testing.T, c *client, fileName, content string) map[string]any {
	t.Helper()
	body, ctype := multipartBody(t, "file", fileName, []byte(content), 0)
	resp, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	if resp.StatusCode != 200 {
		t.Fatalf("upload = %d %s", resp.StatusCode, text)
	}
	var rv map[string]any
	if err := json.Unmarshal([]byte(text), &rv); err != nil {
		t.Fatal(err)
	}
	return rv
}

func TestTheReviewOfAKnownFileReportsBeforeAndPinsOnRequest(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", "quartier;montant\nJonquières;10\nL'Île;20\n")
	md := "# Budget\n\n```chart\ntype: bar\ndata: budget\nx: quartier\ny: sum(montant)\n```\n"
	if resp, text := c.do("PUT", "/api/pages/budget", `{"markdown": `+strconv.Quote(md)+`}`, "If-None-Match", "*"); resp.StatusCode != 201 {
		t.Fatalf("page = %d %s", resp.StatusCode, text)
	}
	c.do("POST", "/api/pages/budget/status", `{"status": "published"}`)

	rv := stage(t, c, "budget.csv", "quartier;montant_eur\nJonquières;11\n")
	recipe, _ := rv["recipe"].(map[string]any)
	if rv["exists"] != true || recipe["title"] != "Budget" {
		t.Fatalf("the review lacks the dataset's recipe: %v", rv)
	}
	id := rv["id"].(string)
	resp, text := c.do("POST", "/api/uploads/"+id+"/report", `{"name": "budget", "columns": []}`)
	if resp.StatusCode != 200 || !strings.Contains(text, "Colonne disparue : « montant »") || !strings.Contains(text, `"draws": false`) ||
		!strings.Contains(text, `"montant": "montant_eur"`) {
		t.Fatalf("report = %d %s", resp.StatusCode, text)
	}
	resp, text = c.do("POST", "/api/uploads/"+id, `{"name": "budget", "title": "Budget", "columns": [], "pin": ["budget"]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("confirm = %d %s", resp.StatusCode, text)
	}
	anon := newClient(t, c.ts)
	_, page := anon.do("GET", "/p/budget", "")
	if strings.Contains(page, "chart-error") || !strings.Contains(page, "version 1 des données, figée") {
		t.Errorf("the page kept on version 1 does not draw from it:\n%.1500s", page)
	}
}
