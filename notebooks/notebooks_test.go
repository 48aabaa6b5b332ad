package notebooks_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/datasets"
	"atelier/internal/database"
	"atelier/internal/fault"
	"atelier/notebooks"
)

type fixture struct {
	db    *sql.DB
	ds    *datasets.Store
	pages *notebooks.Store
	r     *notebooks.Renderer
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), datasets.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ds.Close(); db.Close() })
	r := notebooks.NewRenderer(ds)
	pages, err := notebooks.OpenStore(ctx, db, r)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, ds: ds, pages: pages, r: r}
	f.importCSV(t, "budget", "quartier;montant\nJonquières;120,5\nL'Île;80\nFerrières;40\n")
	return f
}

func (f *fixture) importCSV(t testing.TB, name, content string) {
	t.Helper()
	_, err := f.ds.Import(context.Background(), datasets.ImportRequest{
		Name: datasets.Name(name), FileName: name + ".csv", Body: strings.NewReader(content)})
	if err != nil {
		t.Fatal(err)
	}
}

const chartBlock = "```chart\ntype: bar\ndata: budget\ntitle: Budget par quartier\nx: quartier\ny: sum(montant)\nsort: -y\n```\n"

func TestRenderTurnsChartBlocksIntoFigures(t *testing.T) {
	f := newFixture(t)
	src := "---\ntitle: Le budget\ndescription: Où va l'argent ?\n---\n# Titre\n\nTexte.\n\n" + chartBlock +
		"\n" + strings.Replace(chartBlock, "montant", "montnat", 1)
	r, err := f.r.Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Le budget" || r.Description != "Où va l'argent ?" {
		t.Errorf("title, description = %q, %q", r.Title, r.Description)
	}
	if r.Charts != 2 || r.Broken != 1 {
		t.Errorf("charts, broken = %d, %d; want 2, 1", r.Charts, r.Broken)
	}
	for _, want := range []string{
		`<figure class="chart" data-chart="1"`, `<script type="application/json" class="chart-spec">`,
		"Budget par quartier", "Jonquières", `<figure class="chart chart-error" data-chart="2"`,
		"montnat", "vouliez-vous dire", "Voir les données",
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if len(r.Datasets) != 1 || r.Datasets[0] != "budget" {
		t.Errorf("datasets = %v", r.Datasets)
	}
}

func TestRenderDropsRawHTMLAndScriptLinks(t *testing.T) {
	f := newFixture(t)
	r, err := f.r.Render(context.Background(),
		"# T\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) <b onclick=\"x()\">b</b>\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<img", "onerror", "javascript:", "onclick"} {
		if strings.Contains(r.HTML, bad) {
			t.Errorf("HTML keeps %q: %s", bad, r.HTML)
		}
	}
	if r.Title != "T" {
		t.Errorf("title from the first heading = %q", r.Title)
	}
}

func TestRenderEscapesHostileChartTitles(t *testing.T) {
	f := newFixture(t)
	block := strings.Replace(chartBlock, "Budget par quartier", `"</script><script>alert(1)</script>"`, 1)
	r, err := f.r.Render(context.Background(), block)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<script>alert") || strings.Count(r.HTML, "</script>") != 1 {
		t.Errorf("a title broke out of its script element:\n%s", r.HTML)
	}
	if !strings.Contains(r.HTML, `\u003c/script\u003e`) || !strings.Contains(r.HTML, "&lt;/script&gt;") {
		t.Errorf("the title is not kept as escaped text:\n%s", r.HTML)
	}
}

func TestRenderRefusesOversizedPages(t *testing.T) {
	f := newFixture(t)
	_, err := f.r.Render(context.Background(), strings.Repeat("[a](<b", notebooks.MaxSourceBytes/6+10))
	if fault.KindOf(err) != fault.TooLarge {
		t.Errorf("kind = %v; want TooLarge", fault.KindOf(err))
	}
}

