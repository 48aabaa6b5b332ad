package charts

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"atelier/datasets"
	"atelier/datasets/query"
	"atelier/internal/fault"
)

// MaxBlockLen bounds a chart block's source; real blocks are a dozen short lines.
const MaxBlockLen = 8 << 10

// Spec is a parsed and checked chart block. Columns are checked later, by Build, against
// the dataset's schema.
type Spec struct {
	Type       string        // bar, line or pie
	Data       datasets.Name // the dataset
	Version    int           // 0 means the latest; name@3 pins version 3
	Title      string
	X          string           // category column
	Y          string           // as written: count(), sum(c)… or a column
	Agg        *query.Aggregate // Y as an aggregate; nil when Y is a bare column
	Series     string           // optional: one series per value of this column
	Where      string           // as written
	Filter     query.Expr       // Where, parsed; nil when there is none
	Sort       string           // "", y, -y, x or -x
	Limit      int              // 0: no limit (the category cap still applies)
	Others     string           // label of the group of categories beyond Limit
	Unit       string           // e.g. "habitants"
	Format     string           // "", "percent" or "currency"
	Height     int              // pixels; 0 means the default
	Horizontal bool             // bars along the x axis
	Stack      bool             // series stacked

	lines map[string]int // key → line in the block
}

// Line reports the line in the block where key was given, or 0.
func (s *Spec) Line(key string) int { return s.lines[key] }

// keys lists the block keys this version reads; the order is the one of the docs.
var keys = []string{"type", "data", "title", "x", "y", "series", "where", "sort", "limit", "others", "stack", "horizontal", "unit", "format", "height"}

// Types are the chart types this version draws; later ones are named to say "not yet".
var (
	Types      = []string{"bar", "line", "pie"}
	laterTypes = []string{"area", "donut", "scatter", "heatmap", "treemap", "map", "table", "number"}
	laterKeys  = []string{"geo", "key", "geokey"}
)

var (
	yamlLine = regexp.MustCompile(`line (\d+)`)
	keyLine  = regexp.MustCompile(`^([ \t]*[\p{L}_][\p{L}\p{N}_-]*[ \t]*:[ \t]+)(.*?)[ \t\r]*$`)
	comment  = regexp.MustCompile(`[ \t]#`)
)

// quoteReserved single-quotes the plain values YAML would misread, so that a facilitator
// writes a block as they would write a sentence:
//   - a value starting with ` @ or %, which YAML reserves: a where clause starts with a
//     `column name`, and a column may be called « % Votants »;
//   - a value holding « : » followed by a space, as French typography puts in every title
//     (« Martigues, municipales 2014 : voix par liste »), which YAML takes for a new key.
//
// A trailing « # comment » stays a comment. Lines stay where they are, so error lines still
// match the block.
func quoteReserved(src string) string {
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		m := keyLine.FindStringSubmatch(line)
		if m == nil || m[2] == "" || strings.ContainsAny(m[2][:1], `"'[{|>&*!#`) {
			continue
		}
		value, rest := m[2], ""
		if loc := comment.FindStringIndex(value); loc != nil {
			value, rest = strings.TrimRight(value[:loc[0]], " \t"), value[loc[0]:]
		}
		if strings.ContainsAny(value[:1], "`@%") || strings.Contains(value, ": ") || strings.HasSuffix(value, ":") {
			lines[i] = m[1] + "'" + strings.ReplaceAll(value, "'", "''") + "'" + rest
		}
	}
	return strings.Join(lines, "\n")
}

