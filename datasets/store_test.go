package datasets_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"atelier/datasets"
	"atelier/internal/database"
	"atelier/internal/fault"
)

func openStore(t *testing.T, dir string) *datasets.Store {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), datasets.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); db.Close() })
	return s
}

func importString(t *testing.T, s *datasets.Store, name, content string) (datasets.Meta, error) {
	t.Helper()
	return s.Import(context.Background(), datasets.ImportRequest{
		Name: datasets.Name(name), FileName: name + ".csv", Body: strings.NewReader(content),
	})
}

func TestStoreImportMakesVersionsAndKeepsTheOldOnes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	v1, err := importString(t, s, "budget", "quartier;montant\nJonquières;10,5\nL'Île;20\n")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := importString(t, s, "budget", "quartier;montant\nJonquières;11\nL'Île;21\nFerrières;3\n")
	if err != nil {
		t.Fatal(err)
	}
	if v1.Version != 1 || v2.Version != 2 {
		t.Fatalf("versions = %d, %d; want 1, 2", v1.Version, v2.Version)
	}
	latest, meta, err := s.Table(ctx, "budget", 0)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Version != 2 || latest.NumRows() != 3 {
		t.Errorf("latest = version %d with %d rows; want version 2 with 3 rows", meta.Version, latest.NumRows())
	}
	old, _, err := s.Table(ctx, "budget", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := datasets.Rows(old, 0, 10); len(got) != 2 || got[1][0] != "L'Île" || got[0][1] != 10.5 {
		t.Errorf("version 1 rows = %v", got)
	}
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Version != 2 {
		t.Errorf("List = %+v; want one dataset at version 2", list)
	}
}

func TestStoreReopensTablesFromDisk(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	func() {
		s := openStore(t, dir)
		if _, err := importString(t, s, "codes", "codgeo;p21_pop\n01009;120\n2A004;5\n"); err != nil {
			t.Fatal(err)
		}
	}()
	s := openStore(t, dir)
	tbl, meta, err := s.Table(ctx, "codes", 0)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Columns[0].Type != "utf8" {
		t.Errorf("codgeo type = %s; want utf8", meta.Columns[0].Type)
	}
	if got := datasets.Rows(tbl, 0, 10); got[0][0] != "01009" || got[1][1] != int64(5) {
		t.Errorf("rows after reopening = %v", got)
	}
	f, _, err := s.Original(ctx, "codes", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	buf.ReadFrom(f)
	if !strings.HasPrefix(buf.String(), "codgeo;p21_pop") {
		t.Errorf("original file = %q", buf.String())
	}
}

func TestStoreRefusesBadFilesAndStoresNothing(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	cases := []struct {
		name, content string
		want          fault.Kind
	}{
		{"image", png, fault.Unsupported},
		{"vide", "", fault.Unprocessable},
	}
	for _, c := range cases {
		_, err := importString(t, s, c.name, c.content)
		if got := fault.KindOf(err); got != c.want {
			t.Errorf("%s: kind = %v (%v); want %v", c.name, got, err, c.want)
		}
		if msg, ok := fault.Message(err); !ok || msg == "" {
			t.Errorf("%s: no French message for the user", c.name)
		}
	}
	list, _ := s.List(context.Background())
	if len(list) != 0 {
		t.Errorf("after refusals the catalogue holds %d datasets", len(list))
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "datasets"))
	if len(entries) != 0 {
		t.Errorf("after refusals the datasets folder holds %d entries", len(entries))
	}
}

func TestStoreRefusesAFileOverTheLimit(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, _ := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	defer db.Close()
	lim := datasets.DefaultLimits
	lim.MaxFileBytes = 100
	s, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), lim)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = importString(t, s, "gros", "a;b\n"+strings.Repeat("1;2\n", 25)) // 104 bytes
	if fault.KindOf(err) != fault.TooLarge {
		t.Fatalf("kind = %v (%v); want TooLarge", fault.KindOf(err), err)
	}
	if msg, _ := fault.Message(err); !strings.Contains(msg, "100\u202foctets") {
		t.Errorf("message %q does not name the limit", msg)
	}
}

