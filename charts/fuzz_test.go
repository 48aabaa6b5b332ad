package charts_test

import (
	"errors"
	"testing"

	"atelier/charts"
	"atelier/internal/fault"
)

// FuzzParse checks that Parse never panics, and that every refusal is a located French
// fault rather than an internal error.
func FuzzParse(f *testing.F) {
	for _, src := range goldenBlocks {
		f.Add(src)
	}
	f.Add("type: bar\ndata: budget\nx: a\ny: count()\nwhere: a = \"b\" and not (c >= 2020-01-31 or d != null)\n")
	f.Add("type: pie\ndata: x@2\nx: a\ny: sum(`b c`)\nformatter: f\nx: dup\n")
	f.Add("a: &x [1]\nb: *x\n")
	f.Add("type: map\ndata: population-communes\ngeo: communes-13@2\nkey: codgeo\ngeokey: code\ny: sum(p21_pop)\ntheme: sombre\ndecal: true\n")
	f.Add("type: area\ndata: d\nx: month(date)\ny: [sum(a), count()]\nstack: percent\ncumulative: oui\nsubtitle: Budget : 2024\n")
	f.Add("type: scatter\ndata: d\nx: a\ny: b\nsize: c\nlabel: `n`\nseries: s\nwhere: n in (\"x\", 'y') and a between 1 and 2\n")
	f.Fuzz(func(t *testing.T, src string) {
		spec, err := charts.Parse(src)
		if err != nil {
			var fe *fault.Error
			var be *charts.Error
			if !errors.As(err, &fe) || fe.Kind != fault.Invalid || !errors.As(err, &be) || fe.Message == "" {
				t.Fatalf("Parse(%q): %v is not an Invalid *charts.Error", src, err)
			}
			return
		}
		xOptional := spec.Type == "map" || spec.Type == "number" || spec.Type == "table"
		if spec.Type == "" || spec.Data == "" || spec.Y == "" || len(spec.Measures) == 0 || (spec.X == "" && !xOptional) ||
			(spec.Type == "map" && (spec.Key == "" || spec.Geo == "")) {
			t.Fatalf("Parse(%q) accepted an incomplete spec %+v", src, spec)
		}
	})
}
