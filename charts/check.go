package charts

import (
	"strings"

	"atelier/datasets/query"
)

// check verifies what no single key can: required keys and keys that go together.
func (s *Spec) check() error {
	for _, k := range []string{"type", "data", "y"} {
		if _, ok := s.lines[k]; !ok {
			return blockErr(0, k, "il manque la clé « %s » (%s)", k, required[k])
		}
	}
	for _, rule := range []func() error{s.checkX, s.checkOnly, s.checkSeries, s.checkMeasures, s.checkMap, s.checkOthers} {
		if err := rule(); err != nil {
			return err
		}
	}
	return nil
}

var required = map[string]string{
	"type": strings.Join(Types, ", "),
	"data": "le nom du jeu de données",
	"y":    "la valeur : count(), sum(colonne), mean(colonne)… ou une colonne",
	"x":    "la colonne des catégories",
}

// typeNames are the French names of the types, for messages and descriptions.
var typeNames = map[string]string{"bar": "Barres", "line": "Courbe", "area": "Aire", "pie": "Secteurs", "donut": "Anneau",
	"scatter": "Nuage de points", "heatmap": "Carte de chaleur", "treemap": "Carte proportionnelle", "map": "Carte",
	"table": "Tableau", "number": "Chiffre clé"}

// named is « un camembert (pie) » for messages.
func named(t string) string {
	return map[string]string{"bar": "un graphique en barres (bar)", "line": "une courbe (line)", "area": "une aire (area)",
		"pie": "un camembert (pie)", "donut": "un anneau (donut)", "scatter": "un nuage de points (scatter)",
		"heatmap": "une carte de chaleur (heatmap)", "treemap": "une carte proportionnelle (treemap)", "map": "une carte (map)",
		"table": "un tableau (table)", "number": "un chiffre clé (number)"}[t]
}

func (s *Spec) checkX() error {
	tl := s.lines["type"]
	switch {
	case s.Type == "map" && s.X != "":
		return blockErr(s.lines["x"], "x", "une carte (map) relie les formes par « key » : remplacez « x » par key: %s", s.X)
	case s.X == "" && (s.Type == "pie" || s.Type == "donut"):
		return blockErr(tl, "x", "%s a besoin de « x » : la colonne dont chaque valeur fait une part", named(s.Type))
	case s.X == "" && s.Type != "map" && s.Type != "number" && s.Type != "table":
		return blockErr(tl, "x", "il manque la clé « x » (%s)", required["x"])
	}
	return nil
}

// only lists, for keys that apply to some types only, those types.
var only = map[string][]string{
	"horizontal": {"bar"},
	"stack":      {"bar", "line", "area"},
	"cumulative": {"bar", "line", "area", "table"},
	"size":       {"scatter"},
	"label":      {"scatter"},
	"geo":        {"map"},
	"key":        {"map"},
	"geokey":     {"map"},
}

func (s *Spec) checkOnly() error {
	for _, k := range keys {
		types, ok := only[k]
		if _, given := s.lines[k]; !ok || !given || contains(types, s.Type) {
			continue
		}
		if len(types) == 1 {
			return blockErr(s.lines[k], k, "« %s » ne s'applique qu'à %s, pas à %s", k, named(types[0]), named(s.Type))
		}
		return blockErr(s.lines[k], k, "« %s » ne s'applique qu'aux types %s, pas à %s", k, orList(types), named(s.Type))
	}
	return nil
}

func (s *Spec) checkSeries() error {
	switch {
	case s.Series == "" && s.Type == "heatmap":
		return blockErr(s.lines["type"], "series", "une carte de chaleur (heatmap) croise deux colonnes : ajoutez « series », la colonne des lignes")
	case s.Series != "" && contains([]string{"pie", "donut", "treemap", "map", "number"}, s.Type):
		return blockErr(s.lines["series"], "series", "%s n'a qu'une série : retirez « series »", named(s.Type))
	case s.Stack && s.Series == "" && len(s.Measures) < 2:
		return blockErr(s.lines["stack"], "stack", "« stack » empile des séries : ajoutez « series » ou plusieurs valeurs dans « y »")
	}
	return nil
}

