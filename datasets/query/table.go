package query

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// morselRows is how many rows a worker takes at a time: big enough to amortise per-morsel
// set-up, small enough for scratch buffers to stay in cache and for two cores to share work.
const morselRows = 1 << 16

// source is the table as the engine sees it: names, kinds, and aligned row ranges.
type source struct {
	t     arrow.Table
	names []string
	kinds []Kind
	ok    []bool // whether the engine reads this column's type
}

func newSource(t arrow.Table) *source {
	s := &source{t: t}
	for _, f := range t.Schema().Fields() {
		k, ok := kindOf(f.Type)
		s.names = append(s.names, f.Name)
		s.kinds = append(s.kinds, k)
		s.ok = append(s.ok, ok)
	}
	return s
}

// kindOf maps the Arrow types atelier stores to engine kinds.
func kindOf(dt arrow.DataType) (Kind, bool) {
	switch dt.ID() {
	case arrow.STRING, arrow.LARGE_STRING:
		return Text, true
	case arrow.DICTIONARY:
		v := dt.(*arrow.DictionaryType).ValueType.ID()
		return Text, v == arrow.STRING || v == arrow.LARGE_STRING
	case arrow.INT64, arrow.INT32:
		return Int, true
	case arrow.FLOAT64:
		return Float, true
	case arrow.DATE32:
		return Date, true
	case arrow.TIMESTAMP:
		return Time, true
	case arrow.BOOL:
		return Bool, true
	}
	return Text, false
}

// column finds a column by name: exactly, else case-insensitively when that is unambiguous.
func (s *source) column(name string, pos int) (int, error) {
	for i, n := range s.names {
		if n == name {
			return s.usable(i, pos)
		}
	}
	found := -1
	for i, n := range s.names {
		if string(fold(n)) == string(fold(name)) {
			if found >= 0 {
				found = -2
				break
			}
			found = i
		}
	}
	if found >= 0 {
		return s.usable(found, pos)
	}
	return -1, unknownColumn(pos, name, s.names)
}

func (s *source) usable(i, pos int) (int, error) {
	if !s.ok[i] {
		return -1, errAt(pos, "la colonne « %s » est de type %s, que les graphiques ne savent pas lire", s.names[i], s.t.Schema().Field(i).Type)
	}
	return i, nil
}

// slot is where one column's rows of a morsel live: rows lo..lo+n of arr.
type slot struct {
	arr arrow.Array
	lo  int
}

// morsel is a range of rows that lies within one chunk of every column used.
type morsel struct {
	n    int
	cols []slot // indexed by table column; zero for columns the plan does not use
}

// morsels cuts the table into aligned ranges: columns of a table need not share chunk
// boundaries, so a morsel ends at the nearest boundary of any column used.
func (s *source) morsels(used []int) []morsel {
	total := int(s.t.NumRows())
	type cursor struct {
		chunks []arrow.Array
		ci     int
		start  int
	}
	cur := make([]cursor, len(used))
	for k, c := range used {
		cur[k].chunks = s.t.Column(c).Data().Chunks()
	}
	var out []morsel
	for p := 0; p < total; {
		end := min(total, p+morselRows)
		for k := range cur {
			cu := &cur[k]
			for cu.ci < len(cu.chunks) && cu.start+cu.chunks[cu.ci].Len() <= p {
				cu.start += cu.chunks[cu.ci].Len()
				cu.ci++
			}
			end = min(end, cu.start+cu.chunks[cu.ci].Len())
		}
		m := morsel{n: end - p, cols: make([]slot, len(s.names))}
		for k, c := range used {
			m.cols[c] = slot{arr: cur[k].chunks[cur[k].ci], lo: p - cur[k].start}
		}
		out = append(out, m)
		p = end
	}
	return out
}

// valid reports whether row i of the morsel's column c is not null.
func (m *morsel) valid(c, i int) bool {
	sl := m.cols[c]
	return sl.arr.IsValid(sl.lo + i)
}

// hasNulls reports whether the column's chunk under this morsel has any null.
func (m *morsel) hasNulls(c int) bool { return m.cols[c].arr.NullN() > 0 }

// text returns a reader of the morsel's text column c, whatever its encoding.
func (m *morsel) text(c int) func(i int) string {
	sl := m.cols[c]
	switch a := sl.arr.(type) {
	case *array.String:
		return func(i int) string { return a.Value(sl.lo + i) }
	case *array.LargeString:
		return func(i int) string { return a.Value(sl.lo + i) }
	case *array.Dictionary:
		get := dictText(a)
		return func(i int) string { return get(a.GetValueIndex(sl.lo + i)) }
	}
	return func(int) string { return "" }
}

// dictText reads the values of a dictionary of strings.
func dictText(a *array.Dictionary) func(int) string {
	switch d := a.Dictionary().(type) {
	case *array.String:
		return d.Value
	case *array.LargeString:
		return d.Value
	}
	return func(int) string { return "" }
}

// value reads row i of the morsel's column c as a Value.
func (m *morsel) value(c int, k Kind, i int) Value {
	sl := m.cols[c]
	r := sl.lo + i
	if sl.arr.IsNull(r) {
		return Value{Kind: k, Null: true}
	}
	switch a := sl.arr.(type) {
	case *array.Int64:
		return Value{Kind: Int, Int: a.Value(r)}
	case *array.Int32:
		return Value{Kind: Int, Int: int64(a.Value(r))}
	case *array.Float64:
		return Value{Kind: Float, Float: a.Value(r)}
	case *array.Date32:
		return Value{Kind: Date, Time: a.Value(r).ToTime().UTC()}
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return Value{Kind: Time, Time: fromUnit(int64(a.Value(r)), unit)}
	case *array.Boolean:
		return Value{Kind: Bool, Bool: a.Value(r)}
	}
	return Value{Kind: Text, Str: strings.Clone(m.text(c)(i))}
}

// number reads row i of a numeric, date or timestamp column as a float64, for ordering.
func (m *morsel) number(c int) func(i int) float64 {
	sl := m.cols[c]
	switch a := sl.arr.(type) {
	case *array.Int64:
		v := a.Int64Values()[sl.lo:]
		return func(i int) float64 { return float64(v[i]) }
	case *array.Int32:
		v := a.Int32Values()[sl.lo:]
		return func(i int) float64 { return float64(v[i]) }
	case *array.Float64:
		v := a.Float64Values()[sl.lo:]
		return func(i int) float64 { return v[i] }
	case *array.Date32:
		v := a.Date32Values()[sl.lo:]
		return func(i int) float64 { return float64(v[i]) }
	case *array.Timestamp:
		v := a.TimestampValues()[sl.lo:]
		return func(i int) float64 { return float64(v[i]) }
	case *array.Boolean:
		return func(i int) float64 { return float64(b2u(a.Value(sl.lo + i))) }
	}
	return func(int) float64 { return 0 }
}
