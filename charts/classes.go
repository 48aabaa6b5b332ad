package charts

import (
	"math"
	"slices"
)

// Classes is the palette of a map's classes, light to dark: five blues that stay apart
// in any colour vision and in grey on paper.
var Classes = []string{"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}

// piecewise is a map's colour scale in classes of about as many shapes each (quantiles),
// their bounds rounded to two significant digits. Communes' populations are skewed — one
// Marseille for a hundred villages — and a linear scale paints all but one shape alike.
// It returns nil when the values do not make two classes.
func piecewise(vals []float64) map[string]any {
	bounds := breaks(vals, len(Classes))
	if len(bounds) == 0 {
		return nil
	}
	var pieces []any
	for i := 0; i <= len(bounds); i++ {
		p := map[string]any{"color": Classes[i*(len(Classes)-1)/len(bounds)]}
		if i > 0 {
			p["gte"] = bounds[i-1]
		}
		if i < len(bounds) {
			p["lt"] = bounds[i]
		}
		pieces = append(pieces, p)
	}
	// Stacked in a corner: five ranges side by side do not fit across a phone.
	return map[string]any{"type": "piecewise", "pieces": pieces, "orient": "vertical", "left": 0, "bottom": 0, "itemGap": 4}
}

// breaks are the inner bounds of up to k classes of vals, distinct and increasing.
func breaks(vals []float64, k int) []float64 {
	if len(vals) < 2 {
		return nil
	}
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	var out []float64
	for i := 1; i < k; i++ {
		b := nice(sorted[i*len(sorted)/k])
		if b > sorted[0] && b <= sorted[len(sorted)-1] && (len(out) == 0 || b > out[len(out)-1]) {
			out = append(out, b)
		}
	}
	return out
}

// nice rounds to two significant digits: 4 213 → 4 200, 0,0347 → 0,035.
func nice(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-1)
	return math.Round(x/p) * p
}
