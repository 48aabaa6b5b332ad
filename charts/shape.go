package charts

import (
	"math"
	"slices"

	"atelier/datasets/query"
)

// plan turns the spec into a query. Series and "others" need every group, to pivot and to
// add up the rest; otherwise the engine applies the limit itself.
func (s *Spec) plan() query.Plan {
	p := query.Plan{Where: s.Filter}
	yCol := 1
	if s.Series != "" {
		yCol = 2
	}
	if s.Agg != nil {
		p.GroupBy = []string{s.X}
		if s.Series != "" {
			p.GroupBy = append(p.GroupBy, s.Series)
		}
		p.Aggregates = []query.Aggregate{*s.Agg}
	} else {
		p.Columns = []string{s.X}
		if s.Series != "" {
			p.Columns = append(p.Columns, s.Series)
		}
		p.Columns = append(p.Columns, s.Y)
	}
	switch s.sortKey() {
	case "y":
		p.Sort = []query.Order{{Column: yCol}}
	case "-y":
		p.Sort = []query.Order{{Column: yCol, Desc: true}}
	case "-x":
		p.Sort = []query.Order{{Column: 0, Desc: true}}
	case "x":
		p.Sort = []query.Order{{Column: 0}}
	}
	if s.Series == "" && s.Others == "" {
		p.Limit = MaxCategories + 1
		if s.Limit > 0 {
			p.Limit = s.Limit
		}
	}
	return p
}

// sortKey is the sort asked for, or the default: top-N and pies biggest first, else by x.
func (s *Spec) sortKey() string {
	switch {
	case s.Sort != "":
		return s.Sort
	case s.Type == "pie" || (s.Limit > 0 && s.Type == "bar"):
		return "-y"
	case s.Agg == nil && s.Type == "line":
		return "x"
	}
	return "" // groups come in key order; projected rows in table order
}

// series is one coloured series of a chart; vals[i] is meaningful only where ok[i].
type series struct {
	name string
	vals []float64
	ok   []bool
}

// shaped is the result laid out for drawing: categories along x, one or more series.
type shaped struct {
	cats    []string
	series  []series
	total   int   // categories before the limit or the cap
	capped  bool  // categories beyond MaxCategories were dropped
	others  bool  // the last category groups the rest
	matched int64 // table rows that passed the filter
}

func (d *shaped) values() []float64 {
	var out []float64
	for _, s := range d.series {
		for i, v := range s.vals {
			if s.ok[i] {
				out = append(out, v)
			}
		}
	}
	return out
}

// shape pivots the query result into categories and series.
func (s *Spec) shape(res *query.Result) (*shaped, error) {
	yc := len(res.Columns) - 1
	if k := res.Columns[yc].Kind; !k.Numeric() {
		return nil, blockErr(s.Line("y"), "y", "la colonne « %s » est de type %s : y doit être un nombre, ou count() pour compter les lignes", res.Columns[yc].Name, k)
	}
	d := &shaped{matched: res.Matched, total: res.Total}
	if s.Series == "" {
		sr := series{name: s.measure()}
		for _, row := range res.Rows {
			d.cats = append(d.cats, Label(row[0]))
			v, ok := number(row[yc])
			sr.vals, sr.ok = append(sr.vals, v), append(sr.ok, ok)
		}
		d.series = []series{sr}
	} else if err := s.pivot(d, res); err != nil {
		return nil, err
	}
	s.cut(d)
	return d, nil
}

// pivot spreads rows (x, series, y) into one series per value of the series column.
func (s *Spec) pivot(d *shaped, res *query.Result) error {
	catIndex, serIndex := map[string]int{}, map[string]int{}
	var serVals []query.Value
	for _, row := range res.Rows {
		if _, ok := serIndex[Label(row[1])]; !ok {
			serIndex[Label(row[1])] = len(serVals)
			serVals = append(serVals, row[1])
		}
		if _, ok := catIndex[Label(row[0])]; !ok {
			catIndex[Label(row[0])] = len(d.cats)
			d.cats = append(d.cats, Label(row[0]))
		}
	}
	if len(serVals) > MaxSeries {
		return blockErr(s.Line("series"), "series", "« %s » a %d valeurs : une série par valeur, c'est %d au plus ; choisissez une colonne avec moins de valeurs ou filtrez avec « where »", s.Series, len(serVals), MaxSeries)
	}
	text := query.FrenchOrder()
	slices.SortStableFunc(serVals, func(a, b query.Value) int { return query.Compare(a, b, text) })
	for _, v := range serVals {
		d.series = append(d.series, series{name: Label(v), vals: make([]float64, len(d.cats)), ok: make([]bool, len(d.cats))})
	}
	order := map[string]int{}
	for i, sr := range d.series {
		order[sr.name] = i
	}
	for _, row := range res.Rows {
		sr := &d.series[order[Label(row[1])]]
		i := catIndex[Label(row[0])]
		sr.vals[i], sr.ok[i] = number(row[len(row)-1])
	}
	d.total = len(d.cats)
	if k := s.sortKey(); k == "y" || k == "-y" {
		d.sortByTotal(k == "-y")
	}
	return nil
}

// sortByTotal orders categories by their sum over the series.
func (d *shaped) sortByTotal(desc bool) {
	idx := make([]int, len(d.cats))
	tot := make([]float64, len(d.cats))
	for i := range idx {
		idx[i] = i
		for _, sr := range d.series {
			if sr.ok[i] {
				tot[i] += sr.vals[i]
			}
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if desc {
			a, b = b, a
		}
		switch {
		case tot[a] < tot[b]:
			return -1
		case tot[a] > tot[b]:
			return 1
		}
		return 0
	})
	d.reorder(idx)
}

// reorder keeps the categories idx, in that order.
func (d *shaped) reorder(idx []int) {
	cats := make([]string, len(idx))
	for j, i := range idx {
		cats[j] = d.cats[i]
	}
	d.cats = cats
	for k := range d.series {
		sr := &d.series[k]
		vals, ok := make([]float64, len(idx)), make([]bool, len(idx))
		for j, i := range idx {
			vals[j], ok[j] = sr.vals[i], sr.ok[i]
		}
		sr.vals, sr.ok = vals, ok
	}
}

// cut applies the limit, the "others" group and the category cap.
func (s *Spec) cut(d *shaped) {
	keep := len(d.cats)
	if s.Limit > 0 {
		keep = min(keep, s.Limit)
	}
	if keep > MaxCategories {
		keep, d.capped = MaxCategories, true
	}
	if keep == len(d.cats) {
		return
	}
	rest := make([]float64, len(d.series))
	for k, sr := range d.series {
		for i := keep; i < len(sr.vals); i++ {
			if sr.ok[i] {
				rest[k] += sr.vals[i]
			}
		}
	}
	idx := make([]int, keep)
	for i := range idx {
		idx[i] = i
	}
	d.reorder(idx)
	if s.Others != "" {
		d.others = true
		d.cats = append(d.cats, s.Others)
		for k := range d.series {
			d.series[k].vals = append(d.series[k].vals, rest[k])
			d.series[k].ok = append(d.series[k].ok, true)
		}
	}
}

// number is a value to draw: NaN and infinities count as missing, JSON has no room for them.
func number(v query.Value) (float64, bool) {
	f, ok := v.Number()
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
