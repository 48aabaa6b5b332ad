package query_test

import (
	"context"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"atelier/datasets/query"
)

// refGroup is the naive reference's accumulator for montant and categorie.
type refGroup struct {
	rows     int64
	n        int64
	sum      float64
	min, max float64
	vals     []float64
	cats     map[string]bool
}

// reference aggregates rows with plain loops: the engine must agree with it.
func reference(rows []ledgerRow, keep func(ledgerRow) bool, key func(ledgerRow) string) map[string]*refGroup {
	out := map[string]*refGroup{}
	for _, r := range rows {
		if !keep(r) {
			continue
		}
		g := out[key(r)]
		if g == nil {
			g = &refGroup{cats: map[string]bool{}}
			out[key(r)] = g
		}
		g.rows++
		g.cats[r.categorie] = true
		if r.montant == nil {
			continue
		}
		m := *r.montant
		if g.n == 0 || m < g.min {
			g.min = m
		}
		if g.n == 0 || m > g.max {
			g.max = m
		}
		g.n++
		g.sum += m
		g.vals = append(g.vals, m)
	}
	return out
}

func quartierKey(r ledgerRow) string {
	if r.quartier == nil {
		return "null"
	}
	return *r.quartier
}

var allAggs = []query.Aggregate{
	{Func: query.Count}, {Func: query.Sum, Column: "montant"}, {Func: query.Mean, Column: "montant"},
	{Func: query.Min, Column: "montant"}, {Func: query.Max, Column: "montant"},
	{Func: query.Median, Column: "montant"}, {Func: query.Distinct, Column: "categorie"},
}

func TestGroupMatchesReference(t *testing.T) {
	rows := randomLedger(7, 5000)
	tests := []struct {
		name  string
		where string
		keep  func(ledgerRow) bool
		group []string
		key   func(ledgerRow) string
	}{
		{"by quartier", "", func(ledgerRow) bool { return true }, []string{"quartier"}, quartierKey},
		{"by quartier and year, filtered",
			`annee >= 2018 and (quartier = "Carro" or quartier = "Île") and montant > 500`,
			func(r ledgerRow) bool {
				return r.annee >= 2018 && r.quartier != nil && (*r.quartier == "Carro" || *r.quartier == "Île") && r.montant != nil && *r.montant > 500
			},
			[]string{"quartier", "annee"},
			func(r ledgerRow) string { return quartierKey(r) + "|" + strconv.FormatInt(r.annee, 10) }},
		{"no group, not", "not actif = vrai", func(r ledgerRow) bool { return !r.actif }, nil, func(ledgerRow) string { return "" }},
		{"dates", "jour >= 2021-01-01 and jour < 01/07/2021",
			func(r ledgerRow) bool { return !r.jour.Before(day(2021, 1, 1)) && r.jour.Before(day(2021, 7, 1)) },
			[]string{"categorie"}, func(r ledgerRow) string { return r.categorie }},
		{"null test", "quartier = null or montant != null and annee != 2016",
			func(r ledgerRow) bool { return r.quartier == nil || (r.montant != nil && r.annee != 2016) },
			[]string{"annee", "quartier"},
			func(r ledgerRow) string { return strconv.FormatInt(r.annee, 10) + "|" + quartierKey(r) }},
	}
	for _, dict := range []bool{false, true} {
		tbl := ledgerTable(t, checkedMem(t), rows, 700, dict)
		for _, tt := range tests {
			t.Run(tt.name+dictName(dict), func(t *testing.T) {
				p := query.Plan{GroupBy: tt.group, Aggregates: allAggs, Where: mustParse(t, tt.where)}
				got, err := query.Run(context.Background(), tbl, p)
				if err != nil {
					t.Fatal(err)
				}
				compareGroups(t, got, len(tt.group), reference(rows, tt.keep, tt.key))
			})
		}
	}
}

