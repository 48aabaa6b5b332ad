package notebooks_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// fill repeats unit up to the page size cap: the worst a page within the cap can be.
func fill(unit string) string { return strings.Repeat(unit, notebooks.MaxSourceBytes/len(unit)) }

// deepList nests list items deeper on each line, back to the left every 32 levels.
func deepList() string {
	var b strings.Builder
	for i := 0; b.Len() < notebooks.MaxSourceBytes-200; i++ {
		b.WriteString(strings.Repeat("  ", i%32) + "- a\n")
	}
	return b.String()
}

// nestingCases are the shapes goldmark was quadratic on, at 64 KiB: those past the bounds
// are refused with the line to fix, those at the bounds are rendered.
var nestingCases = []struct {
	name, src string
	refused   string // part of the message; "" when the page must render
}{
	{"65,536 >", fill(">"), "la ligne 1 ouvre 65536 citations"},
	{"> and spaces", fill("> "), "la ligne 1 ouvre 32768 citations"},
	{"ordered items in items", fill("1. "), "la ligne 1 ouvre"},
	{"list indented deeper on each line", func() string {
		var b strings.Builder
		for i := 0; b.Len() < notebooks.MaxSourceBytes-300; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}(), "la ligne 34 commence par 66 espaces"},
	{"[ run", fill("["), "la ligne 1 ouvre plus de 32 crochets"},
	{"![ run", fill("!["), "crochets"},
	{"[a]( repeated", fill("[a]("), "la ligne 1 ouvre plus de 32 parenthèses"},
	{"[a](<b repeated", fill("[a](<b"), "parenthèses"},
	{"[a](<b) repeated", fill("[a](<b)"), "la ligne 1 ouvre plus de 32 chevrons"},
	{"*a repeated", fill("*a"), "le paragraphe de la ligne 1 contient plus de 1000 marques d'emphase"},
	{"[^ footnote run", fill("[^a"), "crochets"},
	{"32 > per line", fill(strings.Repeat(">", 32) + "a\n"), ""},
	{"32 ordered items per line", fill(strings.Repeat("1. ", 32) + "\n"), ""},
	{"lists 32 deep, again and again", deepList(), ""},
	{"62 spaces per line", fill(strings.Repeat(" ", 62) + "- a\n"), ""},
	{"32 nested links", fill(strings.Repeat("[a](", 32) + strings.Repeat(")", 32)), ""},
	{"32 nested images", fill(strings.Repeat("![", 32) + strings.Repeat("]", 32)), ""},
	{"[a](<b) with > at the end of the line", fill(strings.Repeat("[a](<b)", 31) + ">\n"), ""},
	{"1000 emphasis runs per paragraph", fill(strings.Repeat("*a", 1000) + "\n\n"), ""},
	{"* run", fill("*"), ""},
	{"` run", fill("`"), ""},
	{"| run", fill("|"), ""},
	{"escaped [", fill(`\[`), ""},
}

func TestNestingIsBoundedBeforeGoldmark(t *testing.T) {
	r := notebooks.NewRenderer(nil)
	for _, tt := range nestingCases {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := r.Render(context.Background(), tt.src)
			t.Logf("%d bytes: %v", len(tt.src), time.Since(start))
			switch {
			case tt.refused == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.refused != "" && err == nil:
				t.Errorf("rendered; want refused with %q", tt.refused)
			case tt.refused != "" && (!strings.Contains(err.Error(), tt.refused) || fault.KindOf(err) != fault.Invalid):
				t.Errorf("error = %v (%v); want Invalid with %q", err, fault.KindOf(err), tt.refused)
			}
		})
	}
}

func TestNestingBoundsLeaveOrdinaryPagesAlone(t *testing.T) {
	src := "# Budget\n\n> Citation du conseil.\n> > Réponse (voir [le budget](https://exemple.fr/a_(b)) et <https://exemple.fr>).\n\n" +
		"- un\n  - deux\n    1. trois\n\n*a* **b** ~~c~~ `x < y` a < b\n\n```chart\ntype: number\n```\n"
	if _, err := notebooks.NewRenderer(nil).Render(context.Background(), src); err != nil && strings.Contains(err.Error(), "limite") {
		t.Errorf("an ordinary page was refused: %v", err)
	}
}

// BenchmarkRenderWorstCase renders the slowest page within the bounds (make bench).
func BenchmarkRenderWorstCase(b *testing.B) {
	r := notebooks.NewRenderer(nil)
	for _, tt := range nestingCases {
		if tt.refused != "" {
			continue
		}
		b.Run(strings.ReplaceAll(tt.name, " ", "-"), func(b *testing.B) {
			for b.Loop() {
				r.Render(context.Background(), tt.src)
			}
		})
	}
}
