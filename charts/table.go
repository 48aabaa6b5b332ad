package charts

import (
	"strconv"

	"atelier/datasets/query"
)

// Table is a chart's data as formatted text, one row per category. It is what « Voir les
// données » shows, and the chart itself for type: table.
type Table struct {
	Columns []string
	Numeric []bool // per column: right-align it
	Rows    [][]string
	// Raw holds the same cells as plain machine values, for sorting and for the CSV
	// download: numbers with a decimal point and no separator, dates as yyyy-mm-dd, ""
	// for a missing value.
	Raw [][]string
}

// table lays the data out as rows of formatted text; the unit goes in the headers, once.
func (d *shaped) table(s *Spec, f Format) Table {
	t := Table{}
	hasX := s.X != "" || s.Type == "map"
	if hasX {
		x := s.keyWords(s.X)
		if d.xName != "" {
			x = d.xName
		}
		t.Columns, t.Numeric = []string{x}, []bool{false}
	}
	unit := ""
	if f.Unit != "" {
		unit = " (" + f.Unit + ")"
	}
	if f.Kind == "currency" {
		unit = " (€)"
	}
	cell := Format{Kind: "number", Decimals: f.Decimals} // the unit is in the header
	if f.Kind == "percent" {
		cell.Kind = "percent"
	}
	for _, sr := range d.series {
		name := sr.name
		if s.Series == "" {
			name = capitalize(name)
		}
		t.Columns = append(t.Columns, name+unit)
		t.Numeric = append(t.Numeric, true)
	}
	for i, c := range d.cats {
		var row, raw []string
		if hasX {
			row, raw = []string{c}, []string{rawCategory(d, i)}
		}
		for _, sr := range d.series {
			v, r := Empty, ""
			if sr.ok[i] {
				v, r = cell.Value(sr.vals[i]), strconv.FormatFloat(sr.vals[i], 'f', -1, 64)
			}
			row, raw = append(row, v), append(raw, r)
		}
		t.Rows, t.Raw = append(t.Rows, row), append(t.Raw, raw)
	}
	return t
}

// rawCategory is category i as a machine value.
func rawCategory(d *shaped, i int) string {
	if i >= len(d.keys) {
		return d.cats[i] // the "others" group
	}
	v := d.keys[i]
	switch {
	case v.Null:
		return ""
	case v.Kind == query.Float:
		return strconv.FormatFloat(v.Float, 'f', -1, 64)
	case v.Kind == query.Text:
		return v.Str
	}
	return v.String()
}
