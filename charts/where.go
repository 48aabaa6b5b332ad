package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// selection says which rows the chart keeps, in words a resident reads: « parmi les
// lignes où codgeo est entre 13001 et 13119 (119 sur 34 995) ». A filter too tangled to
// say simply is summed up by its count of rows, never shown in the block's syntax.
func selection(s *Spec, d *shaped) string {
	if s.Filter == nil {
		return ""
	}
	count := fmt.Sprintf("%s sur %s", plural(int(d.matched), "ligne", "lignes"), localfmt.Decimal("fr", float64(d.rows), 0))
	if words, ok := whereWords(s.Filter, 0); ok {
		return fmt.Sprintf(" Données retenues : les lignes où %s (%s).", words, count)
	}
	return fmt.Sprintf(" Données retenues : %s.", count)
}

// maxWhereWords bounds how many conditions a sentence lists before it gives up.
const maxWhereWords = 4

// whereWords writes e in French; ok is false when it cannot be said simply.
func whereWords(e query.Expr, depth int) (string, bool) {
	switch e := e.(type) {
	case *query.Comparison:
		return comparisonWords(e, false), true
	case *query.In:
		return inWords(e, false), true
	case *query.Between:
		return fmt.Sprintf("%s est entre %s et %s", e.Column, literalWords(e.Lo), literalWords(e.Hi)), true
	case *query.Not:
		return notWords(e.X)
	case *query.Logical:
		return logicalWords(e, depth)
	}
	return "", false
}

func notWords(x query.Expr) (string, bool) {
	switch x := x.(type) {
	case *query.Comparison:
		return comparisonWords(x, true), true
	case *query.In:
		return inWords(x, true), true
	case *query.Between:
		return fmt.Sprintf("%s n'est pas entre %s et %s", x.Column, literalWords(x.Lo), literalWords(x.Hi)), true
	}
	return "", false
}

// logicalWords joins the conditions of one kind (all "and" or all "or"); « a >= x and
// a <= y » becomes « a est entre x et y ».
func logicalWords(e *query.Logical, depth int) (string, bool) {
	if l, lok := e.L.(*query.Comparison); lok && !e.Or {
		if r, rok := e.R.(*query.Comparison); rok && l.Column == r.Column && l.Op == ">=" && r.Op == "<=" {
			return fmt.Sprintf("%s est entre %s et %s", l.Column, literalWords(l.Value), literalWords(r.Value)), true
		}
	}
	var parts []string
	var walk func(x query.Expr) bool
	walk = func(x query.Expr) bool {
		if lx, ok := x.(*query.Logical); ok && lx.Or == e.Or {
			return walk(lx.L) && walk(lx.R)
		}
		if _, mixed := x.(*query.Logical); mixed {
			return false // "a et b ou c" would be ambiguous: say the count instead
		}
		w, ok := whereWords(x, depth)
		parts = append(parts, w)
		return ok && len(parts) <= maxWhereWords
	}
	if !walk(e) {
		return "", false
	}
	word := " et "
	if e.Or {
		word = " ou "
	}
	return strings.Join(parts, word), true
}

func comparisonWords(c *query.Comparison, not bool) string {
	v := literalWords(c.Value)
	if c.Value.Kind == query.LitNull {
		if (c.Op == "=") != not {
			return c.Column + " est vide"
		}
		return c.Column + " est renseigné"
	}
	if c.Op == "contains" {
		if not {
			return fmt.Sprintf("%s ne contient pas « %s »", c.Column, v)
		}
		return fmt.Sprintf("%s contient « %s »", c.Column, v)
	}
	op := c.Op
	if not {
		op = map[string]string{"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}[op]
	}
	verb := map[string]string{"=": "vaut", "!=": "est différent de", "<": "est inférieur à", "<=": "vaut au plus",
		">": "est supérieur à", ">=": "vaut au moins"}[op]
	return c.Column + " " + verb + " " + v
}

// maxInWords is how many values of an in list a sentence names.
const maxInWords = 8

func inWords(e *query.In, not bool) string {
	if len(e.Values) > maxInWords {
		if not {
			return fmt.Sprintf("%s ne prend aucune de %d valeurs choisies", e.Column, len(e.Values))
		}
		return fmt.Sprintf("%s prend l'une de %d valeurs choisies", e.Column, len(e.Values))
	}
	vals := make([]string, len(e.Values))
	for i, v := range e.Values {
		vals[i] = literalWords(v)
	}
	if not && len(vals) == 1 {
		return e.Column + " ne vaut pas " + vals[0]
	}
	if not {
		return e.Column + " ne vaut ni " + strings.Join(vals, ", ni ")
	}
	if len(vals) == 1 {
		return e.Column + " vaut " + vals[0]
	}
	return e.Column + " vaut " + strings.Join(vals[:len(vals)-1], ", ") + " ou " + vals[len(vals)-1]
}

// literalWords writes a value as a French reader expects it: 13001 (a code or a year keeps
// no thousands separator), 10 000, 12,5, 31/01/2020, oui.
func literalWords(l query.Literal) string {
	switch l.Kind {
	case query.LitString:
		return l.Text
	case query.LitDate:
		return l.Date.Format("02/01/2006")
	case query.LitBool:
		if l.Bool {
			return "oui"
		}
		return "non"
	case query.LitNull:
		return "vide"
	}
	if l.Num == math.Trunc(l.Num) && math.Abs(l.Num) < 1e5 {
		return strconv.FormatFloat(l.Num, 'f', -1, 64)
	}
	dec := 0
	if _, frac, ok := strings.Cut(strconv.FormatFloat(l.Num, 'f', -1, 64), "."); ok {
		dec = len(frac)
	}
	return localfmt.Decimal("fr", l.Num, dec)
}
