package charts

import (
	"fmt"
	"hash"
	"sort"

	"atelier/datasets"
	"atelier/datasets/query"
)

// People read column labels, never raw column names: « somme de Population 2021 par
// Commune », not « somme de p21_pop par libgeo ». The block keeps using names; labels come
// from the dataset's recipe (datasets.ColumnLabel) and only change what is written.
type columnLabels struct {
	label map[string]string
	unit  map[string]string
}

// withLabels is a copy of s that writes the labels of meta's columns.
func (s *Spec) withLabels(meta datasets.Meta) *Spec {
	cp := *s
	cp.cols = columnLabels{label: map[string]string{}, unit: map[string]string{}}
	for _, c := range meta.Columns {
		if c.Label != "" {
			cp.cols.label[c.Name] = c.Label
		}
		if c.Unit != "" {
			cp.cols.unit[c.Name] = c.Unit
		}
	}
	if cp.Unit == "" && cp.Format == "" && len(cp.Measures) > 0 {
		cp.Unit = cp.measureUnit(cp.Measures[0])
	}
	return &cp
}

// colName is what people read for a column: its label, else its name.
func (s *Spec) colName(c string) string {
	if l, ok := s.cols.label[c]; ok {
		return l
	}
	return c
}

// measureUnit is the unit of a measure's values: a sum or a mean of euros is in euros; a
// count or a share is not in the column's unit.
func (s *Spec) measureUnit(m Measure) string {
	if m.Agg == nil {
		return s.cols.unit[m.Text]
	}
	switch m.Agg.Func {
	case query.Sum, query.Mean, query.Median, query.Min, query.Max:
		return s.cols.unit[m.Agg.Column]
	}
	return ""
}

// hashLabels adds the labels of meta to a cache key: relabelling a column makes no new
// version, yet changes what a chart writes.
func hashLabels(h hash.Hash, meta datasets.Meta) {
	var parts []string
	for _, c := range meta.Columns {
		if c.Label != "" || c.Unit != "" {
			parts = append(parts, fmt.Sprintf("%q=%q/%q", c.Name, c.Label, c.Unit))
		}
	}
	sort.Strings(parts)
	fmt.Fprint(h, parts, "\x00")
}
