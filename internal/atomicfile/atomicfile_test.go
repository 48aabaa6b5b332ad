package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/internal/atomicfile"
)

func openRoot(t *testing.T) (*os.Root, string) {
	t.Helper()
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root, dir
}

func TestWriteReplacesTheWholeFile(t *testing.T) {
	root, dir := openRoot(t)
	if err := atomicfile.WriteBytes(root, "a/b/page.txt", []byte("version 1")); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteBytes(root, "a/b/page.txt", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "a", "b", "page.txt"))
	if string(got) != "v2" {
		t.Errorf("file = %q; want v2", got)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a", "b"))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries; want only the file", len(entries))
	}
}

func TestAFailedWriteKeepsTheOldFileAndLeavesNoTemporary(t *testing.T) {
	root, dir := openRoot(t)
	atomicfile.WriteBytes(root, "f.txt", []byte("ancien"))
	err := atomicfile.Write(root, "f.txt", func(w io.Writer) error {
		io.WriteString(w, "à moitié")
		return errors.New("disque plein")
	})
	if err == nil {
		t.Fatal("the error of the writer was lost")
	}
	got, _ := os.ReadFile(filepath.Join(dir, "f.txt"))
	if string(got) != "ancien" {
		t.Errorf("file = %q; want the old content", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a temporary file was left behind: %d entries", len(entries))
	}
}

func TestWriteStaysInsideTheRoot(t *testing.T) {
	root, _ := openRoot(t)
	if err := atomicfile.WriteBytes(root, "../dehors.txt", []byte("x")); err == nil {
		t.Error("a write escaped the root")
	}
}

func TestSweepRemovesOnlyTemporaryFiles(t *testing.T) {
	root, dir := openRoot(t)
	os.MkdirAll(filepath.Join(dir, "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "x", atomicfile.TempPrefix+"123-1.arrow"), []byte("torn"), 0o644)
	os.WriteFile(filepath.Join(dir, "x", "1.arrow"), []byte("good"), 0o644)
	n, err := atomicfile.Sweep(root)
	if err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1", n, err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "x"))
	if len(entries) != 1 || strings.HasPrefix(entries[0].Name(), atomicfile.TempPrefix) {
		t.Errorf("after Sweep: %v", entries)
	}
}
