package query_test

import (
	"testing"
	"unicode/utf8"

	"atelier/datasets/query"
)

// FuzzParseWhere checks that the parser never panics, and that what it accepts prints
// back to a source that parses to the same tree.
func FuzzParseWhere(f *testing.F) {
	for _, s := range []string{
		`dep = "13" and p21_pop > 10000`,
		"`% Votants` > 50 or not (x <= 12,5)",
		`jour >= 2020-01-31 and jour < 31/12/2020`,
		`nom = « Carro » and q != null`,
		`a = 'l''x' or b ≠ -3.25`,
		`codgeo in ("13056", "13047") and annee not between 2019 and 2021`,
		`nom not contains "Saint" or pop is not null and x in (1,2; 3.5)`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := query.ParseWhere(src)
		if err != nil {
			return
		}
		if utf8.RuneCountInString(e.String()) > query.MaxWhereLen {
			return // canonical form may be longer than the source (quotes, spaces)
		}
		again, err := query.ParseWhere(e.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", src, e.String(), err)
		}
		if again.String() != e.String() {
			t.Fatalf("%q: %q reparsed as %q", src, e.String(), again.String())
		}
	})
}
