package web_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"atelier/datasets"
	"atelier/internal/accounts"
	"atelier/internal/database"
	"atelier/internal/demo"
	"atelier/internal/web"
	"atelier/notebooks"
)

const (
	testEmail    = "animatrice@ville.fr"
	adminEmail   = "admin@ville.fr"
	testPassword = "un mot de passe assez long"
)

// newTestServer serves the demo content, plus a draft page, from a fresh data directory.
func newTestServer(t testing.TB) *httptest.Server {
	t.Helper()
	_, ts := newTestApp(t)
	return ts
}

// newTestApp is newTestServer with the server itself, for tests that look at its routes.
// Options change the server's Deps (limits, clock, room addresses).
func newTestApp(t testing.TB, options ...func(*web.Deps)) (*web.Server, *httptest.Server) {
	t.Helper()
	srv, ts, stop := serveDataDir(t, t.TempDir(), options...)
	t.Cleanup(stop)
	return srv, ts
}

// serveDataDir serves the demo content from dir. A new dir also gets the draft page and the
// two test accounts; one that holds a previous run's database is served as it is, so that
// tests can stop a server and start another on the same data.
func serveDataDir(t testing.TB, dir string, options ...func(*web.Deps)) (*web.Server, *httptest.Server, func()) {
	t.Helper()
	ctx := context.Background()
	dbPath := filepath.Join(dir, "atelier.db")
	_, statErr := os.Stat(dbPath)
	fresh := os.IsNotExist(statErr)
	db, err := database.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), datasets.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := notebooks.OpenStore(ctx, db, notebooks.NewRenderer(ds))
	if err != nil {
		t.Fatal(err)
	}
	pages.Follow(ds)
	if _, err := demo.Load(ctx, ds, pages); err != nil {
		t.Fatal(err)
	}
	acc, err := accounts.OpenStore(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if fresh {
		seedTestData(t, ctx, pages, acc)
	}
	deps := web.Deps{Datasets: ds, Pages: pages, Accounts: acc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range options {
		o(&deps)
	}
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	return srv, ts, func() { ts.Close(); ds.Close(); db.Close() }
}

// seedTestData adds what every web test counts on beside the demo: a draft page and the
// facilitator and admin accounts.
func seedTestData(t testing.TB, ctx context.Context, pages *notebooks.Store, acc *accounts.Store) {
	t.Helper()
	if _, err := pages.Save(ctx, "brouillon", "# Brouillon secret\n", "test", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.Add(ctx, testEmail, testPassword, accounts.Facilitator); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.Add(ctx, adminEmail, testPassword, accounts.Admin); err != nil {
		t.Fatal(err)
	}
}

func fetch(t *testing.T, ts *httptest.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// The transport would decompress silently; ask for gzip explicitly to see what is sent.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(resp.Body); err != nil {
			t.Fatal(err)
		}
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestPagesAndTheirVisibility(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path       string
		status     int
		contains   []string
		notContain []string
	}{
		{"/", 200, []string{`href="/p/martigues-en-chiffres"`, "Martigues en chiffres"}, []string{"brouillon"}},
		{"/p/martigues-en-chiffres", 200, []string{`data-chart="1"`, `data-chart="3"`, `type="application/json"`, "Source : INSEE", "Voir les données"}, []string{"chart-error"}},
		{"/p/brouillon", 404, []string{"existe pas"}, []string{"Brouillon secret"}},
		{"/api/pages/brouillon", 404, []string{`"error"`}, []string{"Brouillon secret"}},
		{"/p/inconnue", 404, []string{"La page « inconnue » n&#39;existe pas"}, nil},
		{"/healthz", 200, []string{"ok"}, nil},
		{"/datasets", 200, []string{"population-communes", "communes-13"}, nil},
		{"/datasets/population-communes", 200, []string{"codgeo", "texte", "nombre entier", "Châteauneuf"}, nil},
		{"/datasets/inconnu", 404, []string{"introuvable"}, nil},
	}
	for _, tt := range tests {
		resp, body := fetch(t, ts, tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s = %d; want %d", tt.path, resp.StatusCode, tt.status)
		}
		for _, s := range tt.contains {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s: body lacks %q", tt.path, s)
			}
		}
		for _, s := range tt.notContain {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: body contains %q", tt.path, s)
			}
		}
	}
}