func (s *Spec) checkMeasures() error {
	yl := s.lines["y"]
	for _, m := range s.Measures[1:] {
		if (m.Agg == nil) != (s.Agg == nil) {
			return blockErr(yl, "y", "les valeurs de « y » sont toutes des agrégats, comme sum(a), sum(b), ou toutes des colonnes ; « %s » et « %s » ne se mélangent pas", s.Measures[0].Text, m.Text)
		}
	}
	switch {
	case len(s.Measures) > 1 && s.Series != "":
		return blockErr(yl, "y", "plusieurs valeurs dans « y » et « series » font trop de séries : gardez l'un ou l'autre")
	case len(s.Measures) > 1 && !contains([]string{"bar", "line", "area", "table"}, s.Type):
		return blockErr(yl, "y", "%s montre une seule valeur : gardez un seul élément dans « y »", named(s.Type))
	case s.Type == "scatter" && s.Agg != nil:
		return blockErr(yl, "y", "un nuage de points (scatter) place chaque ligne : y doit être une colonne de nombres, pas %s", s.Y)
	case s.Type == "scatter" || s.Type == "table":
		return nil
	case s.Agg == nil && contains([]string{"map", "number", "heatmap", "treemap", "pie", "donut"}, s.Type):
		return blockErr(yl, "y", "%s additionne des lignes : écrivez par exemple y: sum(%s)", named(s.Type), s.Y)
	}
	if s.Cumulative {
		for _, m := range s.Measures {
			if m.Agg != nil && !additive(m.Agg.Func) {
				return blockErr(s.lines["cumulative"], "cumulative", "« cumulative » additionne les valeurs le long de x : il demande count(), sum(…) ou share(…), pas %s", m.Agg.Func)
			}
		}
	}
	return nil
}

func (s *Spec) checkMap() error {
	if s.Type != "map" {
		return nil
	}
	tl := s.lines["type"]
	switch {
	case s.Geo == "":
		return blockErr(tl, "geo", "une carte (map) a besoin de « geo » : le jeu de données GeoJSON des formes, par exemple geo: communes-13")
	case s.Key == "":
		return blockErr(tl, "key", "une carte (map) a besoin de « key » : la colonne de « %s » qui désigne chaque forme, par exemple key: codgeo", s.Data)
	}
	return nil
}

func (s *Spec) checkOthers() error {
	if s.Others == "" {
		return nil
	}
	ol := s.lines["others"]
	switch {
	case contains([]string{"scatter", "map", "number", "heatmap"}, s.Type):
		return blockErr(ol, "others", "« others » ne s'applique pas à %s", named(s.Type))
	case s.Limit == 0:
		return blockErr(ol, "others", "« others » regroupe ce qui dépasse « limit » : ajoutez par exemple limit: 10")
	case s.Cumulative:
		return blockErr(ol, "others", "« others » et « cumulative » ne vont pas ensemble : un cumul suit l'ordre de x")
	}
	for _, m := range s.Measures {
		if m.Agg == nil {
			return blockErr(ol, "others", "« others » regroupe le reste : il demande un agrégat dans « y », comme count() ou sum(…)")
		}
		if !combinable(m.Agg.Func) {
			return blockErr(ol, "others", "« others » regroupe le reste : il demande count(), sum(…), share(…), mean(…), min(…) ou max(…), pas %s", m.Agg.Func)
		}
	}
	return nil
}

// additive reports whether a group's values can be added up (the "others" group, a
// running total).
func additive(f query.Func) bool { return f == query.Count || f == query.Sum || f == query.Share }

// combinable reports whether the "others" group's value can be made from the groups'
// (a mean through hidden sums and counts, see Spec.weights).
func combinable(f query.Func) bool {
	return additive(f) || f == query.Min || f == query.Max || f == query.Mean
}
