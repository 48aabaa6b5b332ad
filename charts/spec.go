package charts

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"atelier/datasets"
	"atelier/datasets/query"
)

// MaxBlockLen bounds a chart block's source; real blocks are a dozen short lines.
const MaxBlockLen = 8 << 10

// Spec is a parsed and checked chart block. Columns are checked later, by Build, against
// the dataset's schema.
type Spec struct {
	Type       string        // one of Types
	Data       datasets.Name // the dataset
	Version    int           // 0 means the latest; name@3 pins version 3
	Title      string
	Subtitle   string
	X          string           // category column, or a date bucket such as year(date)
	Y          string           // as written: count(), sum(c)… or a column; several are listed
	Agg        *query.Aggregate // the first y as an aggregate; nil when it is a bare column
	Measures   []Measure        // every y, in order (one for most charts)
	Series     string           // optional: one series per value of this column
	Where      string           // as written
	Filter     query.Expr       // Where, parsed; nil when there is none
	Sort       string           // "", y, -y, x or -x
	Limit      int              // 0: no limit (the category cap still applies)
	Others     string           // label of the group of categories beyond Limit
	Unit       string           // e.g. "habitants"
	Format     string           // "", "number", "percent" or "currency"
	Height     int              // pixels; 0 means the default
	Horizontal bool             // bars along the x axis
	Stack      bool             // series stacked
	Percent    bool             // stack: percent — each category's stack adds up to 100 %
	Cumulative bool             // each value is the running total along x
	Size       string           // scatter: the column giving each point's size
	Label      string           // scatter: the column naming each point
	Geo        datasets.Name    // map: the GeoJSON dataset
	GeoVersion int              // map: 0 means the latest
	Key        string           // map: the column of Data matched to the shapes
	GeoKey     string           // map: the property of Geo matched to Key; "" finds it
	Theme      string           // "", clair, sombre, projecteur or impression
	Decal      bool             // patterns on top of colours, for colour-blind readers and print

	lines map[string]int // key → line in the block
	cols  columnLabels   // the data's column labels, set by Build (see withLabels)
}

// Measure is one y value: an aggregate, or a bare column.
type Measure struct {
	Text string           // as written
	Agg  *query.Aggregate // nil for a bare column
}

// Column is the column a measure reads ("" for count()).
func (m Measure) Column() string {
	if m.Agg != nil {
		return m.Agg.Column
	}
	return m.Text
}

// Line reports the line in the block where key was given, or 0.
func (s *Spec) Line(key string) int { return s.lines[key] }

// keys lists the block keys; the order is the one of the docs.
var keys = []string{"type", "data", "title", "subtitle", "x", "y", "series", "where", "sort", "limit", "others",
	"stack", "horizontal", "cumulative", "size", "label", "geo", "key", "geokey", "unit", "format", "theme", "decal", "height"}

// Types are the chart types.
var Types = []string{"bar", "line", "area", "pie", "donut", "scatter", "heatmap", "treemap", "map", "table", "number"}

// Themes are the looks a chart can ask for; the page's script applies their colours.
var Themes = []string{"clair", "sombre", "projecteur", "impression"}

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
	if key == "y" && v.Kind == yaml.SequenceNode {
		return s.parseYList(v, k.Line)
	}
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
	if c := query.Closest(key, keys); c != "" {
		return blockErr(line, key, "clé « %s » inconnue — vouliez-vous dire « %s » ?", key, c)
	}
	return blockErr(line, key, "clé « %s » inconnue (clés : %s)", key, strings.Join(keys, ", "))
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
