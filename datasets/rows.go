package datasets

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Rows returns up to limit rows of t from offset, as JSON-ready values: numbers as int64 or
// float64, dates as "2006-01-02", times in RFC 3339, booleans, text, and nil for null.
func Rows(t arrow.Table, offset, limit int64) [][]any {
	if offset < 0 {
		offset = 0
	}
	end := min(offset+limit, t.NumRows())
	if end <= offset {
		return [][]any{}
	}
	rows := make([][]any, end-offset)
	for i := range rows {
		rows[i] = make([]any, t.NumCols())
	}
	for c := 0; c < int(t.NumCols()); c++ {
		start := int64(0) // row number of the current chunk's first row
		for _, chunk := range t.Column(c).Data().Chunks() {
			n := int64(chunk.Len())
			for r := max(offset, start); r < min(end, start+n); r++ {
				rows[r-offset][c] = Value(chunk, int(r-start))
			}
			start += n
			if start >= end {
				break
			}
		}
	}
	return rows
}

// Value returns cell i of a as a JSON-ready value (see Rows).
func Value(a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Int64:
		return a.Value(i)
	case *array.Float64:
		return a.Value(i)
	case *array.Boolean:
		return a.Value(i)
	case *array.Date32:
		return a.Value(i).ToTime().Format(time.DateOnly)
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(unit).UTC().Format(time.RFC3339)
	case *array.Dictionary:
		return Value(a.Dictionary(), a.GetValueIndex(i))
	}
	return a.ValueStr(i)
}
