package questions

import (
	"slices"
	"strings"

	"atelier/datasets/query"

	"go.yaml.in/yaml/v3"
)

// setAnswer reads `answer:`, either a literal (answer: 42, answer: Oui, answer: [A, B]) or a
// block in the chart language. The block is handed to charts with its lines in place: the
// `answer:` line carries the chart type the kind needs, the other lines are blank.
func (q *Question) setAnswer(src string, k, v *yaml.Node) error {
	q.Answer = &Answer{Line: k.Line}
	switch v.Kind {
	case yaml.ScalarNode:
		if strings.TrimSpace(v.Value) == "" {
			return blockErr(k.Line, "answer", "« answer » est vide : donnez la bonne réponse, ou data et y pour la calculer")
		}
		q.Answer.Literal = []string{strings.TrimSpace(v.Value)}
		return nil
	case yaml.SequenceNode:
		list, err := stringList("answer", v)
		q.Answer.Literal = list
		return err
	case yaml.MappingNode:
	default:
		return blockErr(k.Line, "answer", "« answer » attend la bonne réponse, ou des sous-clés data, y, where")
	}
	lines := strings.Split(src, "\n")
	out := make([]string, len(lines))
	for i := 0; i+1 < len(v.Content); i += 2 {
		sub := v.Content[i]
		if sub.Line < 1 || sub.Line > len(lines) || sub.Line == k.Line {
			return blockErr(sub.Line, "answer", "sous « answer: », écrivez une clé par ligne, en retrait (par exemple « data: population-communes »)")
		}
		out[sub.Line-1] = strings.TrimLeft(lines[sub.Line-1], " \t")
	}
	q.Answer.Chart = strings.Join(out, "\n")
	return nil
}

// chartType is the chart an answer block computes: one value, or one value per category.
func (q *Question) chartType() string {
	switch q.Kind {
	case "share", "choice", "multiple":
		return "bar"
	case "draw":
		return "line"
	}
	return "number"
}

// chartSource is the answer block as a chart block: its `answer:` line says the type.
func (q *Question) chartSource() string {
	lines := strings.Split(q.Answer.Chart, "\n")
	lines[q.Answer.Line-1] = "type: " + q.chartType()
	return strings.Join(lines, "\n")
}

func (q *Question) check() error {
	if q.Kind == "" {
		return blockErr(0, "kind", "il manque la clé « kind » (%s)", strings.Join(Kinds, ", "))
	}
	if q.Ask == "" {
		return blockErr(0, "ask", "il manque la clé « ask » : la question posée à la salle")
	}
	for _, k := range keys {
		kinds, ok := only[k]
		if _, given := q.lines[k]; ok && given && !slices.Contains(kinds, q.Kind) {
			return blockErr(q.lines[k], k, "« %s » ne s'applique qu'aux questions %s, pas à %s", k, strings.Join(kinds, ", "), q.Kind)
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min >= *q.Max {
		return blockErr(q.lines["max"], "max", "« max » doit être plus grand que « min »")
	}
	switch q.Kind {
	case "choice", "multiple":
		if len(q.Choices) < 2 {
			return blockErr(q.lines["kind"], "choices", "une question %s a besoin de « choices » : au moins deux réponses possibles, par exemple choices: [Oui, Non]", q.Kind)
		}
	case "share":
		if len(q.Choices) < 2 && (q.Answer == nil || q.Answer.Chart == "") {
			return blockErr(q.lines["kind"], "choices", "une question share a besoin de « choices » (les postes à répartir) ou d'un « answer » avec data, x et y")
		}
	case "scale":
		return q.checkScale()
	case "draw":
		if q.Answer == nil || q.Answer.Chart == "" {
			return blockErr(q.lines["kind"], "answer", "une question draw a besoin de « answer » avec data, x et y : la série que la salle devine")
		}
	}
	return q.checkLiteral()
}

func (q *Question) checkScale() error {
	if q.Min == nil {
		one := 1.0
		q.Min = &one
	}
	if q.Max == nil {
		five := 5.0
		q.Max = &five
	}
	steps := int(*q.Max - *q.Min + 1)
	if *q.Min != float64(int(*q.Min)) || *q.Max != float64(int(*q.Max)) || steps < 2 || steps > 11 {
		return blockErr(q.lines["min"], "min", "une échelle va d'un nombre entier à un autre, de 2 à 11 crans (par défaut de 1 à 5)")
	}
	if n := len(q.Labels); n != 0 && n != 2 && n != steps {
		return blockErr(q.lines["labels"], "labels", "« labels » donne soit les deux bouts de l'échelle, soit un texte par cran (%d)", steps)
	}
	return q.checkLiteral()
}

// checkLiteral checks a literal answer against the question.
func (q *Question) checkLiteral() error {
	if q.Answer == nil || q.Answer.Chart != "" {
		return nil
	}
	line, lit := q.Answer.Line, q.Answer.Literal
	switch q.Kind {
	case "number", "scale":
		if _, err := parseNumber(lit[0]); err != nil || len(lit) != 1 {
			return blockErr(line, "answer", "« answer » attend un nombre, ou data et y pour le calculer")
		}
	case "choice", "multiple":
		if q.Kind == "choice" && len(lit) != 1 {
			return blockErr(line, "answer", "une question choice n'a qu'une bonne réponse")
		}
		for _, a := range lit {
			if !slices.Contains(q.Choices, a) {
				return blockErr(line, "answer", "« %s » n'est pas dans « choices »%s", a, closestHint(a, q.Choices))
			}
		}
	default:
		return blockErr(line, "answer", "pour une question %s, « answer » se calcule : donnez data, x et y", q.Kind)
	}
	return nil
}

func closestHint(s string, list []string) string {
	if c := query.Closest(s, list); c != "" {
		return " — vouliez-vous dire « " + c + " » ?"
	}
	return " (" + strings.Join(list, ", ") + ")"
}
