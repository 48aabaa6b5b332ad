package questions

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"atelier/charts"
	"atelier/datasets/query"
	"atelier/internal/fault"
)

// Kinds are the kinds of question, in the order of the docs.
var Kinds = []string{"choice", "multiple", "number", "share", "scale", "words", "draw"}

// Question is a parsed and checked question block. Its truth is computed separately
// (Compute), against the catalogue.
type Question struct {
	N       int      `json:"n"` // 1-based, in page order
	Kind    string   `json:"kind"`
	Ask     string   `json:"ask"`
	Unit    string   `json:"unit,omitempty"`
	Choices []string `json:"choices,omitempty"` // choice, multiple, share
	Labels  []string `json:"labels,omitempty"`  // scale: one label per step, or the two ends
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Start   int      `json:"start,omitempty"` // draw: points shown before the resident draws

	// Answer is the truth as the block gives it: the chart-language block (Data), or a
	// literal (Literal: a number, a choice, a list of choices).
	Answer *Answer `json:"-"`

	lines map[string]int
}

// Answer is a block's `answer:`.
type Answer struct {
	Chart   string   // chart-language source with the block's lines kept; "" for a literal
	Literal []string // the literal, as written
	Line    int      // line of `answer:` in the block
}

// MaxWords and MaxWordLen bound a `words` answer.
const (
	MaxWords   = 3
	MaxWordLen = 40
	maxChoices = 20
)

var keys = []string{"kind", "ask", "unit", "min", "max", "choices", "labels", "start", "answer"}

// only lists the keys that apply to some kinds only.
var only = map[string][]string{
	"choices": {"choice", "multiple", "share"},
	"labels":  {"scale"},
	"min":     {"number", "scale", "draw"},
	"max":     {"number", "scale", "draw"},
	"start":   {"draw"},
}

// Error is a mistake in a question block, on its line (1 = the line after the fence).
type Error = charts.Error

func blockErr(line int, key, format string, args ...any) error {
	e := &Error{Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
	return &fault.Error{Kind: fault.Invalid, Message: e.Error(), Err: e}
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse parses a question block's YAML. Errors are French and name the line and the key.
func Parse(src string) (*Question, error) {
	if len(src) > charts.MaxBlockLen {
		return nil, blockErr(0, "", "bloc de question trop long (%d octets, %d au plus)", len(src), charts.MaxBlockLen)
	}
	if !utf8.ValidString(src) {
		return nil, blockErr(0, "", "le bloc contient des caractères illisibles (il doit être en UTF-8)")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return nil, blockErr(line, "", "le bloc n'est pas lisible : écrivez une clé par ligne, sous la forme « clé: valeur » (mettez entre guillemets une valeur qui contient « : »)")
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, blockErr(0, "", "bloc de question vide : indiquez au moins kind et ask")
	}
	root := doc.Content[0]
	q := &Question{lines: map[string]int{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if err := q.set(src, root.Content[i], root.Content[i+1]); err != nil {
			return nil, err
		}
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	return q, nil
}

func (q *Question) set(src string, k, v *yaml.Node) error {
	key := k.Value
	if prev, dup := q.lines[key]; dup {
		return blockErr(k.Line, key, "clé « %s » en double (déjà donnée ligne %d)", key, prev)
	}
	if !slices.Contains(keys, key) {
		if c := query.Closest(key, keys); c != "" {
			return blockErr(k.Line, key, "clé « %s » inconnue — vouliez-vous dire « %s » ?", key, c)
		}
		return blockErr(k.Line, key, "clé « %s » inconnue (clés : %s)", key, strings.Join(keys, ", "))
	}
	q.lines[key] = k.Line
	switch key {
	case "answer":
		return q.setAnswer(src, k, v)
	case "choices", "labels":
		list, err := stringList(key, v)
		if key == "choices" {
			q.Choices = list
		} else {
			q.Labels = list
		}
		return err
	}
	if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
		return blockErr(k.Line, key, "« %s » attend une seule valeur sur la ligne", key)
	}
	return q.setScalar(key, strings.TrimSpace(v.Value), k.Line)
}

func (q *Question) setScalar(key, val string, line int) error {
	switch key {
	case "kind":
		if !slices.Contains(Kinds, val) {
			if c := query.Closest(val, Kinds); c != "" {
				return blockErr(line, key, "sorte de question « %s » inconnue — vouliez-vous dire « %s » ?", val, c)
			}
			return blockErr(line, key, "sorte de question « %s » inconnue (sortes : %s)", val, strings.Join(Kinds, ", "))
		}
		q.Kind = val
	case "ask":
		q.Ask = val
	case "unit":
		q.Unit = val
	case "min", "max":
		f, err := parseNumber(val)
		if err != nil {
			return blockErr(line, key, "« %s » attend un nombre, pas « %s »", key, val)
		}
		if key == "min" {
			q.Min = &f
		} else {
			q.Max = &f
		}
	case "start":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 {
			return blockErr(line, key, "« start » attend le nombre de points montrés avant de dessiner (1 ou plus), pas « %s »", val)
		}
		q.Start = n
	}
	return nil
}

func stringList(key string, v *yaml.Node) ([]string, error) {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return nil, blockErr(v.Line, key, "« %s » attend une liste, par exemple %s: [Oui, Non]", key, key)
	}
	if len(v.Content) > maxChoices {
		return nil, blockErr(v.Line, key, "« %s » a %d éléments : %d au plus", key, len(v.Content), maxChoices)
	}
	var out []string
	for _, c := range v.Content {
		s := strings.TrimSpace(c.Value)
		if c.Kind != yaml.ScalarNode || s == "" {
			return nil, blockErr(c.Line, key, "chaque élément de « %s » doit être un texte court", key)
		}
		if slices.Contains(out, s) {
			return nil, blockErr(c.Line, key, "« %s » est donné deux fois dans « %s »", s, key)
		}
		out = append(out, s)
	}
	return out, nil
}

// parseNumber reads 12, 12.5, 12,5 or 1 234,5.
func parseNumber(s string) (float64, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(strings.TrimSpace(s))
	return strconv.ParseFloat(s, 64)
}