// Parse parses a chart block's YAML source. Errors are *fault.Error (kind Invalid), French,
// naming the line in the block and the key.
func Parse(src string) (*Spec, error) {
	if len(src) > MaxBlockLen {
		return nil, blockErr(0, "", "bloc de graphique trop long (%d octets, %d au plus)", len(src), MaxBlockLen)
	}
	if !utf8.ValidString(src) {
		return nil, blockErr(0, "", "le bloc contient des caractères illisibles (il doit être en UTF-8)")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(quoteReserved(src)), &doc); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		if strings.Contains(err.Error(), "cannot start any token") {
			return nil, blockErr(line, "", "une valeur ne peut pas commencer par %%, @ ou ` : mettez-la entre guillemets, par exemple y: \"%% Votants\"")
		}
		return nil, blockErr(line, "", "le bloc n'est pas lisible : écrivez une clé par ligne, sous la forme « clé: valeur »")
	}
	if len(doc.Content) == 0 {
		return nil, blockErr(0, "", "bloc de graphique vide : indiquez au moins type, data, x et y")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, blockErr(root.Line, "", "le bloc doit être une liste de clés, une par ligne, sous la forme « clé: valeur »")
	}
	s := &Spec{lines: map[string]int{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if err := s.set(root.Content[i], root.Content[i+1]); err != nil {
			return nil, err
		}
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// set reads one key: value pair of the block.
func (s *Spec) set(k, v *yaml.Node) error {
	if k.Kind != yaml.ScalarNode {
		return blockErr(k.Line, "", "une clé doit être un simple mot, comme « type » ou « data »")
	}
	key := k.Value
	if prev, dup := s.lines[key]; dup {
		return blockErr(k.Line, key, "clé « %s » en double (déjà donnée ligne %d)", key, prev)
	}
	if !contains(keys, key) {
		return unknownKey(k.Line, key)
	}
	s.lines[key] = k.Line
	if v.Kind != yaml.ScalarNode {
		return blockErr(v.Line, key, "« %s » attend une seule valeur sur la ligne, pas une liste ni des sous-clés", key)
	}
	val := strings.TrimSpace(v.Value)
	if v.Tag == "!!null" || val == "" {
		return blockErr(k.Line, key, "« %s » est vide : donnez-lui une valeur ou retirez la ligne", key)
	}
	return s.setValue(key, val, k.Line)
}

func unknownKey(line int, key string) error {
	if contains(laterKeys, key) {
		return blockErr(line, key, "clé « %s » pas encore prise en charge (clés : %s)", key, strings.Join(keys, ", "))
	}
	if c := query.Closest(key, keys); c != "" {
		return blockErr(line, key, "clé « %s » inconnue — vouliez-vous dire « %s » ?", key, c)
	}
	return blockErr(line, key, "clé « %s » inconnue (clés : %s)", key, strings.Join(keys, ", "))
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// setValue checks and stores the value of a known key.
func (s *Spec) setValue(key, val string, line int) error {
	var err error
	switch key {
	case "type":
		s.Type, err = parseType(val, line)
	case "data":
		s.Data, s.Version, err = parseData(val, line)
	case "title":
		s.Title = val
	case "x":
		s.X = unquoteColumn(val)
	case "series":
		s.Series = unquoteColumn(val)
	case "y":
		s.Y = val
		err = s.parseY(val, line)
	case "where":
		s.Where = val
		s.Filter, err = parseWhere(val, line)
	case "sort":
		s.Sort = val
		if !contains([]string{"y", "-y", "x", "-x"}, val) {
			err = blockErr(line, key, "« sort » vaut y, -y, x ou -x (reçu « %s ») : -y trie du plus grand au plus petit", val)
		}
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
		if val != "percent" && val != "number" && val != "currency" {
			err = blockErr(line, key, "« format » vaut percent, number ou currency (reçu « %s »)", val)
		}
	case "horizontal", "stack":
		var b bool
		b, err = parseBool(key, val, line)
		if key == "stack" {
			s.Stack = b
		} else {
			s.Horizontal = b
		}
	}
	return err
}

func parseType(val string, line int) (string, error) {
	switch {
	case contains(Types, val):
		return val, nil
	case contains(laterTypes, val):
		return "", blockErr(line, "type", "type « %s » pas encore pris en charge (types : %s)", val, strings.Join(Types, ", "))
	}
	if c := query.Closest(val, slices.Concat(Types, laterTypes)); c != "" && contains(Types, c) {
		return "", blockErr(line, "type", "type « %s » inconnu — vouliez-vous dire « %s » ?", val, c)
	}
	return "", blockErr(line, "type", "type « %s » inconnu (types : %s)", val, strings.Join(Types, ", "))
}

// parseData reads "name" or "name@3".
func parseData(val string, line int) (datasets.Name, int, error) {
	name, ver, pinned := strings.Cut(val, "@")
	n, err := datasets.ParseName(name)
	if err != nil {
		msg, _ := fault.Message(err)
		return "", 0, blockErr(line, "data", "%s", msg)
	}
	if !pinned {
		return n, 0, nil
	}
	v, err := strconv.Atoi(ver)
	if err != nil || v < 1 {
		return "", 0, blockErr(line, "data", "version « %s » invalide : écrivez par exemple %s@3", ver, name)
	}
	return n, v, nil
}

func (s *Spec) parseY(val string, line int) error {
	a, ok, err := query.ParseAggregate(val)
	if err != nil {
		return blockErr(line, "y", "%s", queryMsg(err))
	}
	if ok {
		s.Agg = &a
	} else {
		s.Y = unquoteColumn(val)
	}
	return nil
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
	case "true", "oui", "yes":
		return true, nil
	case "false", "non", "no":
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
