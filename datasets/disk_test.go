package datasets_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"atelier/datasets"
	"atelier/internal/fault"
)

func TestASymlinkInTheDataDirectoryIsAMissingFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("hors du dossier de données"), 0o644)
	for _, name := range []string{"dehors", "dedans", "autre"} {
		s := openStore(t, dir)
		if _, err := importString(t, s, name, "a;b\n1;2\n"); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	ds := filepath.Join(dir, "datasets")
	for file, target := range map[string]string{
		"dehors/1.orig":  outside,                                 // leads outside: os.Root refuses it
		"dehors/1.arrow": outside,                                 //
		"dedans/1.arrow": filepath.Join("..", "autre", "1.arrow"), // stays inside: another dataset's file
	} {
		p := filepath.Join(ds, file)
		os.Remove(p)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	s := openStore(t, dir)
	if _, _, err := s.Original(ctx, "dehors", 1); fault.KindOf(err) != fault.NotFound {
		t.Errorf("original through a link leading outside: %v (%v); want NotFound", err, fault.KindOf(err))
	}
	for _, name := range []datasets.Name{"dehors", "dedans"} {
		if _, _, err := s.Table(ctx, name, 1); fault.KindOf(err) != fault.NotFound {
			t.Errorf("table %s through a link: %v (%v); want NotFound", name, err, fault.KindOf(err))
		}
	}
}

// fullDisk lets n bytes through, then fails as a full disk does.
type fullDisk struct {
	w io.Writer
	n int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.n {
		k, _ := d.w.Write(p[:d.n])
		d.n = 0
		return k, &os.PathError{Op: "write", Path: "table", Err: syscall.ENOSPC}
	}
	d.n -= len(p)
	return d.w.Write(p)
}

// files lists every file below dir, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func TestOpenStoreSweepsEveryFileNoVersionRefersTo(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	if _, err := importString(t, s, "budget", "a;b\n1;2\n"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ds := filepath.Join(dir, "datasets")
	kept := files(t, ds)
	// What kill -9 left: the original of version 2, written before its table; a dataset the
	// catalogue never listed; a temporary file.
	for _, p := range []string{"budget/2.orig", "fantome/1.orig", "fantome/1.arrow", "budget/.tmp-0123-2.arrow"} {
		os.MkdirAll(filepath.Dir(filepath.Join(ds, p)), 0o755)
		if err := os.WriteFile(filepath.Join(ds, p), bytes.Repeat([]byte("x"), 182), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s = openStore(t, dir)
	if got := files(t, ds); !slices.Equal(got, kept) {
		t.Errorf("after restart the datasets folder holds %v; want only %v", got, kept)
	}
	if _, err := os.Stat(filepath.Join(ds, "fantome")); !os.IsNotExist(err) {
		t.Errorf("the empty folder of a dataset never catalogued is still there: %v", err)
	}
	if _, _, err := s.Table(context.Background(), "budget", 1); err != nil {
		t.Errorf("version 1 after the sweep: %v", err)
	}
}

func TestAFullDiskDuringAnImportRemovesWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	if _, err := importString(t, s, "budget", "a;b\n1;2\n"); err != nil {
		t.Fatal(err)
	}
	before := files(t, filepath.Join(dir, "datasets"))
	datasets.SetWriteFault(s, func(path string, w io.Writer) io.Writer {
		if strings.HasSuffix(path, ".arrow") { // the original is written whole, then the disk fills
			return &fullDisk{w: w, n: 100}
		}
		return w
	})
	_, err := importString(t, s, "budget", "a;b\n3;4\n")
	if fault.KindOf(err) != fault.InsufficientStorage || !strings.Contains(err.Error(), "la version précédente est intacte") {
		t.Fatalf("err = %v (%v); want InsufficientStorage (507) saying the previous version is intact", err, fault.KindOf(err))
	}
	if got := files(t, filepath.Join(dir, "datasets")); !slices.Equal(got, before) {
		t.Errorf("after a full disk the datasets folder holds %v; want what it held before: %v", got, before)
	}
	if m, err := s.Meta(context.Background(), "budget", 0); err != nil || m.Version != 1 {
		t.Errorf("latest = %d, %v; want version 1 intact", m.Version, err)
	}
}
