package datasets_test

import (
	"context"
	"os"
	"path/filepath"
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
