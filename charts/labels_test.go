package charts_test

import (
	"context"
	"strings"
	"testing"

	"atelier/charts"
	"atelier/datasets"
)

func TestChartsWriteColumnLabelsAndUnits(t *testing.T) {
	cat := catalogue(t)
	cat.meta.Columns = []datasets.Column{
		{Name: "libgeo", Label: "Commune"},
		{Name: "p21_pop", Label: "Population 2021", Unit: "habitants"},
	}
	spec, err := charts.Parse("type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nsort: -y\nlimit: 3\n")
	if err != nil {
		t.Fatal(err)
	}
	c, err := charts.Build(context.Background(), cat, spec)
	if err != nil {
		t.Fatal(err)
	}
	for what, got := range map[string]string{"title": c.Title, "description": c.Description, "headers": strings.Join(c.Table.Columns, " | "), "options": string(c.Options)} {
		if strings.Contains(got, "p21_pop") || strings.Contains(got, "libgeo") {
			t.Errorf("%s shows a column name: %s", what, got)
		}
	}
	if want := "Somme de Population 2021 par Commune"; c.Title != want {
		t.Errorf("title = %q; want %q", c.Title, want)
	}
	if got, want := strings.Join(c.Table.Columns, " | "), "Commune | Somme de Population 2021 (habitants)"; got != want {
		t.Errorf("table headers = %q; want %q", got, want)
	}
	if c.Format.Unit != "habitants" {
		t.Errorf("tooltip unit = %q; want the column's unit", c.Format.Unit)
	}
	// A count is not in the column's unit.
	spec, _ = charts.Parse("type: bar\ndata: population-communes\nx: dep\ny: count()\n")
	c, err = charts.Build(context.Background(), cat, spec)
	if err != nil {
		t.Fatal(err)
	}
	if c.Format.Unit != "" {
		t.Errorf("count() unit = %q; want none", c.Format.Unit)
	}
}
