// The keys of a chart block, one by one: each value read, checked and set on the Spec, with
// the block's line in any problem.

package charts

import (
	"errors"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"atelier/datasets"
	"atelier/datasets/query"
	"atelier/internal/fault"
)

// setValue checks and stores the value of a known key.
func (s *Spec) setValue(key, val string, line int) error {
	var err error
	switch key {
	case "type":
		s.Type, err = parseType(val, line)
	case "data":
		s.Data, s.Version, err = parseData(key, val, line)
	case "geo":
		s.Geo, s.GeoVersion, err = parseData(key, val, line)
	case "title":
		s.Title = val
	case "subtitle":
		s.Subtitle = val
	case "x", "series", "size", "label", "key", "geokey":
		*s.column(key) = unquoteColumn(val)
	case "y":
		s.Y = val
		err = s.parseY(val, line)
	case "where":
		s.Where = val
		s.Filter, err = parseWhere(val, line)
	case "sort":
		s.Sort = val
		err = oneOf(key, val, line, []string{"y", "-y", "x", "-x"}, " : -y trie du plus grand au plus petit")
	case "limit":
		s.Limit, err = parseInt(key, val, line, 1, query.MaxRows)
	case "height":
		s.Height, err = parseInt(key, val, line, 150, 2000)
	case "others":
		s.Others = val
	case "unit":
		s.Unit = val
	case "format":
		s.Format = val
		err = oneOf(key, val, line, []string{"percent", "number", "currency"}, "")
	case "theme":
		s.Theme = val
		err = oneOf(key, val, line, Themes, "")
	case "stack":
		err = s.parseStack(val, line)
	case "horizontal", "cumulative", "decal":
		var b bool
		b, err = parseBool(key, val, line)
		*map[string]*bool{"horizontal": &s.Horizontal, "cumulative": &s.Cumulative, "decal": &s.Decal}[key] = b
	}
	return err
}

// column is the field of a key naming a column.
func (s *Spec) column(key string) *string {
	return map[string]*string{"x": &s.X, "series": &s.Series, "size": &s.Size, "label": &s.Label, "key": &s.Key, "geokey": &s.GeoKey}[key]
}

// oneOf checks a value against its choices, suggesting the closest one.
func oneOf(key, val string, line int, choices []string, hint string) error {
	if contains(choices, val) {
		return nil
	}
	if c := query.Closest(val, choices); c != "" {
		return blockErr(line, key, "« %s » vaut %s (reçu « %s ») — vouliez-vous dire « %s » ?", key, orList(choices), val, c)
	}
	return blockErr(line, key, "« %s » vaut %s (reçu « %s »)%s", key, orList(choices), val, hint)
}

// orList writes « a, b ou c ».
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " ou " + items[len(items)-1]
}

// parseStack reads true, false, or percent (also 100%) for stacks that add up to 100 %.
func (s *Spec) parseStack(val string, line int) error {
	switch strings.ReplaceAll(strings.ToLower(val), " ", "") {
	case "percent", "100%", "pourcent":
		s.Stack, s.Percent = true, true
		return nil
	}
	b, err := parseBool("stack", val, line)
	if err != nil {
		return blockErr(line, "stack", "« stack » vaut true, false ou percent (reçu « %s ») : percent empile jusqu'à 100 %%", val)
	}
	s.Stack = b
	return nil
}

func parseType(val string, line int) (string, error) {
	if contains(Types, val) {
		return val, nil
	}
	french := map[string]string{"barres": "bar", "barre": "bar", "courbe": "line", "aire": "area", "camembert": "pie",
		"anneau": "donut", "nuage": "scatter", "carte": "map", "tableau": "table", "nombre": "number", "chiffre": "number"}
	if t, ok := french[strings.ToLower(val)]; ok {
		return "", blockErr(line, "type", "type « %s » inconnu — vouliez-vous dire « %s » ?", val, t)
	}
	if c := query.Closest(val, Types); c != "" {
		return "", blockErr(line, "type", "type « %s » inconnu — vouliez-vous dire « %s » ?", val, c)
	}
	return "", blockErr(line, "type", "type « %s » inconnu (types : %s)", val, strings.Join(Types, ", "))
}

