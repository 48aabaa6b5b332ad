package datasets_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"atelier/datasets"
	"atelier/internal/fault"
)

const budgetCSV = "quartier;montant;code;vote\nJonquières;10,5;01;02/03/2024\nL'Île;20;02;03/03/2024\nJonquières;30;03;04/03/2024\nCarro;;04;\n"

func TestImportAppliesColumnChangesAndKeepsMetadata(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	m, err := s.Import(ctx, datasets.ImportRequest{
		Name: "budget", FileName: "budget.csv", Body: strings.NewReader(budgetCSV),
		Description: "Budget par quartier", Source: "Ville de Martigues", SourceURL: "https://data.example/budget",
		Licence: "Licence Ouverte 2.0", DataDate: "2024",
		Columns: []datasets.ColumnChange{{Name: "code", Type: "int64"}, {Name: "montant", NewName: "montant_eur"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range m.Columns {
		got[c.Name] = c.Type
	}
	want := map[string]string{"quartier": "utf8", "montant_eur": "float64", "code": "int64", "vote": "date32"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if m.DataDate != "2024" || m.Licence != "Licence Ouverte 2.0" || m.SourceURL == "" {
		t.Errorf("metadata lost: %+v", m)
	}
	again, err := s.Meta(ctx, "budget", 0)
	if err != nil || len(again.Changes) != 2 {
		t.Errorf("stored changes %v (%v)", again.Changes, err)
	}
}

func TestImportRefusesAnImpossibleConversion(t *testing.T) {
	s := openStore(t, t.TempDir())
	_, err := s.Import(context.Background(), datasets.ImportRequest{
		Name: "budget", FileName: "budget.csv", Body: strings.NewReader(budgetCSV),
		Columns: []datasets.ColumnChange{{Name: "quartier", Type: "float64"}},
	})
	msg, _ := fault.Message(err)
	if fault.KindOf(err) != fault.Unprocessable || !strings.Contains(msg, "colonne « quartier » : la valeur « Jonquières »") {
		t.Errorf("got %v", err)
	}
	if _, err := s.Meta(context.Background(), "budget", 0); fault.KindOf(err) != fault.NotFound {
		t.Errorf("something was stored: %v", err)
	}
}

func TestChangeMakesANewVersionAndVersionsListsThem(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	if _, err := importString(t, s, "budget", budgetCSV); err != nil {
		t.Fatal(err)
	}
	m, err := s.Change(ctx, "budget", []datasets.ColumnChange{{Name: "vote", NewName: "date_du_vote", Type: "utf8"}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != 2 || m.Columns[3].Name != "date_du_vote" || m.Columns[3].Type != "utf8" {
		t.Errorf("changed: version %d, column %+v", m.Version, m.Columns[3])
	}
	tbl, _, err := s.Table(ctx, "budget", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := datasets.Rows(tbl, 0, 1)[0][3]; got != "2024-03-02" {
		t.Errorf("converted date %v", got)
	}
	vs, err := s.Versions(ctx, "budget")
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 {
		t.Fatalf("versions %v (%v)", vs, err)
	}
	if _, err := s.Change(ctx, "budget", []datasets.ColumnChange{{Name: "quartier", Type: "date32"}}); fault.KindOf(err) != fault.Unprocessable {
		t.Errorf("impossible change: %v", err)
	}
	if _, err := s.Versions(ctx, "inconnu"); fault.KindOf(err) != fault.NotFound {
		t.Errorf("unknown: %v", err)
	}
}

func TestImportComputesColumnStats(t *testing.T) {
	s := openStore(t, t.TempDir())
	m, err := importString(t, s, "budget", budgetCSV)
	if err != nil {
		t.Fatal(err)
	}
	q, montant, vote := m.Columns[0].Stats, m.Columns[1].Stats, m.Columns[3].Stats
	if q == nil || q.Distinct != 3 || len(q.Top) == 0 || q.Top[0] != (datasets.ValueCount{Value: "Jonquières", Count: 2}) {
		t.Errorf("quartier stats %+v", q)
	}
	if montant == nil || montant.Min != 10.5 || montant.Max != 30.0 || montant.Mean != 20.166666666666668 || len(montant.Histogram) != 10 {
		t.Errorf("montant stats %+v", montant)
	}
	var n int64
	for _, b := range montant.Histogram {
		n += b.Count
	}
	if n != 3 {
		t.Errorf("histogram counts %d values, want 3", n)
	}
	if vote == nil || vote.Min != "2024-03-02" || vote.Max != "2024-03-04" {
		t.Errorf("vote stats %+v", vote)
	}
}

func TestUpdateKeepsTheDescriptionAndTheChanges(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	m, err := s.Import(ctx, datasets.ImportRequest{
		Name: "budget", FileName: "budget.csv", Body: strings.NewReader(budgetCSV),
		SourceURL: "https://data.example/budget.csv", Licence: "ODbL",
		Columns: []datasets.ColumnChange{{Name: "montant", NewName: "montant_eur"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	m2, err := s.Import(ctx, m.Update("budget.csv", strings.NewReader(budgetCSV+"Carro;5;05;05/03/2024\n")))
	if err != nil {
		t.Fatal(err)
	}
	if m2.Version != 2 || m2.Rows != 5 || m2.Licence != "ODbL" || m2.Columns[1].Name != "montant_eur" {
		t.Errorf("update: %+v", m2)
	}
}
