package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeJaggedPolygon writes a GeoJSON file of one polygon with n vertices (a shaking circle,
// 38 MB for 2 million) and returns its path.
func writeJaggedPolygon(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[`)
	for i := 0; i < n-1; i++ {
		a := 2 * math.Pi * float64(i) / float64(n-1)
		r := 1 + 1e-5*float64(i%7)
		fmt.Fprintf(&b, "[%.6f,%.6f],", 5+r*math.Cos(a), 43+r*math.Sin(a))
	}
	b.WriteString(`[6,43]]]}}]}`)
	p := filepath.Join(t.TempDir(), "foret.geojson")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wireBytes is how many bytes a browser asking for gzip receives for path.
func wireBytes(t *testing.T, url string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
	return int(n)
}

func TestAMapOfTwoMillionVerticesWeighsUnderAMegabyte(t *testing.T) {
	dir := t.TempDir()
	geo := writeJaggedPolygon(t, 2_000_000)
	values := writeFile(t, "valeurs.csv", "code;valeur\nA;12\n")
	page := writeFile(t, "foret.md", "# La forêt\n\n```chart\ntype: map\ndata: valeurs\ngeo: foret\nkey: code\ngeokey: code\ny: sum(valeur)\n```\n")
	for _, args := range [][]string{
		{"import", "-data", dir, "-name", "foret", geo},
		{"import", "-data", dir, "-name", "valeurs", values},
		{"page", "import", "-data", dir, "-slug", "foret", "-publish", page},
	} {
		if out, err := runCommand(t, args...); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	srv := startServer(t, dir)
	fi, _ := os.Stat(geo)
	for _, path := range []string{"/p/foret", "/p/foret/charts/1"} {
		n := wireBytes(t, srv.URL+path)
		t.Logf("%s over a GeoJSON of %d bytes: %d bytes over the wire", path, fi.Size(), n)
		if n > 1<<20 {
			t.Errorf("%s is %d bytes over the wire; want at most 1 MB", path, n)
		}
	}
	resp, body := get(t, srv.URL+"/datasets/foret/original")
	if resp.StatusCode == 200 && int64(len(body)) != fi.Size() {
		t.Errorf("the original download is %d bytes; want the file as uploaded (%d)", len(body), fi.Size())
	}
}