func TestSaveChecksTheRevisionItStartedFrom(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.pages.Save(ctx, "budget", "# Budget\n", "alice", 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Revision != 1 || p.Status != notebooks.Draft || p.Title != "Budget" {
		t.Errorf("created page = %+v", p)
	}
	if _, err := f.pages.Save(ctx, "budget", "# Autre\n", "bob", 0); fault.KindOf(err) != fault.PreconditionFailed {
		t.Errorf("creating an existing page: kind %v; want PreconditionFailed", fault.KindOf(err))
	}
	if _, err := f.pages.Save(ctx, "budget", "# Budget v2\n", "alice", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pages.Save(ctx, "budget", "# Budget de Bob\n", "bob", 1); fault.KindOf(err) != fault.PreconditionFailed {
		t.Errorf("saving from a stale revision: kind %v; want PreconditionFailed", fault.KindOf(err))
	}
	got, err := f.pages.Get(ctx, "budget")
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != 2 || got.Markdown != "# Budget v2\n" || got.Author != "alice" {
		t.Errorf("current page = revision %d %q by %s", got.Revision, got.Markdown, got.Author)
	}
}

func TestConcurrentSavesFromOneRevisionHaveOneWinner(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.pages.Save(ctx, "page", "# v1\n", "a", 0); err != nil {
		t.Fatal(err)
	}
	const n = 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, conflicts := 0, 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.pages.Save(ctx, "page", fmt.Sprintf("# v2 par %d\n", i), "a", 1)
			mu.Lock()
			defer mu.Unlock()
			switch fault.KindOf(err) {
			case fault.PreconditionFailed:
				conflicts++
			default:
				if err != nil {
					t.Error(err)
					return
				}
				wins++
			}
		}()
	}
	wg.Wait()
	if wins != 1 || conflicts != n-1 {
		t.Errorf("wins, conflicts = %d, %d; want 1, %d", wins, conflicts, n-1)
	}
}

func TestStatusAndList(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "a", "# A\n", "x", 0)
	f.pages.Save(ctx, "b", "# B\n", "x", 0)
	if err := f.pages.SetStatus(ctx, "b", notebooks.Published); err != nil {
		t.Fatal(err)
	}
	pub, err := f.pages.List(ctx, notebooks.Published)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub) != 1 || pub[0].Slug != "b" || !pub[0].Status.Public() || pub[0].Author != "x" {
		t.Errorf("published = %+v", pub)
	}
	if err := f.pages.SetStatus(ctx, "inconnue", notebooks.Published); fault.KindOf(err) != fault.NotFound {
		t.Errorf("status of a missing page: kind %v", fault.KindOf(err))
	}
}

func TestANewDataVersionRefreshesThePagesThatUseIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.pages.Save(ctx, "budget", chartBlock, "a", 0); err != nil {
		t.Fatal(err)
	}
	f.importCSV(t, "budget", "quartier;montant\nCarro;999\n")
	n, err := f.pages.RefreshUsing(ctx, "budget")
	if err != nil || n != 1 {
		t.Fatalf("refreshed %d pages, err %v; want 1", n, err)
	}
	p, _ := f.pages.Get(ctx, "budget")
	if !strings.Contains(p.HTML, "Carro") || strings.Contains(p.HTML, "Jonquières") || p.Revision != 1 {
		t.Errorf("after the new data version, revision %d shows old data or lacks new", p.Revision)
	}
}

func TestSlugs(t *testing.T) {
	for _, good := range []string{"a", "budget-2024", "0abc"} {
		if _, err := notebooks.ParseSlug(good); err != nil {
			t.Errorf("ParseSlug(%q): %v", good, err)
		}
	}
	for _, bad := range []string{"", "-a", "A", "a/b", "..", "a b", "é", strings.Repeat("a", 65), "a\x00"} {
		if _, err := notebooks.ParseSlug(bad); fault.KindOf(err) != fault.Invalid {
			t.Errorf("ParseSlug(%q) accepted", bad)
		}
	}
	if got := notebooks.SlugFrom("Budget 2024 — Jonquières !"); got != "budget-2024-jonquieres" {
		t.Errorf("SlugFrom = %q", got)
	}
}