func dictName(dict bool) string {
	if dict {
		return " (dictionary)"
	}
	return ""
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func mustParse(t *testing.T, src string) query.Expr {
	t.Helper()
	if src == "" {
		return nil
	}
	e, err := query.ParseWhere(src)
	if err != nil {
		t.Fatalf("ParseWhere(%q): %v", src, err)
	}
	return e
}

// compareGroups checks every group of got against the reference, to the cent.
func compareGroups(t *testing.T, got *query.Result, nkeys int, want map[string]*refGroup) {
	t.Helper()
	if nkeys == 0 && len(want) == 0 {
		want[""] = &refGroup{cats: map[string]bool{}}
	}
	if len(got.Rows) != len(want) {
		t.Errorf("got %d groups, want %d", len(got.Rows), len(want))
	}
	for _, row := range got.Rows {
		var key []string
		for _, v := range row[:nkeys] {
			key = append(key, v.String())
		}
		k := joinKey(key)
		w, ok := want[k]
		if !ok {
			t.Errorf("unexpected group %q", k)
			continue
		}
		a := row[nkeys:]
		checkInt(t, k, "count", a[0], w.rows)
		checkFloat(t, k, "sum", a[1], w.sum, w.n > 0 || true)
		if w.n > 0 {
			checkFloat(t, k, "mean", a[2], w.sum/float64(w.n), true)
			checkFloat(t, k, "min", a[3], w.min, true)
			checkFloat(t, k, "max", a[4], w.max, true)
			slices.Sort(w.vals)
			med := w.vals[len(w.vals)/2]
			if len(w.vals)%2 == 0 {
				med = (w.vals[len(w.vals)/2-1] + med) / 2
			}
			checkFloat(t, k, "median", a[5], med, true)
		} else if !a[2].Null || !a[3].Null {
			t.Errorf("%s: mean/min of no value = %v/%v, want null", k, a[2], a[3])
		}
		checkInt(t, k, "distinct", a[6], int64(len(w.cats)))
	}
}

func joinKey(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "|"
		}
		s += p
	}
	return s
}

func checkInt(t *testing.T, group, what string, got query.Value, want int64) {
	t.Helper()
	if got.Kind != query.Int || got.Int != want {
		t.Errorf("%s: %s = %v, want %d", group, what, got, want)
	}
}

func checkFloat(t *testing.T, group, what string, got query.Value, want float64, _ bool) {
	t.Helper()
	f, ok := got.Number()
	if !ok || math.Abs(f-want) > 0.005 {
		t.Errorf("%s: %s = %v, want %.2f", group, what, got, want)
	}
}

// TestDictionaryWithoutNulls covers the typed index loops of dictionary-encoded keys,
// and a distinct over a dictionary column, with several chunks and dictionaries.
func TestDictionaryWithoutNulls(t *testing.T) {
	rows := randomLedger(21, 3000)
	for i := range rows {
		if rows[i].quartier == nil {
			q := "Carro"
			rows[i].quartier = &q
		}
	}
	tbl := ledgerTable(t, checkedMem(t), rows, 450, true)
	p := query.Plan{GroupBy: []string{"annee", "quartier"}, Aggregates: allAggs[:6], Where: mustParse(t, `quartier != "Île"`)}
	p.Aggregates = append(p.Aggregates, query.Aggregate{Func: query.Distinct, Column: "categorie"})
	got, err := query.Run(context.Background(), tbl, p)
	if err != nil {
		t.Fatal(err)
	}
	want := reference(rows, func(r ledgerRow) bool { return *r.quartier != "Île" },
		func(r ledgerRow) string { return strconv.FormatInt(r.annee, 10) + "|" + *r.quartier })
	compareGroups(t, got, 2, want)
	d, err := query.Run(context.Background(), tbl, query.Plan{GroupBy: []string{"annee"}, Aggregates: []query.Aggregate{{Func: query.Distinct, Column: "quartier"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rows {
		if r[1].Int != int64(len(quartiers)) {
			t.Errorf("%v: %d distinct quartiers, want %d", r[0], r[1].Int, len(quartiers))
		}
	}
}
