package questions

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"

	"atelier/charts"
	"atelier/internal/localfmt"
)

// Results are what a round's answers say, ready for the wall and the phones.
type Results struct {
	Answers int             `json:"answers"`
	Summary string          `json:"summary"`           // one French sentence: the room, beside the truth
	Counts  []Count         `json:"counts,omitempty"`  // choice, multiple, scale: answers per choice; words: per word
	Median  *float64        `json:"median,omitempty"`  // number: the median guess
	Mean    *float64        `json:"mean,omitempty"`    // scale
	Parts   []Part          `json:"parts,omitempty"`   // share: the room's average split
	Drawing []float64       `json:"drawing,omitempty"` // draw: the room's median drawing, after the shown points
	Truth   *Truth          `json:"truth,omitempty"`
	Chart   *Chart          `json:"chart,omitempty"`
	Guesses []float64       `json:"-"`
	Options json.RawMessage `json:"-"`
}

// Count is how many answers gave one choice, step or word.
type Count struct {
	Label  string `json:"label"`
	Count  int    `json:"count"`
	Hidden bool   `json:"hidden,omitempty"` // words: hidden by the facilitator
}

// Chart is a results chart in the form atelier.js draws: ECharts options and a number format.
type Chart struct {
	Type        string          `json:"type"`
	Options     json.RawMessage `json:"options"`
	Format      charts.Format   `json:"format"`
	Description string          `json:"description"`
}

// Tally counts a round's answers (Check's output). Hidden words are counted but flagged, so
// that the facilitator can show them again; the public word list leaves them out.
func (q *Question) Tally(values []json.RawMessage, truth *Truth, drawn *Drawn, hidden map[string]bool) (*Results, error) {
	r := &Results{Answers: len(values), Truth: truth}
	var t charts.Tally
	switch q.Kind {
	case "choice", "multiple", "scale":
		t = q.tallyChoices(r, values)
	case "number":
		t = q.tallyNumber(r, values)
	case "share":
		t = q.tallyShare(r, values)
	case "words":
		t = tallyWords(r, values, hidden)
	case "draw":
		t = q.tallyDrawing(r, values, drawn)
	}
	t.Description = r.Summary
	opts, err := charts.TallyOptions(t)
	if err != nil {
		return nil, err
	}
	r.Chart = &Chart{Type: t.Type, Options: opts, Format: charts.Format{Kind: "number", Unit: q.Unit}, Description: r.Summary}
	if q.Kind == "choice" || q.Kind == "multiple" || q.Kind == "scale" || q.Kind == "words" {
		r.Chart.Format.Unit = ""
	}
	return r, nil
}

func (q *Question) steps() []string {
	if q.Kind != "scale" {
		return q.Choices
	}
	var out []string
	for v := *q.Min; v <= *q.Max; v++ {
		out = append(out, q.Format0(v))
	}
	return out
}

func (q *Question) tallyChoices(r *Results, values []json.RawMessage) charts.Tally {
	steps := q.steps()
	counts := make([]float64, len(steps))
	var sum float64
	for _, v := range values {
		var picks []string
		var one string
		var f float64
		switch {
		case json.Unmarshal(v, &picks) == nil:
		case json.Unmarshal(v, &f) == nil:
			picks, sum = []string{q.Format0(f)}, sum+f
		case json.Unmarshal(v, &one) == nil:
			picks = []string{one}
		}
		for _, p := range picks {
			if i := slices.Index(steps, p); i >= 0 {
				counts[i]++
			}
		}
	}
	for i, s := range steps {
		r.Counts = append(r.Counts, Count{Label: s, Count: int(counts[i])})
	}
	r.Summary = fmt.Sprintf("%s.", people(len(values), "a répondu", "ont répondu"))
	if q.Kind == "scale" && len(values) > 0 {
		m := round1(sum / float64(len(values)))
		r.Mean = &m
		r.Summary = fmt.Sprintf("%s : moyenne %s sur une échelle de %s à %s.", people(len(values), "a répondu", "ont répondu"), q.Format0(m), steps[0], steps[len(steps)-1])
	}
	if r.Truth != nil && len(r.Truth.Choices) > 0 {
		right := 0
		for _, c := range r.Truth.Choices {
			right += int(counts[slices.Index(steps, c)])
		}
		r.Summary = fmt.Sprintf("%s « %s » : %d sur %d.", "Bonne réponse", r.Truth.Text, right, len(values))
	}
	return charts.Tally{Type: "bar", Categories: steps, Series: []charts.TallySeries{{Name: "Réponses", Values: counts}}, Horizontal: q.Kind != "scale"}
}

