package localfmt

import (
	"math"
	"strconv"
	"strings"
)

// thinSpace is the narrow no-break space that French typography puts between thousands and
// before a unit: « 48 568 », « 12,5 % ».
const thinSpace = "\u202f"

// separators are a language's thousands separator and decimal mark.
func separators(lang string) (thousands, decimal string) {
	if lang == "en" {
		return ",", "."
	}
	return thinSpace, ","
}

// Int writes 48568 as « 48 568 » in French and « 48,568 » in English.
func Int(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	return sign(neg) + group(lang, strings.TrimPrefix(s, "-"))
}

// Decimal writes f with exactly the given digits after the decimal mark: « 147 478 »,
// « 12,5 » (« 12.5 » in English). A number that rounds to zero has no minus sign.
func Decimal(lang string, f float64, decimals int) string {
	if s, special := nonFinite(lang, f); special {
		return s
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	return sign(f < 0 && strings.Trim(s, "0.") != "") + withFraction(lang, whole, frac)
}

// Float writes f with as many digits as it takes to read it back exactly: « 1 234,5 »,
// « 0,125 » (« 1,234.5 », « 0.125 » in English).
func Float(lang string, f float64) string {
	if s, special := nonFinite(lang, f); special {
		return s
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	return sign(f < 0) + withFraction(lang, whole, frac)
}

func withFraction(lang, whole, frac string) string {
	_, mark := separators(lang)
	out := group(lang, whole)
	if frac != "" {
		out += mark + frac
	}
	return out
}

// group puts the thousands separator into a run of digits.
func group(lang, digits string) string {
	sep, _ := separators(lang)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func sign(negative bool) string {
	if negative {
		return "-"
	}
	return ""
}

func nonFinite(lang string, f float64) (string, bool) {
	switch {
	case math.IsNaN(f):
		if lang == "en" {
			return "undefined", true
		}
		return "non défini", true
	case math.IsInf(f, 1):
		return "+∞", true
	case math.IsInf(f, -1):
		return "-∞", true
	}
	return "", false
}
