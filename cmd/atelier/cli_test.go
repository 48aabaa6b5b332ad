package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestImportPrintsNameVersionRowsAndTypes(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "internal", "demo", "files", "insee-population-2021.csv")
	out, err := runCommand(t, "import", "-data", dir, "-name", "population", src)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, want := range []string{"population version 1 : 34995 lignes, 3 colonnes", "codgeo", "utf8", "p21_pop", "int64", "26 vides"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	out, err = runCommand(t, "import", "-data", dir, "-name", "population", src)
	if err != nil || !strings.HasPrefix(out, "population version 2 :") {
		t.Errorf("second import: %v\n%s", err, out)
	}
}

func TestImportRefusesABinaryFileAndStoresNothing(t *testing.T) {
	dir := t.TempDir()
	png := writeFile(t, "photo.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRxxxxxxxx")
	out, err := runCommand(t, "import", "-data", dir, png)
	if err == nil {
		t.Fatalf("a PNG was imported:\n%s", out)
	}
	if !strings.Contains(err.Error(), "PNG") {
		t.Errorf("error %q does not say what the file is", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "datasets"))
	if len(entries) != 0 {
		t.Errorf("the datasets folder holds %d entries after a refusal", len(entries))
	}
}

func TestPageImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	md := "---\ntitle: Essai\n---\n# Essai\n\nUn texte avec des accents : é à ç.\n"
	file := writeFile(t, "Essai de page.md", md)
	out, err := runCommand(t, "page", "import", "-data", dir, file)
	if err != nil || !strings.HasPrefix(out, "essai-de-page révision 1 (draft)") {
		t.Fatalf("page import: %v\n%s", err, out)
	}
	out, err = runCommand(t, "page", "import", "-data", dir, "-slug", "essai-de-page", "-publish", file)
	if err != nil || !strings.HasPrefix(out, "essai-de-page révision 2 (published)") {
		t.Fatalf("second page import: %v\n%s", err, out)
	}
	out, err = runCommand(t, "page", "export", "-data", dir, "essai-de-page")
	if err != nil || out != md {
		t.Errorf("export = %q, %v; want the imported markdown", out, err)
	}
	if _, err := runCommand(t, "page", "export", "-data", dir, "../etc"); err == nil {
		t.Error("an invalid slug was accepted")
	}
}

func TestServeAnswersTheDemo(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	resp, body := get(t, srv.URL+"/p/martigues-en-chiffres")
	if resp.StatusCode != 200 || !strings.Contains(body, "Martigues en chiffres") {
		t.Fatalf("demo page: %d", resp.StatusCode)
	}
	if strings.Contains(body, "chart-error") {
		t.Errorf("the demo page shows a broken chart")
	}
	resp, _ = get(t, srv.URL+"/healthz")
	if resp.StatusCode != 200 {
		t.Errorf("healthz = %d", resp.StatusCode)
	}
}

func TestDemoLoadsOnceInAnyDataDirectory(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		srv := startServer(t, dir, "-demo")
		_, body := get(t, srv.URL+"/api/datasets/population-communes")
		if got := demoVersions(t, body); !slices.Equal(got, []int{1, 1}) {
			t.Errorf("start %d: the demo dataset's version and versions list are %v; want [1 1] (one version, 1):\n%s", i+1, got, body)
		}
		srv.stop()
		<-srv.done
		srv.done <- nil // for the cleanup
	}
}

// demoVersions returns a dataset JSON's version followed by every version it lists: a
// substring test for "version": 1 would also match the list once version 2 exists.
func demoVersions(t *testing.T, body string) []int {
	t.Helper()
	var d struct {
		Version  int `json:"version"`
		Versions []struct {
			Version int `json:"version"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatalf("dataset JSON: %v\n%s", err, body)
	}
	out := []int{d.Version}
	for _, v := range d.Versions {
		out = append(out, v.Version)
	}
	return out
}

func TestUserAddReadsThePasswordFromStdin(t *testing.T) {
	dir := t.TempDir()
	var out, errOut strings.Builder
	err := run(context.Background(), []string{"user", "add", "-data", dir, "-email", "Alice@Ville.fr", "-role", "admin"},
		strings.NewReader("un mot de passe solide\n"), &out, &errOut)
	if err != nil || out.String() != "compte alice@ville.fr créé (admin)\n" {
		t.Fatalf("user add: %v %q %q", err, out.String(), errOut.String())
	}
	err = run(context.Background(), []string{"user", "add", "-data", dir, "-email", "bob@ville.fr"},
		strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "mot de passe") {
		t.Errorf("user add without a password: %v", err)
	}
	err = run(context.Background(), []string{"user", "add", "-data", dir, "-email", "alice@ville.fr"},
		strings.NewReader("un autre mot de passe\n"), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("a second account with the same e-mail: %v", err)
	}
}