func TestPagesSplitIntoSlidesWithNotes(t *testing.T) {
	f := newFixture(t)
	src := "# Un\n\nTexte un.\n\n---\n\n# Deux\n\n> Notes : dire bonjour au conseil.\n\n" + chartBlock + "\n---\n\n# Trois\n"
	r, err := f.r.Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Slides) != 3 {
		t.Fatalf("%d slides; want 3", len(r.Slides))
	}
	if strings.Contains(r.Slides[1], "notes") || strings.Contains(r.Slides[1], "dire bonjour") ||
		!strings.Contains(r.Slides[1], `data-chart="1"`) {
		t.Errorf("the audience's slide 2 = %s", r.Slides[1])
	}
	if len(r.Notes) != 3 || r.Notes[0] != "" || !strings.Contains(r.Notes[1], "dire bonjour") {
		t.Errorf("notes = %q", r.Notes)
	}
	if got := string(notebooks.PresenterSlide(r.Slides[1], r.Notes[1])); !strings.Contains(got, `<aside class="notes">`) || !strings.Contains(got, "dire bonjour") {
		t.Errorf("the presenter's slide 2 = %s", got)
	}
	if strings.Contains(r.HTML, "dire bonjour") {
		t.Error("speaker notes show on the page")
	}
	for _, anchor := range []string{`id="diapo-1"`, `id="diapo-2"`, `id="diapo-3"`} {
		if !strings.Contains(r.HTML, anchor) {
			t.Errorf("page lacks the anchor %s", anchor)
		}
	}
}

func TestHistoryRestoreAndBin(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "p", "# Un\n", "alice", 0)
	f.pages.Save(ctx, "p", "# Deux\n", "bob", 1)
	revs, err := f.pages.Revisions(ctx, "p")
	if err != nil || len(revs) != 2 || revs[0].Revision != 2 || revs[0].Author != "bob" {
		t.Fatalf("revisions = %+v, %v", revs, err)
	}
	p, err := f.pages.Restore(ctx, "p", 1, 2, "alice")
	if err != nil || p.Revision != 3 || p.Markdown != "# Un\n" {
		t.Fatalf("restore = %+v, %v", p, err)
	}
	if _, err := f.pages.RevisionAt(ctx, "p", 9); fault.KindOf(err) != fault.NotFound {
		t.Errorf("missing revision: kind %v", fault.KindOf(err))
	}
	if err := f.pages.Delete(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pages.Get(ctx, "p"); fault.KindOf(err) != fault.NotFound {
		t.Errorf("a deleted page is still readable: %v", err)
	}
	if list, _ := f.pages.List(ctx); len(list) != 0 {
		t.Errorf("a deleted page is still listed")
	}
	if err := f.pages.Undelete(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if got, err := f.pages.Get(ctx, "p"); err != nil || got.Revision != 3 {
		t.Errorf("after undelete: %+v, %v", got, err)
	}
}

func TestProblemsPointAtPageLines(t *testing.T) {
	f := newFixture(t)
	src := "# Titre\n\nTexte.\n\n```chart\ntype: bar\ndata: budget\nx: quartier\ny: sum(montnat)\n```\n"
	r, err := f.r.Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || r.Problems[0].Line != 9 || r.Problems[0].Chart != 1 || !strings.Contains(r.Problems[0].Message, "montant") {
		t.Errorf("problems = %+v; want one on line 9 suggesting « montant »", r.Problems)
	}
}

func TestASnapshotKeepsTheDataOfItsDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "budget", chartBlock, "a", 0)
	snap, err := f.pages.Freeze(ctx, "budget", "réunion du 12 décembre", "alice")
	if err != nil || snap.Number != 1 {
		t.Fatalf("freeze = %+v, %v", snap, err)
	}
	f.importCSV(t, "budget", "quartier;montant\nCarro;999\n")
	f.pages.RefreshUsing(ctx, "budget")
	f.pages.Save(ctx, "budget", "# Tout autre chose\n", "b", 1)
	got, err := f.pages.SnapshotAt(ctx, "budget", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Label != "réunion du 12 décembre" || got.Revision != 1 || !strings.Contains(got.Page.HTML, "Jonquières") ||
		strings.Contains(got.Page.HTML, "Carro") || len(got.Page.Figures) != 1 {
		t.Errorf("snapshot changed with the data or the text: %+v", got)
	}
	if _, err := f.pages.Freeze(ctx, "budget", "  ", "a"); fault.KindOf(err) != fault.Invalid {
		t.Errorf("a snapshot without a name: %v", err)
	}
	if _, err := f.pages.SnapshotAt(ctx, "budget", 7); fault.KindOf(err) != fault.NotFound {
		t.Errorf("missing snapshot: %v", err)
	}
	list, _ := f.pages.Snapshots(ctx, "budget")
	if len(list) != 1 {
		t.Errorf("snapshots = %+v", list)
	}
}

func TestTheStampChangesWithEveryVisibleChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "budget", chartBlock, "a", 0)
	seen := map[int64]string{}
	step := func(what string) {
		t.Helper()
		st, err := f.pages.StampOf(ctx, "budget")
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if prev, dup := seen[st.Generation]; dup {
			t.Errorf("%s left the generation as after %s", what, prev)
		}
		seen[st.Generation] = what
	}
	step("create")
	f.pages.Save(ctx, "budget", chartBlock+"\nTexte.\n", "a", 1)
	step("save")
	f.pages.SetStatus(ctx, "budget", notebooks.Published)
	step("publish")
	f.importCSV(t, "budget", "quartier;montant\nCarro;1\n")
	f.pages.RefreshUsing(ctx, "budget")
	step("new data")
	f.pages.Delete(ctx, "budget")
	if _, err := f.pages.StampOf(ctx, "budget"); fault.KindOf(err) != fault.NotFound {
		t.Errorf("a deleted page has a stamp: %v", err)
	}
	f.pages.Undelete(ctx, "budget")
	step("undelete")
}

func TestTablesNumbersAndMapsRender(t *testing.T) {
	f := newFixture(t)
	f.importCSV(t, "serie", "annee;montant\n2022;100\n2023;120\n2024;135,4\n")
	geo, err := os.ReadFile("../internal/demo/files/communes-13.geojson")
	if err != nil {
		t.Fatal(err)
	}
	f.importCSV(t, "communes", string(geo))
	f.importCSV(t, "pop", "codgeo;pop\n13056;48568\n13047;44577\n")
	src := "```chart\ntype: table\ndata: budget\nx: quartier\ny: sum(montant)\n```\n\n" +
		"```chart\ntype: number\ndata: serie\nx: annee\ny: sum(montant)\nunit: €\n```\n\n" +
		"```chart\ntype: map\ndata: pop\ngeo: communes\nkey: codgeo\ny: sum(pop)\n```\n"
	r, err := f.r.Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Broken != 0 {
		t.Fatalf("problems: %+v", r.Problems)
	}
	table, number, chartMap := r.Figures[0], r.Figures[1], r.Figures[2]
	if !strings.Contains(table, `<table class="chart-table">`) || strings.Contains(table, "chart-canvas") || !strings.Contains(table, "data-sort-value=") {
		t.Errorf("table chart = %s", table)
	}
	if !strings.Contains(number, `class="figure-value"`) || !strings.Contains(number, "135,4") || !strings.Contains(number, "figure-hausse") {
		t.Errorf("number chart = %s", number)
	}
	if !strings.Contains(chartMap, `"map":{"name":`) || !strings.Contains(chartMap, "FeatureCollection") {
		t.Errorf("the map's shapes are not in its JSON")
	}
}

