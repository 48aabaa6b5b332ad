package charts

import (
	"encoding/json"
	"slices"
	"strings"

	"atelier/datasets/query"
)

// labelNames are the properties that name a shape, in order of preference.
var labelNames = []string{"nom", "name", "libelle", "libgeo", "nom_commune", "nom_com", "label"}

// labelProperty picks the property that names shapes for people: a known name such as
// « nom », else none (shapes are then named by their key).
func labelProperty(sh *shapes, key string) string {
	for _, want := range labelNames {
		for _, p := range sh.names {
			if p != key && strings.EqualFold(p, want) {
				return p
			}
		}
	}
	return ""
}

// layShapes names each shape, gives it its value, and builds the FeatureCollection whose
// features' "name" property is that label, as ECharts' map series expects. Two shapes with
// the same label are told apart by their key.
func (s *Spec) layShapes(sh *shapes, prop string, j joined) (*shaped, json.RawMessage) {
	lp := labelProperty(sh, prop)
	keys := sh.props[prop]
	names := make([]string, len(keys))
	seen := map[string]int{}
	for i, k := range keys {
		names[i] = k
		if lp != "" && sh.props[lp][i] != "" {
			names[i] = sh.props[lp][i]
		}
		seen[names[i]]++
	}
	d := &shaped{xName: prop, series: []series{{name: s.measureName(s.Measures[0]), agg: s.Agg}}}
	if lp != "" {
		d.xName = lp
	}
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   json.RawMessage   `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for i, k := range keys {
		if seen[names[i]] > 1 {
			names[i] += " (" + k + ")"
		}
		if i >= len(sh.geom) || !json.Valid([]byte(sh.geom[i])) || sh.geom[i] == "null" {
			continue // a feature without a shape has nothing to draw
		}
		g := json.RawMessage(sh.geom[i])
		fc.Features = append(fc.Features, feature{Type: "Feature", Properties: map[string]string{"name": names[i]}, Geometry: g})
		v, ok := j.vals[k]
		d.cats = append(d.cats, names[i])
		d.keys = append(d.keys, query.Value{Kind: query.Text, Str: k})
		d.series[0].vals = append(d.series[0].vals, v)
		d.series[0].ok = append(d.series[0].ok, ok)
	}
	d.total = len(d.cats)
	d.sortMap(s.Sort)
	raw, _ := json.Marshal(fc) // strings and valid raw JSON only: cannot fail
	return d, raw
}

// sortMap orders a map's table: largest value first unless sort says otherwise, shapes
// without a value last.
func (d *shaped) sortMap(sort string) {
	idx := make([]int, len(d.cats))
	for i := range idx {
		idx[i] = i
	}
	sr := d.series[0]
	text := query.FrenchOrder()
	slices.SortStableFunc(idx, func(a, b int) int {
		if sr.ok[a] != sr.ok[b] {
			if sr.ok[a] {
				return -1
			}
			return 1
		}
		c := 0
		switch sort {
		case "x", "-x":
			c = text(d.cats[a], d.cats[b])
		default:
			c = cmpF(sr.vals[a], sr.vals[b])
		}
		if sort == "" || sort == "-y" || sort == "-x" {
			c = -c
		}
		return c
	})
	d.reorder(idx)
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// shapesWithValue counts the shapes that found a value.
func (d *shaped) shapesWithValue() int {
	n := 0
	for _, ok := range d.series[0].ok {
		if ok {
			n++
		}
	}
	return n
}
