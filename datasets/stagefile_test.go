package datasets_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/datasets"
	"atelier/internal/database"
	"atelier/internal/fault"
)

// stagedFiles lists what the staging directory holds.
func stagedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "datasets", ".staging"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// A staged upload nobody confirms expires after an hour, by the store's clock, and its files
// go with it; a confirmed one leaves no file either.
func TestStagedUploadsExpireAndLeaveNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	csv := []byte("quartier;montant\nJonquières;10\n")
	kept, err := s.Stage(ctx, "budget.csv.gz", gzipped(t, csv))
	if err != nil {
		t.Fatal(err)
	}
	if kept.Rows != 1 || kept.FileName != "budget.csv.gz" {
		t.Errorf("review of a gzip upload = %+v", kept)
	}
	forgotten, err := s.Stage(ctx, "autre.csv", csv)
	if err != nil {
		t.Fatal(err)
	}
	if got := stagedFiles(t, dir); len(got) != 3 { // kept, kept.plain, forgotten
		t.Fatalf("staged files = %v", got)
	}
	meta, err := s.ImportStaged(ctx, kept.ID, datasets.ImportRequest{Name: "budget"})
	if err != nil || meta.Rows != 1 || meta.FileName != "budget.csv" {
		t.Fatalf("import of the gzip upload = %+v, %v", meta, err)
	}
	if got := stagedFiles(t, dir); len(got) != 1 || got[0] != forgotten.ID {
		t.Errorf("after the confirmation, staged files = %v; want only %s", got, forgotten.ID)
	}
	now = now.Add(datasets.StagedLifetime - time.Second)
	if n := s.SweepStaged(); n != 0 {
		t.Errorf("swept %d uploads before their hour", n)
	}
	now = now.Add(time.Second)
	if _, err := s.ImportStaged(ctx, forgotten.ID, datasets.ImportRequest{Name: "autre"}); fault.KindOf(err) != fault.NotFound || !strings.Contains(err.Error(), "expiré") {
		t.Errorf("an upload an hour old was imported: %v", err)
	}
	if got := stagedFiles(t, dir); len(got) != 0 {
		t.Errorf("an expired upload left %v", got)
	}
}

// A gzip bomb is refused while it is decompressed to disk, under the cap, and leaves nothing.
func TestStagingAGzipBombStopsAtTheCap(t *testing.T) {
	dir := t.TempDir()
	db, err := database.Open(context.Background(), filepath.Join(dir, "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	lim := datasets.DefaultLimits
	lim.MaxFileBytes = 1 << 20
	s, err := datasets.OpenStore(context.Background(), db, filepath.Join(dir, "datasets"), lim)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); db.Close() })
	bomb := gzipped(t, bytes.Repeat([]byte("1;2\n"), (1<<20)/4+1))
	_, err = s.StageFrom(context.Background(), "bombe.csv.gz", bytes.NewReader(bomb), datasets.ReadOptions{})
	if fault.KindOf(err) != fault.Unprocessable || !strings.Contains(err.Error(), "une fois décompressé") {
		t.Errorf("a gzip bomb: %v", err)
	}
	if got := stagedFiles(t, dir); len(got) != 0 {
		t.Errorf("a refused bomb left %v", got)
	}
}
