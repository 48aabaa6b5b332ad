package questions

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"atelier/internal/fault"
)

// MaxValueBytes bounds an answer's JSON: the largest, a drawing, is a few dozen numbers.
const MaxValueBytes = 4 << 10

// shareSlack allows sliders' rounding: a split summing to 99.9 or 100.1 is 100.
const shareSlack = 0.5

func invalid(format string, args ...any) error { return fault.New(fault.Invalid, format, args...) }

// Check parses a resident's answer and returns it in the stored form: a choice as a string,
// several choices as a list in the question's order, a number, a share as the percents in
// the order of the choices, a scale step, up to MaxWords words, a drawing as the values of
// the points after Start. Errors are French, for the resident.
func (q *Question) Check(raw json.RawMessage, drawn *Drawn) (json.RawMessage, error) {
	if len(raw) > MaxValueBytes {
		return nil, invalid("réponse trop longue")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || v == nil {
		return nil, invalid("réponse illisible : envoyez {\"value\": …}")
	}
	out, err := q.checkValue(v, drawn)
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

func (q *Question) checkValue(v any, drawn *Drawn) (any, error) {
	switch q.Kind {
	case "choice":
		s, ok := v.(string)
		if !ok || !slices.Contains(q.Choices, s) {
			return nil, invalid("choisissez une des réponses proposées : %s", strings.Join(q.Choices, ", "))
		}
		return s, nil
	case "multiple":
		return q.checkMultiple(v)
	case "number", "scale":
		return q.checkNumber(v)
	case "share":
		return q.checkShare(v)
	case "words":
		return checkWords(v)
	default:
		return q.checkDrawing(v, drawn)
	}
}

func (q *Question) checkMultiple(v any) (any, error) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, invalid("cochez au moins une des réponses proposées")
	}
	picked := map[string]bool{}
	for _, x := range list {
		s, ok := x.(string)
		if !ok || !slices.Contains(q.Choices, s) {
			return nil, invalid("cochez seulement des réponses proposées : %s", strings.Join(q.Choices, ", "))
		}
		picked[s] = true
	}
	var out []string
	for _, c := range q.Choices {
		if picked[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

func number(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

func (q *Question) checkNumber(v any) (any, error) {
	f, ok := number(v)
	if !ok {
		return nil, invalid("répondez par un nombre")
	}
	if err := q.inRange(f); err != nil {
		return nil, err
	}
	if q.Kind == "scale" && f != math.Trunc(f) {
		return nil, invalid("choisissez un cran entier de l'échelle, de %s à %s", q.Format0(*q.Min), q.Format0(*q.Max))
	}
	return f, nil
}

func (q *Question) inRange(f float64) error {
	if (q.Min != nil && f < *q.Min) || (q.Max != nil && f > *q.Max) {
		lo, hi := "…", "…"
		if q.Min != nil {
			lo = q.Format0(*q.Min)
		}
		if q.Max != nil {
			hi = q.Format0(*q.Max)
		}
		return invalid("%s est en dehors des valeurs permises (de %s à %s)", q.Format0(f), lo, hi)
	}
	return nil
}

// Format0 is a bound or a guess without its unit.
func (q *Question) Format0(f float64) string {
	c := *q
	c.Unit = ""
	return c.Format(f)
}

func (q *Question) checkShare(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalid("répartissez 100 %% entre les postes : envoyez un pourcentage par poste")
	}
	out := make([]float64, len(q.Choices))
	var sum float64
	for k, x := range m {
		i := slices.Index(q.Choices, k)
		f, ok := number(x)
		if i < 0 || !ok || f < 0 || f > 100 {
			return nil, invalid("chaque poste reçoit un pourcentage de 0 à 100, parmi : %s", strings.Join(q.Choices, ", "))
		}
		out[i], sum = f, sum+f
	}
	if math.Abs(sum-100) > shareSlack {
		return nil, invalid("les postes doivent faire 100 %% en tout (ici %s %%)", q.Format0(round1(sum)))
	}
	return out, nil
}

func checkWords(v any) (any, error) {
	list, ok := v.([]any)
	if s, one := v.(string); one {
		list, ok = []any{s}, true
	}
	if !ok {
		return nil, invalid("écrivez de 1 à %d mots", MaxWords)
	}
	var out []string
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, invalid("écrivez de 1 à %d mots", MaxWords)
		}
		s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
		if s == "" {
			continue
		}
		if utf8.RuneCountInString(s) > MaxWordLen || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			return nil, invalid("chaque mot fait au plus %d caractères", MaxWordLen)
		}
		out = append(out, s)
	}
	if len(out) == 0 || len(out) > MaxWords {
		return nil, invalid("écrivez de 1 à %d mots", MaxWords)
	}
	return out, nil
}

func (q *Question) checkDrawing(v any, drawn *Drawn) (any, error) {
	list, ok := v.([]any)
	want := 0
	if drawn != nil {
		want = len(drawn.Points) - len(drawn.Shown)
	}
	if !ok || len(list) != want || want == 0 {
		return nil, invalid("dessinez la suite de la courbe : %d valeurs attendues", want)
	}
	out := make([]float64, len(list))
	for i, x := range list {
		f, ok := number(x)
		if !ok {
			return nil, invalid("dessinez la suite de la courbe : %d valeurs attendues", want)
		}
		if err := q.inRange(f); err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// FromForm turns a plain form's fields (a page read without script) into the JSON value the
// API takes: `value` once or repeated, and for a share one `part` per choice, in order.
func (q *Question) FromForm(form url.Values) json.RawMessage {
	vals := form["value"]
	var v any
	switch q.Kind {
	case "choice":
		v = form.Get("value")
	case "multiple", "words":
		v = vals
	case "number", "scale":
		v = formNumber(form.Get("value"))
	case "share":
		m := map[string]any{}
		for i, p := range form["part"] {
			if i < len(q.Choices) {
				m[q.Choices[i]] = formNumber(p)
			}
		}
		v = m
	default:
		var list []any
		for _, s := range vals {
			list = append(list, formNumber(s))
		}
		v = list
	}
	raw, _ := json.Marshal(v)
	return raw
}

// formNumber keeps a field that is no number as text, so that Check refuses it.
func formNumber(s string) any {
	if f, err := parseNumber(s); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return f
	}
	return s
}
