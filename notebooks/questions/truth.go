package questions

import (
	"context"
	"math"
	"slices"
	"strconv"

	"atelier/charts"
	"atelier/internal/localfmt"
)

// Truth is the right answer, as the reveal shows it.
type Truth struct {
	Number   *float64  `json:"number,omitempty"`  // number, scale
	Text     string    `json:"text"`              // for people: « 42 624 habitants »
	Choices  []string  `json:"choices,omitempty"` // choice, multiple: the right ones
	Parts    []Part    `json:"parts,omitempty"`   // share: the real split, in the question's order
	Series   []float64 `json:"series,omitempty"`  // draw: the whole series, along Question.Points
	Citation string    `json:"citation,omitempty"`
	Dataset  string    `json:"dataset,omitempty"`
}

// Part is one category of a split.
type Part struct {
	Label   string  `json:"label"`
	Percent float64 `json:"percent"`
}

// Drawn is what a draw question shows before the resident draws: the x labels of the whole
// series, and the values of its first Start points.
type Drawn struct {
	Points []string  `json:"points"`
	Shown  []float64 `json:"shown"`
}

// Compute works out the question's truth: from the literal, or by building the answer
// block as a chart against cat. A draw question learns its points, a share question without
// choices its categories. A question without answer has no truth (nil, nil).
func (q *Question) Compute(ctx context.Context, cat charts.Catalogue) (*Truth, *Drawn, error) {
	if q.Answer == nil {
		return nil, nil, nil
	}
	if q.Answer.Chart == "" {
		return q.literalTruth(), nil, nil
	}
	spec, err := charts.Parse(q.chartSource())
	if err != nil {
		return nil, nil, err
	}
	c, err := charts.Build(ctx, cat, spec)
	if err != nil {
		return nil, nil, err
	}
	t := &Truth{Citation: c.Citation, Dataset: string(c.Dataset)}
	labels, values := column(c.Table)
	switch q.Kind {
	case "number", "scale":
		if c.Figure == nil || math.IsNaN(c.Figure.Number) || len(values) == 0 {
			return nil, nil, blockErr(q.Answer.Line, "answer", "le calcul de « answer » ne donne aucune valeur : vérifiez « where »")
		}
		n := c.Figure.Number
		t.Number, t.Text = &n, q.Format(n)
	case "share":
		return q.shareTruth(t, labels, values)
	case "draw":
		return q.drawTruth(t, labels, values)
	default:
		best := slices.Index(values, slices.Max(append([]float64{math.Inf(-1)}, values...)))
		if best < 0 || (len(q.Choices) > 0 && !slices.Contains(q.Choices, labels[best])) {
			return nil, nil, blockErr(q.Answer.Line, "answer", "le calcul de « answer » désigne une réponse qui n'est pas dans « choices »")
		}
		t.Choices, t.Text = []string{labels[best]}, labels[best]
	}
	return t, nil, nil
}

func (q *Question) literalTruth() *Truth {
	lit := q.Answer.Literal
	if q.Kind == "number" || q.Kind == "scale" {
		n, _ := parseNumber(lit[0])
		return &Truth{Number: &n, Text: q.Format(n)}
	}
	t := &Truth{Choices: lit}
	for i, c := range lit {
		if i > 0 {
			t.Text += ", "
		}
		t.Text += c
	}
	return t
}

func (q *Question) shareTruth(t *Truth, labels []string, values []float64) (*Truth, *Drawn, error) {
	if len(q.Choices) == 0 {
		q.Choices = labels
	}
	var sum float64
	for _, v := range values {
		sum += v
	}
	if sum <= 0 || len(q.Choices) < 2 || len(q.Choices) > maxChoices {
		return nil, nil, blockErr(q.Answer.Line, "answer", "le calcul de « answer » doit donner de 2 à %d postes de valeurs positives", maxChoices)
	}
	for _, c := range q.Choices {
		i := slices.Index(labels, c)
		if i < 0 {
			return nil, nil, blockErr(q.lines["choices"], "choices", "le poste « %s » n'est pas dans les données%s", c, closestHint(c, labels))
		}
		t.Parts = append(t.Parts, Part{Label: c, Percent: round1(values[i] / sum * 100)})
	}
	return t, nil, nil
}

func (q *Question) drawTruth(t *Truth, labels []string, values []float64) (*Truth, *Drawn, error) {
	if len(values) < 3 {
		return nil, nil, blockErr(q.Answer.Line, "answer", "une question draw a besoin d'une série d'au moins 3 points (ici %d)", len(values))
	}
	if q.Start == 0 {
		q.Start = (len(values) + 1) / 2
	}
	if q.Start >= len(values) {
		return nil, nil, blockErr(q.lines["start"], "start", "« start » doit laisser au moins un point à dessiner (la série en a %d)", len(values))
	}
	t.Series = values
	t.Text = q.Format(values[len(values)-1]) + " (" + labels[len(labels)-1] + ")"
	return t, &Drawn{Points: labels, Shown: values[:q.Start]}, nil
}

// column reads a one-measure chart table: its categories and values (missing values as 0).
func column(t charts.Table) ([]string, []float64) {
	var labels []string
	var values []float64
	for i, raw := range t.Raw {
		if len(raw) == 0 {
			continue
		}
		v, _ := strconv.ParseFloat(raw[len(raw)-1], 64)
		label := ""
		if len(raw) > 1 {
			label = t.Rows[i][0]
		}
		labels, values = append(labels, label), append(values, v)
	}
	return labels, values
}

// Format writes a value with the question's unit, French style.
func (q *Question) Format(v float64) string {
	dec := 0
	if v != math.Trunc(v) && math.Abs(v) < 1000 {
		dec = 1
	}
	s := localfmt.Decimal("fr", v, dec)
	if q.Unit != "" {
		s += " " + q.Unit
	}
	return s
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
