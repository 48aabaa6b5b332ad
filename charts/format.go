package charts

import (
	"math"
	"strconv"
	"strings"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// nnbsp is the narrow no-break space that French typography puts between thousands and
// before %: « 48 568 », « 12,5 % ».
const nnbsp = "\u202f"

// Empty is how a missing category or value is shown.
const Empty = "(vide)"

// Format tells the static JS how to show numbers (axis, tooltip), declaratively: options
// carry no JS function.
type Format struct {
	Kind     string `json:"kind"`               // "number", "percent" or "currency"
	Unit     string `json:"unit,omitempty"`     // after the number, e.g. "habitants"
	Decimals int    `json:"decimals"`           // digits after the decimal comma
	Currency string `json:"currency,omitempty"` // ISO 4217 code when Kind is "currency": "EUR"
	Theme    string `json:"theme,omitempty"`    // clair, sombre, projecteur or impression; "" is the page's
}

// Value formats a number with the chart's format: « 12,5 % », « 147 478 habitants »,
// « 1 500,25 € ».
func (f Format) Value(v float64) string {
	s := localfmt.Decimal("fr", v, f.Decimals)
	switch f.Kind {
	case "percent":
		return s + nnbsp + "%"
	case "currency":
		s += nnbsp + "€" // atelier's data is French: euros are the only currency shown
	}
	if f.Unit != "" {
		return s + nnbsp + f.Unit
	}
	return s
}

// newFormat chooses the format of a chart's values: no decimals for whole numbers, two for
// money, else enough to tell values apart.
func newFormat(spec *Spec, vals []float64) Format {
	f := Format{Kind: "number", Unit: spec.Unit, Theme: spec.Theme}
	format := spec.Format
	if format == "" && (spec.Percent || allShares(spec)) {
		format = "percent"
	}
	switch format {
	case "percent":
		f.Kind, f.Unit = "percent", ""
	case "currency":
		f.Kind, f.Currency, f.Decimals = "currency", "EUR", 2
		return f
	}
	f.Decimals = decimals(vals)
	return f
}

// decimals is the fewest decimals (up to 2) that show every value exactly, so that sums of
// cents keep their cents; values with more (means) get 1 decimal from 100 up, else 2.
func decimals(vals []float64) int {
	biggest := 0.0
	for _, v := range vals {
		biggest = max(biggest, math.Abs(v))
	}
	for d := 0; d <= 2; d++ {
		scale, exact := math.Pow(10, float64(d)), true
		for _, v := range vals {
			if x := v * scale; math.Abs(x-math.Round(x)) > 1e-6*max(1, math.Abs(x)) {
				exact = false
				break
			}
		}
		if exact {
			return d
		}
	}
	if biggest >= 100 {
		return 1
	}
	return 2
}

// Label formats a category: text as is, a year without thousands separator, a date as
// dd/mm/yyyy, a missing value as « (vide) ».
func Label(v query.Value) string {
	if v.Null {
		return Empty
	}
	switch v.Kind {
	case query.Int:
		return strconv.FormatInt(v.Int, 10)
	case query.Float:
		return strings.Replace(strconv.FormatFloat(v.Float, 'f', -1, 64), ".", ",", 1)
	case query.Date:
		return v.Time.Format("02/01/2006")
	case query.Time:
		return v.Time.Format("02/01/2006 15:04")
	case query.Bool:
		if v.Bool {
			return "oui"
		}
		return "non"
	}
	return v.Str
}

// allShares reports whether every y is a share(…), which reads as a percent.
func allShares(s *Spec) bool {
	for _, m := range s.Measures {
		if m.Agg == nil || m.Agg.Func != query.Share {
			return false
		}
	}
	return len(s.Measures) > 0
}
