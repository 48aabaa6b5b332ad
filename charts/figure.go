package charts

import (
	"fmt"
	"math"
)

// Figure is the big number of a "number" chart, with its comparison to the first value of
// x when x is given: « 3 250,00 € », « +35,4 % depuis 2022 ». The page shows Value large,
// Label above it and Comparison below, coloured by Trend.
type Figure struct {
	Value      string  `json:"value"`                // formatted, unit included: « 873 076 habitants »
	Number     float64 `json:"number"`               // the same, as a number
	Label      string  `json:"label"`                // what it counts: « Somme de p21_pop »
	At         string  `json:"at,omitempty"`         // the x category of the figure: « 2024 »
	Comparison string  `json:"comparison,omitempty"` // « +35,4 % depuis 2022 »; "" without x
	Change     float64 `json:"change,omitempty"`     // the change in percent (0 when not defined)
	Trend      string  `json:"trend,omitempty"`      // "hausse", "baisse" or "stable"
}

// figure takes the last value along x and compares it with the first.
func figure(s *Spec, d *shaped, f Format) *Figure {
	sr := d.series[0]
	first, last := -1, -1
	for i, ok := range sr.ok {
		if ok {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	fig := &Figure{Label: capitalize(s.measureName(s.Measures[0]))}
	if last < 0 {
		fig.Value = Empty
		return fig
	}
	z := sr.vals[last]
	fig.Value, fig.Number = f.Value(z), z
	if s.X == "" || first == last {
		return fig
	}
	fig.At = d.cats[last]
	a := sr.vals[first]
	switch {
	case z == a:
		fig.Trend, fig.Comparison = "stable", "stable depuis "+d.cats[first]
		return fig
	case z > a:
		fig.Trend = "hausse"
	default:
		fig.Trend = "baisse"
	}
	sign := "+"
	if z < a {
		sign = "-"
	}
	if a == 0 {
		fig.Comparison = sign + f.Value(math.Abs(z-a)) + " depuis " + d.cats[first]
		return fig
	}
	fig.Change = (z - a) / math.Abs(a) * 100
	fig.Comparison = sign + Format{Kind: "percent", Decimals: 1}.Value(math.Abs(fig.Change)) + " depuis " + d.cats[first]
	return fig
}

// describeFigure is the sentence of a number chart: « Chiffre clé : somme de montant,
// 3 250,00 € en 2024, +35,4 % depuis 2022. »
func describeFigure(s *Spec, fig *Figure) string {
	out := fmt.Sprintf("Chiffre clé : %s, %s", s.measureName(s.Measures[0]), fig.Value)
	if fig.At != "" {
		out += " en " + fig.At
	}
	if fig.Comparison != "" {
		out += ", " + fig.Comparison
	}
	return out + "."
}