func TestEveryResponseHasASecurityPolicy(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/", "/p/martigues-en-chiffres", "/datasets/communes-13", "/api/datasets", "/nulle-part"} {
		resp, _ := fetch(t, ts, path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self';") {
			t.Errorf("GET %s: CSP = %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
}

func TestPageLoadsNothingFromAnotherHost(t *testing.T) {
	ts := newTestServer(t)
	_, body := fetch(t, ts, "/p/martigues-en-chiffres")
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if strings.Contains(m[1], "//") {
			t.Errorf("the page refers to another host: %s", m[1])
		}
	}
	if strings.Contains(body, "go-echarts.github.io") {
		t.Error("go-echarts' asset host appears in the page")
	}
	if n := strings.Count(body, "<script"); n != 4+3 { // echarts, chartformat.js, chartoptions.js, atelier.js, three chart options
		t.Errorf("the page has %d script elements; want 7", n)
	}
	if regexp.MustCompile(`<script(?: defer)?>`).MatchString(body) {
		t.Error("the page has an inline script")
	}
}

func TestStaticAssetsAreHashedCompressedAndImmutable(t *testing.T) {
	ts := newTestServer(t)
	_, body := fetch(t, ts, "/p/martigues-en-chiffres")
	src := regexp.MustCompile(`src="(/static/vendor/echarts/echarts-base\.min\.[0-9a-f]{10}\.js)" data-echarts-full="/static/vendor/echarts/echarts\.min\.[0-9a-f]{10}\.js"`).FindStringSubmatch(body)
	if src == nil {
		t.Fatal("no hashed echarts script in the page")
	}
	resp, js := fetch(t, ts, src[1], "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("GET %s = %d, encoding %q", src[1], resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("Cache-Control = %q", resp.Header.Get("Cache-Control"))
	}
	if !strings.Contains(js, "echarts") || len(js) < 100_000 {
		t.Errorf("echarts.min.js is %d bytes", len(js))
	}
	if resp, _ := fetch(t, ts, "/static/atelier.js"); resp.StatusCode != 404 {
		t.Errorf("unhashed asset answered %d; want 404", resp.StatusCode)
	}
}

func TestPagesAreGzipped(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/p/martigues-en-chiffres", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, "Martigues") {
		t.Errorf("encoding %q, body %d bytes", resp.Header.Get("Content-Encoding"), len(body))
	}
}

func TestHostilePathsGetA404WithoutEcho(t *testing.T) {
	ts := newTestServer(t)
	paths := []string{
		"/p/..%2f..%2fetc%2fpasswd", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/datasets/%252e%252e", "/p/a%00b", "/p/A", `/p/..\..\etc\passwd`, "/datasets/.hidden",
		"/api/datasets/..%2f..%2fatelier.db/rows", "/p/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
	}
	for _, p := range paths {
		resp, body := fetch(t, ts, p)
		if resp.StatusCode != 404 && resp.StatusCode != 400 && resp.StatusCode != 301 {
			t.Errorf("GET %s = %d; want 404", p, resp.StatusCode)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "module atelier") || strings.Contains(body, "SQLite format") {
			t.Errorf("GET %s leaked a file", p)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("GET %s echoed markup", p)
		}
	}
}

