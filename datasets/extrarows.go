package datasets

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Spreadsheets made for printing hold rows that are not data: blank rows between blocks, a
// « Total » row that adds up the rows above, footnotes (« Source : INSEE ») under the
// table. Read as data, a total is counted twice by every sum. They are left out, each named
// in a warning, unless the facilitator asks to keep them (ReadOptions.KeepRows).

// totalLabelRE matches the labels of total rows, in the words French workbooks use.
var totalLabelRE = regexp.MustCompile(`(?i)^\s*(sous[- ]?total|total(\s+g[ée]n[ée]ral)?|ensemble)\b`)

// footnoteRE matches the usual openings of a note under a table.
var footnoteRE = regexp.MustCompile(`(?i)^\s*(source|sources|note|notes|champ|lecture|remarque|\*|\(\d|nb\b|n\.b\.)`)

// leaveOutExtraRows removes the blank, total and footnote rows below the header h and
// returns the rows kept and a warning for each row left out (lines are the sheet's, 1-based).
func leaveOutExtraRows(rows [][]string, h int) ([][]string, []Warning) {
	data := rows[h+1:]
	end := len(data)
	var warns []Warning
	notes := map[int]bool{}
	for end > 0 { // footnotes: one text cell under the table
		r := data[end-1]
		if filled(r) == 0 {
			end--
			continue
		}
		if filled(r) != 1 || !footnoteRE.MatchString(firstFilled(r)) {
			break
		}
		notes[end-1] = true
		end--
	}
	kept := append([][]string{}, rows[:h+1]...)
	var sums, since []float64 // since the header, and since the last sub-total
	for i, r := range data {
		line := h + 2 + i
		switch {
		case notes[i]:
			warns = append(warns, leftOut(line, fmt.Sprintf("note sous le tableau (« %s »)", clip(firstFilled(r)))))
		case filled(r) == 0:
			warns = append(warns, leftOut(line, "ligne vide"))
		case isTotalRow(r, sums, since):
			warns = append(warns, leftOut(line, fmt.Sprintf("ligne de total (« %s ») : ses nombres sont la somme des lignes au-dessus, ils seraient comptés deux fois", clip(firstFilled(r)))))
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(firstFilled(r))), "sous") {
				since = nil
			}
		default:
			sums, since = addRow(sums, r), addRow(since, r)
			kept = append(kept, r)
		}
	}
	return kept, warns
}

func leftOut(line int, why string) Warning {
	return Warning{Line: line, Dropped: true, Message: why + " : laissée de côté"}
}

func firstFilled(r []string) string {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return strings.TrimSpace(c)
		}
	}
	return ""
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// cellNumber is a cell's value as a number, when it is one.
func cellNumber(c string) (float64, bool) {
	c = strings.TrimSpace(c)
	if c == "" {
		return 0, false
	}
	n := parseNumber([]byte(c))
	if n.reason != numOK || n.percent {
		return 0, false
	}
	return n.f, true
}

func addRow(sums []float64, r []string) []float64 {
	for len(sums) < len(r) {
		sums = append(sums, 0)
	}
	for j, c := range r {
		if v, ok := cellNumber(c); ok {
			sums[j] += v
		}
	}
	return sums
}

// isTotalRow: its label says total and each of its numbers is the sum of its column over
// the rows above (or above since the last sub-total).
func isTotalRow(r []string, sums, since []float64) bool {
	if !totalLabelRE.MatchString(firstFilled(r)) {
		return false
	}
	numbers := 0
	for j, c := range r {
		v, ok := cellNumber(c)
		if !ok {
			continue
		}
		numbers++
		if !near(v, at(sums, j)) && !near(v, at(since, j)) {
			return false
		}
	}
	return numbers > 0
}

func at(s []float64, j int) float64 {
	if j < len(s) {
		return s[j]
	}
	return math.NaN()
}

// near allows the rounding of a workbook that shows totals rounded.
func near(a, b float64) bool {
	return math.Abs(a-b) <= math.Max(0.5, 1e-6*math.Abs(b))
}