func TestStoreConcurrentImportsOfOneNameGetDistinctVersions(t *testing.T) {
	s := openStore(t, t.TempDir())
	const n = 6
	var wg sync.WaitGroup
	versions := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := importString(t, s, "meme-nom", "a;b\n1;2\n")
			if err != nil {
				t.Error(err)
				return
			}
			versions <- m.Version
		}()
	}
	wg.Wait()
	close(versions)
	seen := map[int]bool{}
	for v := range versions {
		if seen[v] {
			t.Errorf("version %d given twice", v)
		}
		seen[v] = true
	}
	for v := 1; v <= n; v++ {
		if !seen[v] {
			t.Errorf("version %d missing", v)
		}
	}
}

func TestOpenStoreSweepsLeftoverTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	leftover := filepath.Join(dir, "datasets", "budget", ".tmp-0123-1.arrow")
	os.MkdirAll(filepath.Dir(leftover), 0o755)
	os.WriteFile(leftover, []byte("torn"), 0o644)
	openStore(t, dir)
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("leftover temporary file still there: %v", err)
	}
}

func TestStoreUnknownDatasetIsNotFound(t *testing.T) {
	s := openStore(t, t.TempDir())
	_, _, err := s.Table(context.Background(), "inconnu", 0)
	if fault.KindOf(err) != fault.NotFound {
		t.Errorf("kind = %v; want NotFound", fault.KindOf(err))
	}
}

func TestStageShowsTheFileBeforeStoringIt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	rv, err := s.Stage(ctx, "Budget 2024.csv", []byte("quartier;montant\nJonquières;10,5\nL'Île;20\nJonquières;3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if rv.Name != "budget-2024" || rv.Rows != 3 || rv.Delimiter != ";" || len(rv.Columns) != 2 || rv.Exists {
		t.Errorf("review = %+v", rv)
	}
	if got := rv.Columns[0].Samples; len(got) != 2 || got[0] != "Jonquières" || got[1] != "L'Île" {
		t.Errorf("samples = %v; want the two distinct quartiers", got)
	}
	if list, _ := s.List(ctx); len(list) != 0 {
		t.Fatal("staging added to the catalogue")
	}
	meta, err := s.ImportStaged(ctx, rv.ID, datasets.ImportRequest{Name: "budget", Title: "Budget", Source: "Ville"})
	if err != nil {
		t.Fatal(err)
	}
	if meta.Name != "budget" || meta.Version != 1 || meta.Rows != 3 || meta.Source != "Ville" {
		t.Errorf("imported = %+v", meta)
	}
	if _, err := s.ImportStaged(ctx, rv.ID, datasets.ImportRequest{Name: "budget"}); fault.KindOf(err) != fault.NotFound {
		t.Errorf("a staged file imported twice: %v", err)
	}
	for _, bad := range []string{"../../atelier.db", "", strings.Repeat("g", 32)} {
		if _, err := s.ImportStaged(ctx, bad, datasets.ImportRequest{Name: "x"}); fault.KindOf(err) != fault.NotFound {
			t.Errorf("ImportStaged(%q): %v", bad, err)
		}
	}
	if _, err := s.Stage(ctx, "x.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00")); fault.KindOf(err) != fault.Unsupported {
		t.Errorf("staging a PNG: %v", err)
	}
}

func TestHostileFileNamesNeverBecomePaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	for _, name := range []string{"../../x.csv", "..\\..\\x.csv", "/etc/passwd", "a\x00b\r\n.csv", "\u202egnp.csv"} {
		m, err := s.Import(ctx, datasets.ImportRequest{FileName: name, Body: strings.NewReader("a;b\n1;2\n")})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if _, err := datasets.ParseName(string(m.Name)); err != nil {
			t.Errorf("%q gave the name %q: %v", name, m.Name, err)
		}
	}
	for _, outside := range []string{filepath.Join(dir, "x.csv"), filepath.Join(filepath.Dir(dir), "x.csv"), filepath.Join(dir, "datasets", "..", "x.csv")} {
		if _, err := os.Stat(outside); err == nil {
			t.Errorf("a file was written at %s", outside)
		}
	}
}