func TestAnotherProcessesChangeShowsWithinTheStampMemo(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	f.pages.Now = func() time.Time { return now }
	f.pages.Save(ctx, "p", "# P\n", "a", 0)
	if st, _ := f.pages.StampOf(ctx, "p"); st.Status != notebooks.Draft {
		t.Fatalf("status = %s", st.Status)
	}
	other, err := notebooks.OpenStore(ctx, f.db, f.r) // another process on the same atelier.db
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetStatus(ctx, "p", notebooks.Published); err != nil {
		t.Fatal(err)
	}
	now = now.Add(200 * time.Millisecond) // within the memo's lifetime: the memo answers
	if st, _ := f.pages.StampOf(ctx, "p"); st.Status != notebooks.Draft {
		t.Errorf("the stamp was read again within its memo's lifetime: %s", st.Status)
	}
	now = now.Add(100 * time.Millisecond) // past it
	if st, _ := f.pages.StampOf(ctx, "p"); st.Status != notebooks.Published {
		t.Errorf("another process's publication did not show: %s", st.Status)
	}
	f.pages.SetStatus(ctx, "p", notebooks.Draft) // through this store: at once
	if st, _ := f.pages.StampOf(ctx, "p"); st.Status != notebooks.Draft {
		t.Errorf("unpublishing here did not show at once: %s", st.Status)
	}
}

func TestRenameMovesEverything(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "ancien", chartBlock, "a", 0)
	f.pages.Save(ctx, "ancien", chartBlock+"\nSuite.\n", "b", 1)
	f.pages.Freeze(ctx, "ancien", "réunion", "a")
	f.pages.Save(ctx, "autre", "# Autre\n", "a", 0)
	if err := f.pages.Rename(ctx, "ancien", "autre"); fault.KindOf(err) != fault.Conflict {
		t.Errorf("rename onto another page: %v", err)
	}
	if err := f.pages.Rename(ctx, "ancien", "nouveau"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pages.Get(ctx, "ancien"); fault.KindOf(err) != fault.NotFound {
		t.Errorf("the old address still answers: %v", err)
	}
	p, err := f.pages.Get(ctx, "nouveau")
	if err != nil || p.Revision != 2 || !strings.Contains(p.HTML, `href="/p/nouveau/charts/1.csv"`) {
		t.Fatalf("renamed page = %+v, %v", p, err)
	}
	if revs, _ := f.pages.Revisions(ctx, "nouveau"); len(revs) != 2 {
		t.Errorf("revisions after rename = %d", len(revs))
	}
	if _, err := f.pages.SnapshotAt(ctx, "nouveau", 1); err != nil {
		t.Errorf("snapshot after rename: %v", err)
	}
	if n, _ := f.pages.RefreshUsing(ctx, "budget"); n != 1 {
		t.Errorf("the renamed page no longer follows its data: %d", n)
	}
	if err := f.pages.Rename(ctx, "inconnue", "x"); fault.KindOf(err) != fault.NotFound {
		t.Errorf("rename a missing page: %v", err)
	}
}

func TestUnlistedPagesHaveASecretLinkThatCanBeRevoked(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pages.Save(ctx, "p", "# P\n", "a", 0)
	if st, _ := f.pages.StampOf(ctx, "p"); st.ShareKey != "" {
		t.Errorf("a draft has a share key")
	}
	f.pages.SetStatus(ctx, "p", notebooks.Unlisted)
	first, _ := f.pages.StampOf(ctx, "p")
	if len(first.ShareKey) < 20 {
		t.Fatalf("share key %q: too short to be secret", first.ShareKey)
	}
	f.pages.SetStatus(ctx, "p", notebooks.Draft)
	f.pages.SetStatus(ctx, "p", notebooks.Unlisted)
	if again, _ := f.pages.StampOf(ctx, "p"); again.ShareKey != first.ShareKey {
		t.Error("unlisting again changed the link already handed out")
	}
	key, err := f.pages.RevokeShareKey(ctx, "p")
	if err != nil || key == first.ShareKey {
		t.Fatalf("revoke = %q, %v", key, err)
	}
	if p, _ := f.pages.Get(ctx, "p"); p.ShareKey != key {
		t.Errorf("page key = %q; want the new one", p.ShareKey)
	}
}
