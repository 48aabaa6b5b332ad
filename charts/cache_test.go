package charts_test

import (
	"context"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/charts"
	"atelier/datasets"
)

func TestCache(t *testing.T) {
	cat := catalogue(t)
	src := "type: bar\ndata: budget\nx: quartier\ny: sum(montant)\nwhere: annee >= 2023\n"
	spec, err := charts.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	first, err := charts.Build(context.Background(), cat, spec)
	if err != nil {
		t.Fatal(err)
	}
	first.Title = "changé par l'appelant"
	// The same block written differently (spacing, a comment, the filter's spelling) is
	// the same chart.
	again, err := charts.Parse("type: bar   # barres\ndata: budget\nx: quartier\ny: sum(montant)\nwhere: annee ≥ 2023\n")
	if err != nil {
		t.Fatal(err)
	}
	second, err := charts.Build(context.Background(), cat, again)
	if err != nil {
		t.Fatal(err)
	}
	if second.Title != "Somme de montant par quartier" || &second.Options[0] != &first.Options[0] {
		t.Errorf("not served from the cache, or altered by a caller: %q", second.Title)
	}
	// A new version of the dataset is a new chart.
	cat.tables["budget"] = append(cat.tables["budget"], newTable(t, col{"quartier", []any{"Carro"}}, col{"annee", []any{2024}}, col{"montant", []any{5.0}}))
	third, err := charts.Build(context.Background(), cat, spec)
	if err != nil {
		t.Fatal(err)
	}
	if third.Version != 2 || len(third.Table.Rows) != 1 {
		t.Errorf("new version: version %d, rows %q", third.Version, third.Table.Rows)
	}
}

func TestCacheConcurrent(t *testing.T) {
	cat := &fakeCatalogue{tables: map[datasets.Name][]arrow.Table{"budget": {ledger(t)}}}
	blocks := []string{"type: pie\ndata: budget\nx: quartier\ny: count()\n", "type: line\ndata: budget\nx: annee\ny: sum(montant)\n"}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			spec, err := charts.Parse(blocks[i%2])
			if err != nil {
				t.Error(err)
				return
			}
			if i%5 == 0 {
				charts.ResetCache()
			}
			if _, err := charts.Build(context.Background(), cat, spec); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