func (q *Question) tallyNumber(r *Results, values []json.RawMessage) charts.Tally {
	for _, v := range values {
		var f float64
		if json.Unmarshal(v, &f) == nil {
			r.Guesses = append(r.Guesses, f)
		}
	}
	t := charts.Tally{Type: "strip", Unit: q.Unit, Series: []charts.TallySeries{{Name: "Les réponses de la salle", Values: r.Guesses}}}
	r.Summary = fmt.Sprintf("%s.", people(len(r.Guesses), "a répondu", "ont répondu"))
	if len(r.Guesses) > 0 {
		m := median(r.Guesses)
		r.Median = &m
		t.Marks = append(t.Marks, charts.TallyMark{Name: "Médiane : " + q.Format(m), Value: m})
		r.Summary = fmt.Sprintf("Médiane de la salle : %s.", q.Format(m))
	}
	if r.Truth != nil && r.Truth.Number != nil {
		truth := *r.Truth.Number
		t.Marks = append(t.Marks, charts.TallyMark{Name: "Réalité : " + r.Truth.Text, Value: truth})
		near := 0
		for _, g := range r.Guesses {
			if math.Abs(g-truth) <= math.Abs(truth)*0.1 {
				near++
			}
		}
		r.Summary += fmt.Sprintf(" Réalité : %s. %d %s sur %d à moins de 10 %%.", r.Truth.Text, near, plural(near, "personne", "personnes"), len(r.Guesses))
	}
	return t
}

func (q *Question) tallyShare(r *Results, values []json.RawMessage) charts.Tally {
	sums := make([]float64, len(q.Choices))
	for _, v := range values {
		var parts []float64
		if json.Unmarshal(v, &parts) == nil && len(parts) == len(sums) {
			for i, p := range parts {
				sums[i] += p
			}
		}
	}
	room := make([]float64, len(sums))
	for i, s := range sums {
		if len(values) > 0 {
			room[i] = round1(s / float64(len(values)))
		}
		r.Parts = append(r.Parts, Part{Label: q.Choices[i], Percent: room[i]})
	}
	t := charts.Tally{Type: "bar", Unit: "%", Categories: q.Choices, Horizontal: true,
		Series: []charts.TallySeries{{Name: "La salle (moyenne)", Values: room}}}
	r.Summary = fmt.Sprintf("Répartition moyenne de %d %s.", len(values), plural(len(values), "personne", "personnes"))
	if r.Truth != nil && len(r.Truth.Parts) == len(q.Choices) {
		real := make([]float64, len(q.Choices))
		for i, p := range r.Truth.Parts {
			real[i] = p.Percent
		}
		t.Series = append(t.Series, charts.TallySeries{Name: "La réalité", Values: real})
		r.Summary += " " + gapSentence(q.Choices, room, real)
	}
	return t
}

// gapSentence names the category where the room was furthest from the truth.
func gapSentence(labels []string, room, real []float64) string {
	worst := 0
	for i := range labels {
		if math.Abs(room[i]-real[i]) > math.Abs(room[worst]-real[worst]) {
			worst = i
		}
	}
	return fmt.Sprintf("Le plus grand écart : « %s », %s %% pour la salle contre %s %% en réalité.",
		labels[worst], localfmt.Decimal("fr", room[worst], 1), localfmt.Decimal("fr", real[worst], 1))
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func people(n int, one, many string) string {
	if n == 1 {
		return "1 personne " + one
	}
	return fmt.Sprintf("%d personnes %s", n, many)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