// parseData reads "name" or "name@3".
func parseData(key, val string, line int) (datasets.Name, int, error) {
	name, ver, pinned := strings.Cut(val, "@")
	n, err := datasets.ParseName(name)
	if err != nil {
		msg, _ := fault.Message(err)
		return "", 0, blockErr(line, key, "%s", msg)
	}
	if !pinned {
		return n, 0, nil
	}
	v, err := strconv.Atoi(ver)
	if err != nil || v < 1 {
		return "", 0, blockErr(line, key, "version « %s » invalide : écrivez par exemple %s@3", ver, name)
	}
	return n, v, nil
}

// parseY reads one y, or several separated by commas when each is an aggregate:
// « sum(a), sum(b) ». A column whose name holds a comma stays one column.
func (s *Spec) parseY(val string, line int) error {
	parts := splitTop(val)
	if len(parts) > 1 {
		for _, p := range parts {
			if _, ok, _ := query.ParseAggregate(p); !ok {
				parts = []string{val}
				break
			}
		}
	}
	for _, p := range parts {
		if err := s.addMeasure(p, line); err != nil {
			return err
		}
	}
	return nil
}

// parseYList reads y written as a YAML list: [sum(a), sum(b)] or one per line.
func (s *Spec) parseYList(v *yaml.Node, line int) error {
	if len(v.Content) == 0 {
		return blockErr(line, "y", "« y » est une liste vide : donnez au moins une valeur, par exemple count()")
	}
	var texts []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || strings.TrimSpace(item.Value) == "" {
			return blockErr(item.Line, "y", "chaque élément de « y » est une valeur : count(), sum(colonne)… ou une colonne")
		}
		texts = append(texts, strings.TrimSpace(item.Value))
		if err := s.addMeasure(strings.TrimSpace(item.Value), item.Line); err != nil {
			return err
		}
	}
	s.Y = strings.Join(texts, ", ")
	return nil
}

// MaxMeasures caps the values of y: beyond, a chart is a table.
const MaxMeasures = 8

func (s *Spec) addMeasure(val string, line int) error {
	if len(s.Measures) == MaxMeasures {
		return blockErr(line, "y", "« y » a plus de %d valeurs : gardez les plus utiles", MaxMeasures)
	}
	a, ok, err := query.ParseAggregate(val)
	if err != nil {
		return blockErr(line, "y", "%s", queryMsg(err))
	}
	m := Measure{Text: val}
	if ok {
		m.Agg = &a
	} else {
		m.Text = unquoteColumn(val)
	}
	if len(s.Measures) == 0 {
		s.Agg = m.Agg
		if m.Agg == nil {
			s.Y = m.Text
		}
	}
	s.Measures = append(s.Measures, m)
	return nil
}

// splitTop splits on commas outside parentheses and backquotes.
func splitTop(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i, r := range s {
		switch {
		case r == '`':
			quoted = !quoted
		case quoted:
		case r == '(':
			depth++
		case r == ')':
			depth--
		case r == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// parseWhere parses the filter and locates its errors: « ligne 7, position 12 : … ».
func parseWhere(val string, line int) (query.Expr, error) {
	e, err := query.ParseWhere(val)
	if err == nil {
		return e, nil
	}
	var qe *query.Error
	if errors.As(err, &qe) && qe.Pos > 0 {
		return nil, blockErr(line, "where", "« where », position %d : %s", qe.Pos, qe.Msg)
	}
	return nil, blockErr(line, "where", "« where » : %s", queryMsg(err))
}

// queryMsg is the French message of an error from the query package, without position.
func queryMsg(err error) string {
	var qe *query.Error
	if errors.As(err, &qe) {
		return qe.Msg
	}
	msg, _ := fault.Message(err)
	return msg
}

func parseInt(key, val string, line, lo, hi int) (int, error) {
	n, err := strconv.Atoi(val)
	if err != nil || n < lo || n > hi {
		return 0, blockErr(line, key, "« %s » doit être un nombre entier entre %d et %d (reçu « %s »)", key, lo, hi, val)
	}
	return n, nil
}

func parseBool(key, val string, line int) (bool, error) {
	switch strings.ToLower(val) {
	case "true", "oui", "yes", "vrai":
		return true, nil
	case "false", "non", "no", "faux":
		return false, nil
	}
	return false, blockErr(line, key, "« %s » vaut true ou false (reçu « %s »)", key, val)
}

// unquoteColumn accepts a column name written in backquotes, as in where.
func unquoteColumn(s string) string {
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		return s[1 : len(s)-1]
	}
	return s
}
