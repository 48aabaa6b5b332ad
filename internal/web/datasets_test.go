package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
)

// uploadDataset imports content as dataset name through the upload review, as a
// facilitator does, and returns the logged-in client.
func uploadDataset(t *testing.T, c *client, name, fileName, content string) {
	t.Helper()
	body, ctype := multipartBody(t, "file", fileName, []byte(content), 0)
	resp, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	if resp.StatusCode != 200 {
		t.Fatalf("upload = %d %s", resp.StatusCode, text)
	}
	var rv struct{ ID string }
	json.Unmarshal([]byte(text), &rv)
	resp, text = c.do("POST", "/api/uploads/"+rv.ID, `{"name": "`+name+`", "title": "Budget"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("confirm = %d %s", resp.StatusCode, text)
	}
}

// hostileCSV holds every cell that a spreadsheet would run as a formula.
const hostileCSV = "libelle;montant;quartier\n" +
	"\"=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\";-12,5;L'Île\n" +
	"+33 6 00;1 234,5;Jonquières\n" +
	"-2+3;-7;L'Île\n" +
	"@SUM(A1:A2);0;Jonquières\n" +
	"\"\tcmd\";3;L'Île\n" +
	"\"\rcmd\";4;L'Île\n" +
	"</script><img src=x onerror=alert(1)>;5;Carro\n"

func TestDatasetCSVDownloadNeutralisesFormulas(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", hostileCSV)
	resp, body := c.do("GET", "/datasets/budget/csv", "")
	if resp.StatusCode != 200 {
		t.Fatalf("csv = %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="budget-v1.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(body, "\ufefflibelle;montant;quartier\r\n") {
		t.Errorf("no BOM and ; header: %q", body[:min(40, len(body))])
	}
	for _, want := range []string{
		"\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\";-12,5;L'Île\r\n",
		"'+33 6 00;1234,5;Jonquières\r\n",
		"'-2+3;-7;L'Île\r\n", // the text cell is neutralised, the number -7 is not
		"'@SUM(A1:A2);0;Jonquières\r\n",
		"'\tcmd;3;L'Île\r\n",
		"\"'\rcmd\";4;L'Île\r\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("CSV lacks %q:\n%s", want, body)
		}
	}
	for _, bad := range []string{"\n=HYPERLINK", "\n+33", "\n-2+3", "\n@SUM", "\n\tcmd"} {
		if strings.Contains(body, bad) {
			t.Errorf("CSV has a live formula %q", bad)
		}
	}
}

func TestDatasetParquetDownloadReadsBack(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", hostileCSV)
	resp, body := c.do("GET", "/datasets/budget/parquet", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "PAR1") {
		t.Fatalf("parquet = %d, starts %q", resp.StatusCode, body[:min(4, len(body))])
	}
	l, err := datasets.Read(context.Background(), "x.parquet", bytes.NewReader([]byte(body)), datasets.DefaultLimits, memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Table.Release()
	if l.Table.NumRows() != 7 || l.Table.NumCols() != 3 {
		t.Errorf("parquet has %d rows, %d columns", l.Table.NumRows(), l.Table.NumCols())
	}
}

func TestDatasetPageShowsStatsVersionsAndSortedRows(t *testing.T) {
	c := loggedIn(t)
	uploadDataset(t, c, "budget", "budget.csv", hostileCSV)
	uploadDataset(t, c, "budget", "budget.csv", hostileCSV+"Ajout;6;Carro\n")
	resp, page := c.do("GET", "/datasets/budget?sort=montant&desc=1", "")
	if resp.StatusCode != 200 {
		t.Fatalf("page = %d", resp.StatusCode)
	}
	for _, want := range []string{
		"Valeurs distinctes", "<svg class=\"histogram\"", "<rect x=", // statistics
		"version 2</strong>", `href="?version=1"`, // versions
		`aria-sort="descending"`, "/datasets/budget/csv", "/datasets/budget/parquet", // sort, downloads
		"&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", // a cell is text
		"L&#39;Île",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<img src=x") || strings.Contains(page, " style=") {
		t.Error("page holds raw HTML from a cell, or an inline style the CSP forbids")
	}
	// Sorted by montant, descending: 1 234,5 comes first.
	rowsAt := strings.Index(page, `class="dataset-rows"`)
	first := page[rowsAt+strings.Index(page[rowsAt:], "<tbody>"):]
	if i := strings.Index(first, "</tr>"); i < 0 || !strings.Contains(first[:i], "234,5") {
		t.Errorf("first sorted row is not 1 234,5: %s", first[:min(len(first), 300)])
	}
	resp, old := c.do("GET", "/datasets/budget?version=1", "")
	if resp.StatusCode != 200 || !strings.Contains(old, "version 1</strong>") || strings.Contains(old, "Ajout") {
		t.Errorf("version 1 page = %d", resp.StatusCode)
	}
}

func TestDatasetPageRefusals(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path string
		code int
		text string
	}{
		{"/datasets/population-communes?sort=inconnue", 400, "la colonne « inconnue » n&#39;existe pas"},
		{"/datasets/population-communes?sort=p21_pop&offset=20000", 400, "10000 premières lignes"},
		{"/datasets/population-communes?version=9", 404, "Version 9 du jeu de données"},
		{"/datasets/population-communes?version=abc", 400, "paramètre « version »"},
		{"/datasets/population-communes/csv?version=0", 400, "paramètre « version »"},
		{"/datasets/inconnu/csv", 404, "introuvable"},
		{"/datasets/inconnu/parquet", 404, "introuvable"},
		{"/api/datasets/inconnu", 404, "introuvable"},
	}
	for _, tt := range tests {
		resp, body := fetch(t, ts, tt.path)
		if resp.StatusCode != tt.code || !strings.Contains(body, tt.text) {
			t.Errorf("%s = %d, want %d with %q; body: %.300s", tt.path, resp.StatusCode, tt.code, tt.text, body)
		}
	}
}

func TestDatasetJSONHasStatsAndVersions(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/api/datasets/population-communes")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var got struct {
		Name     string
		Version  int
		Rows     int64
		Columns  []datasets.Column
		Versions []struct{ Version int }
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Versions) != 1 || got.Versions[0].Version != 1 {
		t.Errorf("versions %+v", got.Versions)
	}
	pop := got.Columns[2]
	if pop.Stats == nil || pop.Stats.Min == nil || len(pop.Stats.Histogram) != 10 {
		t.Fatalf("p21_pop stats %+v", pop.Stats)
	}
	if pop.Stats.Max != 870321.0 && pop.Stats.Max != 877523.0 {
		t.Logf("p21_pop max = %v", pop.Stats.Max)
	}
	if code := got.Columns[0].Stats; code == nil || code.Distinct < 30000 {
		t.Errorf("codgeo stats %+v", code)
	}
}

func TestDatasetCSVOfAGeoJSONDataset(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/datasets/communes-13/csv")
	if resp.StatusCode != 200 || !strings.Contains(body, "Martigues") {
		t.Errorf("csv of geojson = %d", resp.StatusCode)
	}
}

func TestDatasetFetchRefusesInternalAddresses(t *testing.T) {
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("a;b\n1;2\n"))
	}))
	defer portal.Close()
	c := loggedIn(t)
	tests := []struct {
		url, want string
		code      int
	}{
		{portal.URL + "/export.csv", "adresse interne ou réservée (127.0.0.1)", 400}, // loopback, checked at dial time
		{"http://169.254.169.254/latest/meta-data/", "(169.254.169.254)", 400},
		{"http://[::1]:1/x.csv", "(::1)", 400},
		{"file:///etc/passwd", "seules les adresses http:// et https://", 400},
	}
	for _, tt := range tests {
		resp, body := c.do("POST", "/api/datasets/fetch", `{"url": "`+tt.url+`"}`)
		if resp.StatusCode != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("fetch %s = %d %s; want %d with %q", tt.url, resp.StatusCode, body, tt.code, tt.want)
		}
	}
	anon := newClient(t, newTestServer(t))
	if resp, _ := anon.do("POST", "/api/datasets/fetch", `{"url": "https://example.org/x.csv"}`); resp.StatusCode != 401 {
		t.Errorf("anonymous fetch = %d; want 401", resp.StatusCode)
	}
}
