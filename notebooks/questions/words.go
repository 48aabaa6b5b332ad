package questions

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"atelier/charts"
)

// maxListedWords bounds the word list: past it, the wall is unreadable.
const maxListedWords = 60

// tallyWords counts words case-folded, keeping the spelling first given; the list is sized
// by count on the page (see Results.Counts). Its chart is the top words as bars.
func tallyWords(r *Results, values []json.RawMessage, hidden map[string]bool) charts.Tally {
	counts := map[string]*Count{}
	var order []string
	for _, v := range values {
		var words []string
		if json.Unmarshal(v, &words) != nil {
			continue
		}
		seen := map[string]bool{}
		for _, w := range words {
			k := foldWord(w)
			if seen[k] {
				continue // one person saying « vélo » twice counts once
			}
			seen[k] = true
			if counts[k] == nil {
				counts[k] = &Count{Label: w, Hidden: hidden[k]}
				order = append(order, k)
			}
			counts[k].Count++
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]].Count > counts[order[j]].Count })
	if len(order) > maxListedWords {
		order = order[:maxListedWords]
	}
	t := charts.Tally{Type: "bar", Horizontal: true, Series: []charts.TallySeries{{Name: "Réponses"}}}
	var shown []string
	for _, k := range order {
		c := counts[k]
		r.Counts = append(r.Counts, *c)
		if !c.Hidden && len(t.Categories) < 10 {
			t.Categories = append(t.Categories, c.Label)
			t.Series[0].Values = append(t.Series[0].Values, float64(c.Count))
			shown = append(shown, "« "+c.Label+" »")
		}
	}
	r.Summary = fmt.Sprintf("%s.", people(len(values), "a répondu", "ont répondu"))
	if len(shown) > 0 {
		r.Summary = fmt.Sprintf("%s ; les mots les plus donnés : %s.", people(len(values), "a répondu", "ont répondu"), strings.Join(shown[:min(3, len(shown))], ", "))
	}
	return t
}

// Public drops what only facilitators see: hidden words.
func (r *Results) Public() *Results {
	out := *r
	out.Counts = nil
	for _, c := range r.Counts {
		if !c.Hidden {
			out.Counts = append(out.Counts, c)
		}
	}
	return &out
}

// tallyDrawing takes, point by point, the median of the room's drawings, and lays it over
// the real series; the shown start is common to both.
func (q *Question) tallyDrawing(r *Results, values []json.RawMessage, drawn *Drawn) charts.Tally {
	t := charts.Tally{Type: "line", Unit: q.Unit}
	if drawn == nil {
		return t
	}
	start, n := len(drawn.Shown), len(drawn.Points)
	cols := make([][]float64, n-start)
	for _, v := range values {
		var d []float64
		if json.Unmarshal(v, &d) == nil && len(d) == len(cols) {
			for i, x := range d {
				cols[i] = append(cols[i], x)
			}
		}
	}
	room := charts.TallySeries{Name: "La salle (médiane)", Values: make([]float64, n), Gaps: make([]bool, n)}
	for i := range n {
		switch {
		case i < start-1:
			room.Gaps[i] = true
		case i == start-1:
			room.Values[i] = drawn.Shown[i] // the room's line starts where the shown part ends
		case len(cols[i-start]) == 0:
			room.Gaps[i] = true
		default:
			room.Values[i] = median(cols[i-start])
			r.Drawing = append(r.Drawing, room.Values[i])
		}
	}
	t.Categories = drawn.Points
	t.Series = []charts.TallySeries{room}
	r.Summary = fmt.Sprintf("%s.", people(len(values), "a dessiné", "ont dessiné"))
	if r.Truth != nil && len(r.Truth.Series) == n {
		t.Series = append([]charts.TallySeries{{Name: "La réalité", Values: r.Truth.Series}}, room)
		r.Summary += fmt.Sprintf(" En réalité : %s.", r.Truth.Text)
		if len(r.Drawing) == n-start {
			r.Summary += fmt.Sprintf(" La salle voyait %s.", q.Format(r.Drawing[len(r.Drawing)-1]))
		}
	}
	return t
}
