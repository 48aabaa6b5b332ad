package notebooks_test

import (
	"context"
	"strings"
	"testing"

	"atelier/datasets"
	"atelier/notebooks"
)

func TestReportChecksEveryChartOfEveryPageAgainstTheNewVersion(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.pages.Follow(f.ds)
	count := strings.Replace(chartBlock, "sum(montant)", "count()", 1)
	for slug, md := range map[notebooks.Slug]string{"publiee": "# P\n\n" + chartBlock + "\n" + count, "brouillon": "# B\n\n" + chartBlock} {
		if _, err := f.pages.Save(ctx, slug, md, "a", 0); err != nil {
			t.Fatal(err)
		}
	}
	f.pages.SetStatus(ctx, "publiee", notebooks.Published)
	next, err := f.ds.Preview(ctx, datasets.ImportRequest{Name: "budget", FileName: "budget.csv",
		Body: strings.NewReader("quartier;montant_eur\nJonquières;1\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer next.Release()
	rep, err := f.pages.ReportFor(ctx, f.ds, next)
	if err != nil {
		t.Fatal(err)
	}
	text := rep.Text()
	for _, want := range []string{
		"Colonne disparue : « montant » (nombre décimal).", "Colonne ajoutée : « montant_eur » (nombre entier).",
		"brouillon « B » (brouillon)", "publiee « P » (publiée)",
		"graphique 1 « Budget par quartier » : ne se dessinerait plus — colonne « montant » inconnue",
		"graphique 2 « Budget par quartier » : se dessine",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if b := rep.Breaking(); len(b) != 1 || b[0].Slug != "publiee" {
		t.Errorf("Breaking = %+v; want the published page only", b)
	}
	if rep.Suggest["montant"] != "" {
		t.Errorf("a decimal column was matched with an integer one: %v", rep.Suggest)
	}
	if got := rep.Pages[1].Charts[0].Missing; len(got) != 1 || got[0] != "montant" {
		t.Errorf("missing columns = %v; want [montant]", got)
	}

	// Keeping the page on the current version: its charts pin it, and then draw whatever comes.
	if err := f.pages.PinTo(ctx, "publiee", "budget", 1, "a"); err != nil {
		t.Fatal(err)
	}
	p, _ := f.pages.Get(ctx, "publiee")
	if strings.Count(p.Markdown, "data: budget@1\n") != 2 || !strings.Contains(p.HTML, "version 1 des données, figée") {
		t.Errorf("after PinTo the page reads:\n%s", p.Markdown)
	}
	rep, _ = f.pages.ReportFor(ctx, f.ds, next)
	if len(rep.Breaking()) != 0 || !strings.Contains(rep.Text(), "reste sur la version 1") {
		t.Errorf("the pinned page still breaks:\n%s", rep.Text())
	}
}
