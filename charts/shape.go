package charts

import (
	"math"
	"slices"

	"atelier/datasets/query"
)

// series is one coloured series of a chart; vals[i] is meaningful only where ok[i].
type series struct {
	name string
	agg  *query.Aggregate // the measure it shows; nil for a bare column
	vals []float64
	ok   []bool
	// sums and counts, for a mean with an "others" group: the mean of the rest is their
	// sum over their count, not a mean of means.
	sums, counts []float64
}

// add appends one category's value, and its weight when w names the hidden columns.
func (sr *series) add(row []query.Value, col int, w [2]int) {
	v, ok := number(row[col])
	sr.vals, sr.ok = append(sr.vals, v), append(sr.ok, ok)
	if w[0] >= 0 {
		sum, _ := number(row[w[0]])
		n, _ := number(row[w[1]])
		sr.sums, sr.counts = append(sr.sums, sum), append(sr.counts, n)
	}
}

// shaped is the result laid out for drawing: categories along x, one or more series.
type shaped struct {
	cats    []string
	keys    []query.Value // the category values, for time axes
	xName   string        // the category column's header when it is not x (maps)
	rolled  int           // maps: shapes of Paris, Lyon or Marseille given their arrondissements' sum
	xKind   query.Kind
	series  []series
	total   int    // categories before the limit or the cap
	capped  bool   // categories beyond MaxCategories were dropped
	missed  missed // maps: data rows whose key found no shape
	others  bool   // the last category groups the rest
	matched int64  // table rows that passed the filter
	rows    int64  // table rows
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

// shape lays the query result out as categories and series.
func (s *Spec) shape(res *query.Result) (*shaped, error) {
	nk := s.keyCount()
	for i, m := range s.Measures {
		c := res.Columns[nk+i]
		if !c.Kind.Numeric() {
			return nil, blockErr(s.Line("y"), "y", "la colonne « %s » est de type %s : y doit être un nombre, ou count() pour compter les lignes", m.Column(), c.Kind)
		}
	}
	d := &shaped{matched: res.Matched, total: res.Total}
	if s.X != "" {
		d.xKind = res.Columns[0].Kind
	}
	if s.Series != "" {
		if err := s.pivot(d, res); err != nil {
			return nil, err
		}
	} else {
		s.spread(d, res)
	}
	s.cut(d)
	if s.Percent {
		d.toPercent()
	}
	if s.Cumulative {
		d.accumulate()
	}
	return d, nil
}

// spread makes one series per measure, one category per row.
func (s *Spec) spread(d *shaped, res *query.Result) {
	for _, m := range s.Measures {
		d.series = append(d.series, series{name: s.measureName(m), agg: m.Agg})
	}
	nk, w := s.keyCount(), s.weightColumns()
	for _, row := range res.Rows {
		if nk > 0 {
			d.cats = append(d.cats, s.label(row[0]))
			d.keys = append(d.keys, row[0])
		} else {
			d.cats = append(d.cats, "")
		}
		for i := range d.series {
			d.series[i].add(row, nk+i, w[i])
		}
	}
}

// pivot spreads rows (x, series, y) into one series per value of the series column.
func (s *Spec) pivot(d *shaped, res *query.Result) error {
	catIndex, serIndex := map[string]int{}, map[string]int{}
	var serVals []query.Value
	for _, row := range res.Rows {
		if _, ok := serIndex[bucketLabel(s.Series, row[1])]; !ok {
			serIndex[bucketLabel(s.Series, row[1])] = len(serVals)
			serVals = append(serVals, row[1])
		}
		if _, ok := catIndex[Label(row[0])]; !ok {
			catIndex[Label(row[0])] = len(d.cats)
			d.cats = append(d.cats, s.label(row[0]))
			d.keys = append(d.keys, row[0])
		}
	}
	maxSeries := MaxSeries
	if s.Type == "heatmap" || s.Type == "table" {
		maxSeries = MaxCategories / 5
	}
	if len(serVals) > maxSeries {
		return blockErr(s.Line("series"), "series", "« %s » a %d valeurs : une série par valeur, c'est %d au plus ; choisissez une colonne avec moins de valeurs ou filtrez avec « where »", s.Series, len(serVals), maxSeries)
	}
	text := query.FrenchOrder()
	slices.SortStableFunc(serVals, func(a, b query.Value) int { return query.Compare(a, b, text) })
	order, n := map[string]int{}, len(d.cats)
	w := s.weightColumns()[0]
	for i, v := range serVals {
		sr := series{name: bucketLabel(s.Series, v), agg: s.Agg, vals: make([]float64, n), ok: make([]bool, n)}
		if w[0] >= 0 {
			sr.sums, sr.counts = make([]float64, n), make([]float64, n)
		}
		d.series = append(d.series, sr)
		order[bucketLabel(s.Series, v)] = i
	}
	for _, row := range res.Rows {
		sr := &d.series[order[bucketLabel(s.Series, row[1])]]
		i := catIndex[Label(row[0])]
		sr.vals[i], sr.ok[i] = number(row[2])
		if w[0] >= 0 {
			sr.sums[i], _ = number(row[w[0]])
			sr.counts[i], _ = number(row[w[1]])
		}
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
	var keys []query.Value
	for j, i := range idx {
		cats[j] = d.cats[i]
		if i < len(d.keys) {
			keys = append(keys, d.keys[i])
		}
	}
	d.cats, d.keys = cats, keys
	for k := range d.series {
		sr := &d.series[k]
		vals, ok := make([]float64, len(idx)), make([]bool, len(idx))
		for j, i := range idx {
			vals[j], ok[j] = sr.vals[i], sr.ok[i]
		}
		sr.vals, sr.ok = vals, ok
		if sr.sums != nil {
			sums, counts := make([]float64, len(idx)), make([]float64, len(idx))
			for j, i := range idx {
				sums[j], counts[j] = sr.sums[i], sr.counts[i]
			}
			sr.sums, sr.counts = sums, counts
		}
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
	rest := make([]series, len(d.series))
	for k, sr := range d.series {
		rest[k] = series{vals: sr.vals[keep:], ok: sr.ok[keep:], agg: sr.agg}
		if sr.sums != nil {
			rest[k].sums, rest[k].counts = sr.sums[keep:], sr.counts[keep:]
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
			v, ok := rest[k].combine()
			d.series[k].vals = append(d.series[k].vals, v)
			d.series[k].ok = append(d.series[k].ok, ok)
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
