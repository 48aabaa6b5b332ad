package notebooks_test

import (
	"context"
	"strings"
	"testing"
)

// TestSavedPageShowsABrokenChartDiscreetly: the saved page (what residents and the wall
// see) has « Graphique indisponible » in a broken chart's place and no sentence about the
// mistake; the preview and Problems, for the author, have the sentence in full.
func TestSavedPageShowsABrokenChartDiscreetly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	src := "# Budget\n\n" + chartBlock + "\n---\n\n# Suite\n\n" + strings.Replace(chartBlock, "montant", "montnat", 1)
	p, err := f.pages.Save(ctx, "budget", src, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	for name, html := range map[string]string{"page": p.HTML, "slide 2": p.Slides[1], "chart alone": p.Figures[1]} {
		if !strings.Contains(html, `<p class="chart-error-message">Graphique indisponible</p>`) {
			t.Errorf("%s: no discreet notice", name)
		}
		for _, detail := range []string{"montnat", "vouliez-vous dire", "ligne"} {
			if strings.Contains(html, detail) {
				t.Errorf("%s shows the author's sentence (%q)", name, detail)
			}
		}
	}
	problems, err := f.pages.Problems(ctx, p)
	if err != nil || len(problems) != 1 || problems[0].Chart != 2 || !strings.Contains(problems[0].Message, "montnat") {
		t.Errorf("problems = %+v, %v", problems, err)
	}
	preview, err := f.pages.Preview(ctx, src)
	if err != nil || !strings.Contains(preview.HTML, "montnat") || !strings.Contains(preview.HTML, "Graphique 2, ligne") {
		t.Errorf("the editor's preview lacks the sentence: %v", err)
	}
}
