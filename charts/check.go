package charts

import "atelier/datasets/query"

// check verifies what no single key can: required keys and keys that go together.
func (s *Spec) check() error {
	for _, k := range []string{"type", "data", "y"} {
		if _, ok := s.lines[k]; !ok {
			return blockErr(0, k, "il manque la clé « %s » (%s)", k, required[k])
		}
	}
	tl := s.lines["type"]
	switch {
	case s.X == "" && s.Type == "pie":
		return blockErr(tl, "x", "un camembert (pie) a besoin de « x » : la colonne dont chaque valeur fait une part")
	case s.X == "":
		return blockErr(tl, "x", "il manque la clé « x » (%s)", required["x"])
	case s.Horizontal && s.Type != "bar":
		return blockErr(s.lines["horizontal"], "horizontal", "« horizontal » ne s'applique qu'aux barres (type: bar)")
	case s.Series != "" && s.Type == "pie":
		return blockErr(s.lines["series"], "series", "un camembert (pie) n'a qu'une série : retirez « series »")
	case s.Stack && s.Series == "":
		return blockErr(s.lines["stack"], "stack", "« stack » empile des séries : ajoutez « series »")
	case s.Others != "" && s.Limit == 0:
		return blockErr(s.lines["others"], "others", "« others » regroupe ce qui dépasse « limit » : ajoutez par exemple limit: 10")
	case s.Others != "" && s.Agg != nil && !additive(s.Agg.Func):
		return blockErr(s.lines["others"], "others", "« others » additionne le reste : il demande count() ou sum(…), pas %s", s.Agg.Func)
	case s.Others != "" && s.Agg == nil:
		return blockErr(s.lines["others"], "others", "« others » additionne le reste : il demande count() ou sum(…) dans « y »")
	}
	return nil
}

var required = map[string]string{
	"type": "bar, line ou pie",
	"data": "le nom du jeu de données",
	"y":    "la valeur : count(), sum(colonne), mean(colonne)… ou une colonne",
	"x":    "la colonne des catégories",
}

// additive reports whether a group's values can be added to make the "others" group.
func additive(f query.Func) bool { return f == query.Count || f == query.Sum }
