package notebooks_test

import (
	"context"
	"strings"
	"testing"

	"atelier/datasets"
	"atelier/notebooks"
)

func TestANewVersionRefreshesItsPagesAndTheBinStopsNone(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.pages.Follow(f.ds)
	for _, slug := range []notebooks.Slug{"a-la-corbeille", "budget"} {
		if _, err := f.pages.Save(ctx, slug, "# B\n\n"+chartBlock, "a", 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.pages.Delete(ctx, "a-la-corbeille"); err != nil {
		t.Fatal(err)
	}
	// No call to RefreshUsing: the dataset store's hook is the one owner of the refresh.
	f.importCSV(t, "budget", "quartier;montant\nCarro;999\n")
	p, err := f.pages.Get(ctx, "budget")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.HTML, "Carro") {
		t.Error("the page still shows the old version after an import")
	}
	n, err := f.pages.RefreshUsing(ctx, "budget")
	if err != nil || n != 1 {
		t.Errorf("RefreshUsing = %d, %v; want 1 page and no error (the page in the bin is left alone)", n, err)
	}
	if err := f.pages.Undelete(ctx, "a-la-corbeille"); err != nil {
		t.Fatal(err)
	}
	back, _ := f.pages.Get(ctx, "a-la-corbeille")
	if !strings.Contains(back.HTML, "Carro") {
		t.Error("a page taken out of the bin shows the data of before")
	}
}

func TestABrokenChartHealsWhenTheDataIsFixed(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.pages.Follow(f.ds)
	block := strings.Replace(chartBlock, "sum(montant)", "sum(montant_vote)", 1)
	p, err := f.pages.Save(ctx, "budget", "# B\n\n"+block, "a", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.HTML, "chart-error") {
		t.Fatal("the chart on a missing column is not broken")
	}
	if _, err := f.ds.Change(ctx, "budget", []datasets.ColumnChange{{Name: "montant", NewName: "montant_vote"}}); err != nil {
		t.Fatal(err)
	}
	p, _ = f.pages.Get(ctx, "budget")
	if strings.Contains(p.HTML, "chart-error") || !strings.Contains(p.HTML, "Jonquières") {
		t.Errorf("after the rename the chart is still broken:\n%s", p.HTML)
	}
}
