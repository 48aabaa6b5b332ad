package charts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets"
	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// A map joins a GeoJSON dataset (one row per feature: its properties as columns, its
// geometry as JSON text in the "geometry" column) to the values of a data dataset, on a
// key such as the INSEE code.

// GeometryColumn is the column of a GeoJSON import holding each feature's geometry.
const GeometryColumn = "geometry"

type geoSource struct {
	t    arrow.Table
	meta datasets.Meta
}

// shapes is a geo dataset read for joining: per property, the features' values as text.
type shapes struct {
	props map[string][]string // property → value per feature ("" when missing)
	names []string            // the properties, in table order
	geom  []string            // geometry JSON per feature
}

func readShapes(ctx context.Context, g *geoSource, s *Spec) (*shapes, error) {
	var cols []string
	for _, f := range g.t.Schema().Fields() {
		cols = append(cols, f.Name)
	}
	if !slices.Contains(cols, GeometryColumn) {
		return nil, blockErr(s.Line("geo"), "geo", "« %s » n'est pas un jeu de données GeoJSON : il n'a pas de colonne %s (importez un fichier .geojson)", s.Geo, GeometryColumn)
	}
	res, err := query.Run(ctx, g.t, query.Plan{Columns: cols})
	if err != nil {
		return nil, blockErr(s.Line("geo"), "geo", "%s", queryMsg(err))
	}
	if res.Total > len(res.Rows) {
		return nil, blockErr(s.Line("geo"), "geo", "« %s » a %s formes : une carte en dessine %s au plus ; importez un découpage plus petit (un département, une commune)",
			s.Geo, localfmt.Decimal("fr", float64(res.Total), 0), localfmt.Decimal("fr", float64(len(res.Rows)), 0))
	}
	sh := &shapes{props: map[string][]string{}}
	for i, c := range res.Columns {
		if c.Name == GeometryColumn {
			for _, row := range res.Rows {
				sh.geom = append(sh.geom, row[i].Str)
			}
			continue
		}
		sh.names = append(sh.names, c.Name)
		for _, row := range res.Rows {
			v := ""
			if !row[i].Null {
				v = canonKey(row[i])
			}
			sh.props[c.Name] = append(sh.props[c.Name], v)
		}
	}
	return sh, nil
}

// canonKey writes a key so that a code read as a number and the same code read as text
// meet: 13056 and "13056", 1009 and "01009".
func canonKey(v query.Value) string {
	s := v.String()
	if v.Kind == query.Text {
		s = v.Str
	}
	if t := strings.TrimLeft(s, "0"); t != "" && strings.Trim(t, "0123456789") == "" {
		return t
	}
	return s
}

// joinMap runs the query grouped by key and lays the values out on the shapes.
func (s *Spec) joinMap(ctx context.Context, tbl arrow.Table, g *geoSource) (*shaped, *MapData, error) {
	sh, err := readShapes(ctx, g, s)
	if err != nil {
		return nil, nil, err
	}
	candidates := sh.names
	if s.GeoKey != "" {
		if !slices.Contains(sh.names, s.GeoKey) {
			if c := query.Closest(s.GeoKey, sh.names); c != "" {
				return nil, nil, blockErr(s.Line("geokey"), "geokey", "propriété « %s » inconnue dans « %s » — vouliez-vous dire « %s » ?", s.GeoKey, s.Geo, c)
			}
			return nil, nil, blockErr(s.Line("geokey"), "geokey", "propriété « %s » inconnue dans « %s » (propriétés : %s)", s.GeoKey, s.Geo, listNames(sh.names))
		}
		candidates = []string{s.GeoKey}
	}
	values, prop, matched, err := s.bestJoin(ctx, tbl, sh, candidates)
	if err != nil {
		return nil, nil, err
	}
	if matched == 0 {
		return nil, nil, s.noMatch(sh, prop)
	}
	d, fc := s.layShapes(sh, prop, values)
	d.matched = values.matched
	d.rolled = len(values.rolled)
	if d.missed, err = s.unmatched(ctx, tbl, sh.props[prop]); err != nil {
		return nil, nil, err
	}
	return d, &MapData{Name: fmt.Sprintf("%s@%d", s.Geo, g.meta.Version), GeoJSON: fc}, nil
}

// joined is the data side of a join: the value per canonical key.
type joined struct {
	vals    map[string]float64
	matched int64
	rolled  []string // PLM communes given the sum of their arrondissements
}

