package query

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Closest returns the candidate nearest to name by edit distance, ignoring case and accents,
// or "" when none is close enough to be a plausible typo. Charts use it for their own
// "vouliez-vous dire" suggestions, so that the engine and the blocks agree.
func Closest(name string, candidates []string) string {
	key := fold(name)
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(key, fold(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, utf8.RuneCountInString(name)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// fold lowers case and drops accents, so that "Libelle" finds "Libellé".
func fold(s string) []rune {
	var out []rune
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		out = append(out, r)
	}
	return out
}

// distance is the Levenshtein distance, with one row of memory.
func distance(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

// unknownColumn is the French error for a column that is not in the table.
func unknownColumn(pos int, name string, columns []string) error {
	if c := Closest(name, columns); c != "" {
		return errAt(pos, "colonne « %s » inconnue — vouliez-vous dire « %s » ?", name, c)
	}
	return errAt(pos, "colonne « %s » inconnue (colonnes : %s)", name, listNames(columns))
}

// listNames lists up to ten names for an error message.
func listNames(names []string) string {
	if len(names) > 10 {
		return strings.Join(names[:10], ", ") + "…"
	}
	return strings.Join(names, ", ")
}
