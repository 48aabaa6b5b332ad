package main

import (
	"context"
	"strings"
	"testing"
)

// importBudgetPage imports a budget, labels nothing, and publishes a page with two charts
// on it, one on the column that the corrected file renames.
func importBudgetPage(t *testing.T, dir string) {
	t.Helper()
	csv := writeFile(t, "budget.csv", "quartier;montant_vote;annee\nJonquières;1200000;2024\nL'Île;2000000;2024\n")
	if out, err := runCommand(t, "import", "-data", dir, "-name", "budget", "-source", "Ville de Martigues", csv); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	md := "# Budget\n\n```chart\ntype: bar\ndata: budget\ntitle: Montant par quartier\nx: quartier\ny: sum(montant_vote)\n```\n\n" +
		"```chart\ntype: bar\ndata: budget\ntitle: Lignes par quartier\nx: quartier\ny: count()\n```\n"
	page := writeFile(t, "budget.md", md)
	if out, err := runCommand(t, "page", "import", "-data", dir, "-slug", "budget", "-publish", page); err != nil {
		t.Fatalf("page import: %v\n%s", err, out)
	}
}

func TestImportRefusesToBreakAPublishedPageAndSaysWhy(t *testing.T) {
	dir := t.TempDir()
	importBudgetPage(t, dir)
	renamed := writeFile(t, "budget.csv", "quartier;montant;annee\nJonquières;1300000;2024\nL'Île;2100000;2024\nCarro;100000;2024\n")
	out, err := runCommand(t, "import", "-data", dir, "-name", "budget", renamed)
	if err == nil {
		t.Fatalf("the import that breaks a published chart succeeded:\n%s", out)
	}
	out += err.Error()
	for _, want := range []string{
		"Lignes : 2 avant (version 1), 3 après.",
		"Colonne ajoutée : « montant » (nombre entier).",
		"Colonne disparue : « montant_vote » (nombre entier).",
		"budget « Budget » (publiée)",
		"graphique 1 « Montant par quartier » : ne se dessinerait plus — colonne « montant_vote » inconnue",
		"graphique 2 « Lignes par quartier » : se dessine",
		"rien n'a été importé", "-force",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if out, _ := runCommand(t, "page", "export", "-data", dir, "budget"); !strings.Contains(out, "data: budget\n") {
		t.Errorf("the page changed:\n%s", out)
	}
	again, err := runCommand(t, "import", "-data", dir, "-name", "budget", "-force", renamed)
	if err != nil || !strings.HasPrefix(again, "budget version 2 : 3 lignes") || !strings.Contains(again, "ne se dessinerait plus") {
		t.Errorf("import -force = %v\n%s", err, again)
	}
}

func TestImportOfAFileThatKeepsEveryChartDrawingReportsTheTotals(t *testing.T) {
	dir := t.TempDir()
	importBudgetPage(t, dir)
	corrected := writeFile(t, "budget.csv", "quartier;montant_vote;annee\nJonquières;1250000;2024\nL'Île;2000000;2024\n")
	out, err := runCommand(t, "import", "-data", dir, "-name", "budget", corrected)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, want := range []string{"budget version 2 : 2 lignes", "Mêmes colonnes, mêmes types.",
		"Total de « montant_vote » : 3\u202f200\u202f000 avant, 3\u202f250\u202f000 après (+1,6 %).",
		"graphique 1 « Montant par quartier » : se dessine"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestImportSucceedsWhenAPageThatUsedTheDataIsInTheBin(t *testing.T) {
	dir := t.TempDir()
	importBudgetPage(t, dir)
	cfg := defaultConfig()
	cfg.DataDir = dir
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.pages.Delete(context.Background(), "budget"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	corrected := writeFile(t, "budget.csv", "quartier;montant_vote;annee\nJonquières;1250000;2024\n")
	if out, err := runCommand(t, "import", "-data", dir, "-name", "budget", corrected); err != nil || !strings.HasPrefix(out, "budget version 2 :") {
		t.Errorf("import with a page in the bin = %v\n%s", err, out)
	}
}