// bestJoin tries each candidate property and keeps the one matching most shapes.
func (s *Spec) bestJoin(ctx context.Context, tbl arrow.Table, sh *shapes, candidates []string) (joined, string, int, error) {
	var best joined
	bestProp, bestN := "", -1
	for _, prop := range candidates {
		j, err := s.joinOn(ctx, tbl, sh.props[prop])
		if err != nil {
			return joined{}, "", 0, err
		}
		n := 0
		for _, k := range sh.props[prop] {
			if _, ok := j.vals[k]; ok {
				n++
			}
		}
		if n > bestN {
			best, bestProp, bestN = j, prop, n
		}
	}
	return best, bestProp, bestN, nil
}

// keysIn is the filter that keeps the data rows whose key is one of the shapes' keys
// (as text or as a number, with or without its leading zero, or an arrondissement of one).
func (s *Spec) keysIn(tbl arrow.Table, keys []string) *query.In {
	col := tbl.Schema().FieldIndices(s.Key)
	numeric := len(col) == 1 && tbl.Schema().Field(col[0]).Type.ID() != arrow.STRING &&
		tbl.Schema().Field(col[0]).Type.ID() != arrow.LARGE_STRING && tbl.Schema().Field(col[0]).Type.ID() != arrow.DICTIONARY
	in := &query.In{Column: s.Key, ColumnAt: 1}
	for _, k := range slices.Concat(keys, arrondissementsOf(keys)) {
		if k == "" {
			continue
		}
		if !numeric {
			in.Values = append(in.Values, query.Literal{Kind: query.LitString, Text: k}, query.Literal{Kind: query.LitString, Text: "0" + k})
		} else if f, err := strconv.ParseFloat(k, 64); err == nil {
			in.Values = append(in.Values, query.Literal{Kind: query.LitNumber, Num: f, Text: k})
		}
	}
	return in
}

// joinOn aggregates the data for the rows whose key is one of keys.
func (s *Spec) joinOn(ctx context.Context, tbl arrow.Table, keys []string) (joined, error) {
	in := s.keysIn(tbl, keys)
	j := joined{vals: map[string]float64{}}
	if len(in.Values) == 0 {
		return j, nil
	}
	var where query.Expr = in
	if s.Filter != nil {
		where = &query.Logical{L: s.Filter, R: in}
	}
	res, err := query.Run(ctx, tbl, query.Plan{Where: where, GroupBy: []string{s.Key}, Aggregates: []query.Aggregate{*s.Agg}})
	if err != nil {
		return joined{}, s.locate(err)
	}
	if k := res.Columns[1].Kind; !k.Numeric() {
		return joined{}, blockErr(s.Line("y"), "y", "y doit être un nombre, pas du %s", k)
	}
	j.matched = res.Matched
	for _, row := range res.Rows {
		if v, ok := number(row[1]); ok && !row[0].Null {
			j.vals[canonKey(row[0])] += v
		}
	}
	if additive(s.Agg.Func) && s.Agg.Func != query.Share {
		j.rollUp(keys)
	}
	return j, nil
}

// plm are the communes that INSEE also counts by municipal arrondissement (Paris, Lyon,
// Marseille): their code, and the range of their arrondissements' codes. A file may give
// one where the shapes have the other.
var plm = map[string][3]int{"13055": {13201, 13216}, "69123": {69381, 69389}, "75056": {75101, 75120}}

// arrondissementsOf lists the arrondissement codes of the PLM communes among keys.
func arrondissementsOf(keys []string) []string {
	var out []string
	for _, k := range keys {
		if r, ok := plm[k]; ok {
			for c := r[0]; c <= r[1]; c++ {
				out = append(out, strconv.Itoa(c))
			}
		}
	}
	return out
}

// rollUp gives a PLM commune without a value of its own the sum of its arrondissements.
func (j *joined) rollUp(keys []string) {
	for _, k := range keys {
		r, ok := plm[k]
		if _, has := j.vals[k]; !ok || has {
			continue
		}
		sum, n := 0.0, 0
		for c := r[0]; c <= r[1]; c++ {
			if v, ok := j.vals[strconv.Itoa(c)]; ok {
				sum, n = sum+v, n+1
			}
		}
		if n > 0 {
			j.vals[k] = sum
			j.rolled = append(j.rolled, k)
		}
	}
}

// noMatch is the French error of a join where no shape found a value.
func (s *Spec) noMatch(sh *shapes, prop string) error {
	if s.GeoKey != "" {
		return blockErr(s.Line("geokey"), "geokey", "aucune valeur de « %s » (%s) ne correspond à la propriété « %s » de « %s » : 0 forme sur %d a trouvé sa valeur ; vérifiez key et geokey",
			s.Key, s.Data, prop, s.Geo, len(sh.geom))
	}
	return blockErr(s.Line("key"), "key", "aucune valeur de « %s » (%s) ne correspond à une propriété de « %s » (%s) : 0 forme sur %d a trouvé sa valeur ; vérifiez key, ou indiquez geokey",
		s.Key, s.Data, s.Geo, listNames(sh.names), len(sh.geom))
}