func TestDatasetJSONContract(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/api/datasets/population-communes")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var meta struct {
		Name, Title string
		Version     int
		Rows        int64
		Columns     []struct {
			Name, Type string
			Nulls      int64
		}
	}
	if err := json.Unmarshal([]byte(body), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Name != "population-communes" || meta.Version != 1 || meta.Rows != 34995 || len(meta.Columns) != 3 {
		t.Errorf("meta = %+v", meta)
	}
	if c := meta.Columns[2]; c.Name != "p21_pop" || c.Type != "int64" || c.Nulls != 26 {
		t.Errorf("p21_pop column = %+v; want int64 with 26 nulls", c)
	}

	_, body = fetch(t, ts, "/api/datasets/population-communes/rows?offset=0&limit=2")
	var rows struct {
		Columns []string
		Rows    [][]any
		Total   int64
	}
	if err := json.Unmarshal([]byte(body), &rows); err != nil {
		t.Fatal(err)
	}
	if rows.Total != 34995 || len(rows.Rows) != 2 || len(rows.Columns) != 3 {
		t.Fatalf("rows = %+v", rows)
	}
	if _, isNumber := rows.Rows[0][2].(float64); !isNumber {
		t.Errorf("p21_pop came as %T; want a JSON number", rows.Rows[0][2])
	}
	if _, isText := rows.Rows[0][0].(string); !isText {
		t.Errorf("codgeo came as %T; want a JSON string", rows.Rows[0][0])
	}
	for _, bad := range []string{"limit=0", "limit=100000", "offset=-1", "limit=abc"} {
		resp, body := fetch(t, ts, "/api/datasets/population-communes/rows?"+bad)
		if resp.StatusCode != 400 || !strings.Contains(body, "paramètre") {
			t.Errorf("rows?%s = %d %s; want 400 with a French message", bad, resp.StatusCode, body)
		}
	}
}

func TestPageJSONCarriesItsRevision(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/api/pages/martigues-en-chiffres")
	var p struct {
		Slug, Title, Markdown, Status, HTML string
		Revision                            int
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Slug != "martigues-en-chiffres" || p.Revision != 1 || p.Status != "published" || !strings.Contains(p.HTML, "data-chart") || p.Markdown != "" {
		t.Errorf("page = %+v", p)
	}
	if resp.Header.Get("ETag") != `"1"` {
		t.Errorf("ETag = %q", resp.Header.Get("ETag"))
	}
}

func TestOfflineDownloadIsSelfContained(t *testing.T) {
	ts := newTestServer(t)
	resp, body := fetch(t, ts, "/p/martigues-en-chiffres/hors-ligne.html")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="martigues-en-chiffres.html"`) {
		t.Fatalf("offline = %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	if regexp.MustCompile(`(?:src|href)="`).MatchString(strings.SplitN(body, "<main", 2)[0]) {
		t.Error("the offline file's head refers to another file")
	}
	if !strings.Contains(body, "echarts") || !strings.Contains(body, `data-chart="3"`) || len(body) < 200_000 {
		t.Errorf("the offline file lacks ECharts or the charts (%d bytes)", len(body))
	}
}

// TestAssetsGoOutInBrotli: the ECharts bundle and atelier's own script have brotli copies
// written by make assets (atelier.js's named by its hash, attached only when it matches).
func TestAssetsGoOutInBrotli(t *testing.T) {
	ts := newTestServer(t)
	_, page := fetch(t, ts, "/p/martigues-en-chiffres")
	for _, tt := range []struct {
		asset    string // a regexp for the asset's hashed address in the page
		min, max int    // the brotli body's size
	}{
		{`/static/vendor/echarts/echarts-base\.min\.[0-9a-f]{10}\.js`, 50_000, 180_000},
		{`/static/atelier\.[0-9a-f]{10}\.js`, 1_000, 40_000},
	} {
		src := regexp.MustCompile(`src="(` + tt.asset + `)"`).FindStringSubmatch(page)
		if src == nil {
			t.Errorf("no %s in the page", tt.asset)
			continue
		}
		req, _ := http.NewRequest("GET", ts.URL+src[1], nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "br" || len(raw) < tt.min || len(raw) > tt.max {
			t.Errorf("%s: encoding %q, %d bytes; want br of %d to %d bytes", src[1], resp.Header.Get("Content-Encoding"), len(raw), tt.min, tt.max)
		}
	}
}
