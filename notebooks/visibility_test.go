package notebooks_test

import (
	"context"
	"slices"
	"testing"

	"atelier/datasets"
	"atelier/notebooks"
)

// A dataset's versions are readable by an anonymous visitor only while a page they may read
// draws from them: published, unlisted with its key, or frozen in a snapshot of either.
func TestDatasetViewFollowsVisiblePagesAndSnapshots(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	anon := notebooks.Reader{}
	view := func(rd notebooks.Reader, name string) []int {
		t.Helper()
		v, err := f.pages.DatasetViewFor(ctx, rd, datasets.Name(name))
		if err != nil {
			t.Fatal(err)
		}
		return v.Versions
	}
	f.pages.Save(ctx, "p", chartBlock, "a", 0)
	if got := view(anon, "budget"); len(got) != 0 {
		t.Fatalf("a draft's data are readable: %v", got)
	}
	f.pages.SetStatus(ctx, "p", notebooks.Unlisted)
	p, _ := f.pages.Get(ctx, "p")
	if got := view(anon, "budget"); len(got) != 0 {
		t.Errorf("an unlisted page's data without its key: %v", got)
	}
	if got := view(notebooks.Reader{ShareKey: "faux"}, "budget"); len(got) != 0 {
		t.Errorf("an unlisted page's data with a wrong key: %v", got)
	}
	if got := view(notebooks.Reader{ShareKey: p.ShareKey}, "budget"); !slices.Equal(got, []int{1}) {
		t.Errorf("an unlisted page's data with its key: %v", got)
	}
	if listed, _ := f.pages.ListedDatasets(ctx); len(listed) != 0 {
		t.Errorf("an unlisted page's data are listed: %v", listed)
	}
	f.pages.SetStatus(ctx, "p", notebooks.Published)
	if listed, _ := f.pages.ListedDatasets(ctx); !listed["budget"] || len(listed) != 1 {
		t.Errorf("listed = %v; want budget", listed)
	}
	f.pages.Freeze(ctx, "p", "réunion", "a")
	f.importCSV(t, "budget", "quartier;montant\nJonquières;1\n")
	f.importCSV(t, "budget", "quartier;montant\nJonquières;2\n")
	if _, err := f.pages.RefreshUsing(ctx, "budget"); err != nil {
		t.Fatal(err)
	}
	// The page follows the latest (3); the snapshot keeps 1; nobody draws from 2.
	if got := view(anon, "budget"); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("versions readable = %v; want [1 3]", got)
	}
	if v, _ := f.pages.DatasetViewFor(ctx, anon, "budget"); v.Allows(2) || !v.Allows(1) || v.Newest() != 3 {
		t.Errorf("view = %+v", v)
	}
	if v, _ := f.pages.DatasetViewFor(ctx, notebooks.Reader{Facilitator: true}, "budget"); !v.Allows(2) {
		t.Error("a facilitator may not read version 2")
	}
	f.pages.Save(ctx, "p", "```chart\ntype: bar\ndata: budget@2\nx: quartier\ny: sum(montant)\n```\n", "a", 1)
	if got := view(anon, "budget"); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("after pinning @2, versions readable = %v; want [1 2]", got)
	}
	f.pages.Delete(ctx, "p")
	if got := view(anon, "budget"); len(got) != 0 {
		t.Errorf("a page in the bin still opens its data: %v", got)
	}
}

// A data directory written before the versions were kept: its pages are rendered again once
// at start-up, so that their data stay readable.
func TestSourcesAreBackfilledAtStart(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "p", chartBlock, "a", 0)
	f.pages.SetStatus(ctx, "p", notebooks.Published)
	if _, err := f.db.Exec(`DELETE FROM page_sources`); err != nil {
		t.Fatal(err)
	}
	reopened, err := notebooks.OpenStore(ctx, f.db, f.r)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := reopened.DatasetViewFor(ctx, notebooks.Reader{}, "budget"); !slices.Equal(v.Versions, []int{1}) {
		t.Errorf("after the backfill, versions readable = %v", v.Versions)
	}
}
