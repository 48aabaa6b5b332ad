package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestASymlinkInTheDataDirectoryAnswers404(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, dir, "-demo")
	if resp, _ := get(t, srv.URL+"/datasets/population-communes/original"); resp.StatusCode != 200 {
		t.Fatalf("the original before any link = %d; want 200", resp.StatusCode)
	}
	srv.stop()
	<-srv.done
	srv.done <- nil // for the cleanup
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("hors du dossier de données"), 0o644)
	orig := filepath.Join(dir, "datasets", "population-communes", "1.orig")
	os.Remove(orig)
	if err := os.Symlink(outside, orig); err != nil {
		t.Fatal(err)
	}
	srv = startServer(t, dir)
	resp, _ := get(t, srv.URL+"/datasets/population-communes/original")
	if resp.StatusCode != 404 {
		t.Errorf("the original through a symlink = %d; want 404 like any missing file", resp.StatusCode)
	}
}
