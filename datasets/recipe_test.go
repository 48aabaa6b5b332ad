package datasets_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"atelier/datasets"
	"atelier/internal/database"
)

func TestEveryNewVersionFollowsTheRecipe(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	_, err := s.Import(ctx, datasets.ImportRequest{
		Name: "budget", Title: "Budget 2024", Source: "Ville de Martigues", Licence: "Licence Ouverte 2.0",
		Columns:  []datasets.ColumnChange{{Name: "Montant voté (€)", NewName: "montant"}},
		Labels:   []datasets.ColumnLabel{{Column: "montant", Label: "Montant voté", Unit: "€"}},
		FileName: "budget-2024.csv", Body: strings.NewReader("quartier;Montant voté (€)\nJonquières;10\nL'Île;20\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// The corrected file, imported with nothing but its name: the recipe decides.
	v2, err := s.Import(ctx, datasets.ImportRequest{Name: "budget", FileName: "budget-corrige.csv",
		Body: strings.NewReader("quartier;Montant voté (€)\nJonquières;11\nL'Île;21\n")})
	if err != nil {
		t.Fatal(err)
	}
	if v2.Title != "Budget 2024" || v2.Source != "Ville de Martigues" || v2.Licence != "Licence Ouverte 2.0" {
		t.Errorf("v2 = %q, %q, %q; want the recipe's title, source and licence", v2.Title, v2.Source, v2.Licence)
	}
	if got, want := columnSummary(v2.Columns), "quartier,montant:Montant voté:€"; got != want {
		t.Errorf("v2 columns = %s; want %s", got, want)
	}
	again, err := s.Meta(ctx, "budget", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := columnSummary(again.Columns), "quartier,montant:Montant voté:€"; got != want {
		t.Errorf("stored v2 columns = %s; want %s", got, want)
	}
}

func TestARecipeRenameOfAColumnGoneFromTheFileWarnsInsteadOfFailing(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	if _, err := s.Import(ctx, datasets.ImportRequest{Name: "budget", FileName: "b.csv",
		Columns: []datasets.ColumnChange{{Name: "montant_eur", NewName: "montant"}},
		Body:    strings.NewReader("quartier;montant_eur\nA;1\n")}); err != nil {
		t.Fatal(err)
	}
	m, err := s.Import(ctx, datasets.ImportRequest{Name: "budget", FileName: "b.csv",
		Body: strings.NewReader("quartier;montant_vote\nA;2\n")})
	if err != nil {
		t.Fatalf("import of a file whose column was renamed at the source: %v", err)
	}
	if len(m.Warnings) != 1 || m.Warnings[0].Column != "montant_eur" {
		t.Errorf("warnings = %+v; want one naming montant_eur", m.Warnings)
	}
}

func TestLabelsAndColumnChangesJoinTheRecipe(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	if _, err := importString(t, s, "pop", "codgeo;p21_pop\n13056;49000\n"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLabels(ctx, "pop", []datasets.ColumnLabel{{Column: "p21_pop", Label: " Population 2021 ", Unit: "habitants"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Change(ctx, "pop", []datasets.ColumnChange{{Name: "p21_pop", NewName: "population"}}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Recipe(ctx, "pop")
	if err != nil {
		t.Fatal(err)
	}
	want := datasets.Recipe{Title: "pop", Columns: []datasets.ColumnChange{{Name: "p21_pop", NewName: "population"}},
		Labels: []datasets.ColumnLabel{{Column: "population", Label: "Population 2021", Unit: "habitants"}}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("recipe (-want +got):\n%s", diff)
	}
	if err := s.SetLabels(ctx, "pop", []datasets.ColumnLabel{{Column: "codgeo", Label: strings.Repeat("x", 200)}}); err == nil {
		t.Error("a 200-character label was accepted")
	}
}

func TestOpenStoreGivesOldDatasetsTheRecipeOfTheirLatestVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A catalogue as versions before recipes wrote it.
	mustExec(t, db, `CREATE TABLE dataset_versions (name TEXT NOT NULL, version INTEGER NOT NULL, meta TEXT NOT NULL,
		imported_at TEXT NOT NULL, PRIMARY KEY (name, version))`)
	mustExec(t, db, `INSERT INTO dataset_versions VALUES ('budget', 1, '{"name":"budget","title":"Ancien titre","version":1}', '2024-01-01T00:00:00Z'),
		('budget', 2, '{"name":"budget","title":"Budget voté","source":"Ville","changes":[{"name":"a","new_name":"b"}],"version":2}', '2024-02-01T00:00:00Z')`)
	s, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), datasets.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Recipe(ctx, "budget")
	if err != nil {
		t.Fatal(err)
	}
	want := datasets.Recipe{Title: "Budget voté", Source: "Ville", Columns: []datasets.ColumnChange{{Name: "a", NewName: "b"}}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("migrated recipe (-want +got):\n%s", diff)
	}
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
}

// columnSummary is « name:label:unit » per column, the label and unit only when set.
func columnSummary(cols []datasets.Column) string {
	var parts []string
	for _, c := range cols {
		p := c.Name
		if c.Label != "" || c.Unit != "" {
			p += ":" + c.Label + ":" + c.Unit
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ",")
}
