// The aggregate functions of chart blocks: their names, how one is parsed, the kind of its
// result and the shares computed from them.

package query

import (
	"strings"
)

// Func is an aggregate function.
type Func int

// The aggregate functions of chart blocks.
const (
	Count Func = iota + 1 // rows (count()) or non-null values (count(c))
	Sum                   // 0 when a group has no value
	Mean                  // null when a group has no value, like Median, Min and Max
	Median
	Min
	Max
	Distinct // number of distinct non-null values
	Share    // percent of the total over all groups: of sum(c), or of the rows for share()
)

var funcNames = map[Func]string{Count: "count", Sum: "sum", Mean: "mean", Median: "median", Min: "min", Max: "max", Distinct: "distinct", Share: "share"}

// frenchFuncs are the French names people type for the functions.
var frenchFuncs = map[string]string{"somme": "sum", "total": "sum", "moyenne": "mean", "médiane": "median", "mediane": "median",
	"compte": "count", "nombre": "count", "compter": "count", "part": "share", "pourcentage": "share", "minimum": "min", "maximum": "max",
	"distincts": "distinct", "année": "year", "annee": "year", "mois": "month", "jour": "weekday"}

// FuncNames lists the aggregate functions in the order a message should offer them.
var FuncNames = []string{"count", "sum", "mean", "median", "min", "max", "distinct", "share"}

// String is the function's name in blocks: "sum".
func (f Func) String() string { return funcNames[f] }

// Aggregate is one aggregate of a plan, such as sum(montant). Column is "" for count().
type Aggregate struct {
	Func   Func
	Column string
}

// String renders the aggregate as written in a block: sum(montant), count().
func (a Aggregate) String() string { return a.Func.String() + "(" + a.Column + ")" }

// ParseAggregate reads "sum(c)", "count()" and the like. ok is false when s is not a call
// at all (a bare column); err names an unknown function or a missing column, in French.
func ParseAggregate(s string) (a Aggregate, ok bool, err error) {
	s = strings.TrimSpace(s)
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") || strings.ContainsAny(s[:open], " `") {
		return Aggregate{}, false, nil
	}
	name := strings.ToLower(strings.TrimSpace(s[:open]))
	arg := strings.TrimSpace(s[open+1 : len(s)-1])
	if len(arg) >= 2 && arg[0] == '`' && arg[len(arg)-1] == '`' {
		arg = arg[1 : len(arg)-1]
	}
	for f, n := range funcNames {
		if n == name {
			if arg == "" && f != Count && f != Share {
				return Aggregate{}, true, errAt(0, "%s() demande une colonne, par exemple %s(population)", n, n)
			}
			return Aggregate{Func: f, Column: arg}, true, nil
		}
	}
	if c, ok := frenchFuncs[name]; ok {
		return Aggregate{}, true, errAt(0, "fonction « %s » inconnue — vouliez-vous dire « %s » ?", name, c)
	}
	if c := Closest(name, FuncNames); c != "" {
		return Aggregate{}, true, errAt(0, "fonction « %s » inconnue — vouliez-vous dire « %s » ?", name, c)
	}
	return Aggregate{}, true, errAt(0, "fonction « %s » inconnue (fonctions : %s)", name, strings.Join(FuncNames, ", "))
}

// resultKind is the kind of an aggregate's values given its column's kind.
func (a Aggregate) resultKind(col Kind) Kind {
	switch a.Func {
	case Count, Distinct:
		return Int
	case Mean, Median, Share:
		return Float
	}
	return col
}

// check refuses aggregates that make no sense on the column's kind.
func (a Aggregate) check(name string, k Kind) error {
	switch a.Func {
	case Sum, Mean, Median, Share:
		if !k.Numeric() {
			return errAt(0, "%s(%s) : la colonne « %s » est de type %s ; %s demande une colonne de nombres (count() ou distinct(%s) conviennent)", a.Func, name, name, k, a.Func, name)
		}
	case Min, Max:
		if !k.Numeric() && k != Date && k != Time {
			return errAt(0, "%s(%s) : la colonne « %s » est de type %s ; %s demande des nombres ou des dates", a.Func, name, name, k, a.Func)
		}
	}
	return nil
}

// shares turns the share columns of rows (group sums or counts) into percents of their
// total over every group, before any limit: a top 10 still shows shares of the whole.
func shares(rows [][]Value, aggs []*boundAgg, nkeys int) {
	for i, b := range aggs {
		if b.Func != Share {
			continue
		}
		c := nkeys + i
		total := 0.0
		for _, r := range rows {
			if f, ok := r[c].Number(); ok {
				total += f
			}
		}
		for _, r := range rows {
			f, ok := r[c].Number()
			if !ok || total == 0 {
				r[c] = Value{Kind: Float, Null: true}
				continue
			}
			r[c] = Value{Kind: Float, Float: f / total * 100}
		}
	}
}
