package datasets

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Columns are independent once the file is split, so each is inferred and converted by
// its own goroutine, as many at once as there are cores. Arrays are written straight into
// allocator buffers: builders would cost a bounds check and a resize test per cell.

// FormatKey is the Arrow field metadata key that tells how to show a column's numbers,
// e.g. "percent" for a column read from 78,94%.
const FormatKey = "atelier.format"

var timestampSeconds = &arrow.TimestampType{Unit: arrow.Second}

// column is one converted column.
type column struct {
	field   arrow.Field
	arr     arrow.Array
	warning string
}

// convertColumns infers and builds every column of t.
func convertColumns(ctx context.Context, t *csvTable, mem memory.Allocator) ([]column, error) {
	cols := make([]column, len(t.names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cols)) {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= len(cols) || ctx.Err() != nil {
					return
				}
				cols[c] = convertColumn(t, c, mem)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		releaseColumns(cols)
		return nil, err
	}
	return cols, nil
}

func releaseColumns(cols []column) {
	for _, c := range cols {
		if c.arr != nil {
			c.arr.Release()
		}
	}
}

func convertColumn(t *csvTable, c int, mem memory.Allocator) column {
	name := t.names[c]
	st, typ, why := inferColumn(t, c, name, mem)
	col := column{field: arrow.Field{Name: name, Nullable: true}, warning: why}
	switch typ {
	case tText:
		col.field.Type, col.arr = arrow.BinaryTypes.String, buildText(t, c, mem)
		return col
	case tBool:
		col.field.Type = arrow.FixedWidthTypes.Boolean
	case tInt:
		col.field.Type = arrow.PrimitiveTypes.Int64
	case tFloat, tPercent:
		col.field.Type = arrow.PrimitiveTypes.Float64
		if typ == tPercent {
			col.field.Metadata = arrow.NewMetadata([]string{FormatKey}, []string{"percent"})
		}
	case tDate:
		col.field.Type = arrow.FixedWidthTypes.Date32
	case tStamp:
		col.field.Type = timestampSeconds
	}
	valid, vals := st.buffers(typ)
	data := array.NewData(col.field.Type, t.rows, []*memory.Buffer{valid, vals}, nil, t.rows-st.nonNull, 0)
	col.arr = array.MakeFromData(data)
	data.Release()
	valid.Release()
	vals.Release()
	return col
}

// buildText copies column c as utf8; an empty or blank cell is null, others are kept as
// written, spaces included.
func buildText(t *csvTable, c int, mem memory.Allocator) arrow.Array {
	col, total := t.cols[c], 0
	for r := 0; r < t.rows; r++ { // blank cells counted too: an upper bound is enough
		total += int(col[2*r+1] - col[2*r])
	}
	valid, offs, data := memory.NewResizableBuffer(mem), memory.NewResizableBuffer(mem), memory.NewResizableBuffer(mem)
	valid.Resize(int(bitutil.BytesForBits(int64(t.rows))))
	offs.Resize(4 * (t.rows + 1))
	data.Resize(total)
	vb, ob, db := valid.Bytes(), arrow.Int32Traits.CastFromBytes(offs.Bytes()), data.Bytes()
	clear(vb)
	nulls, at := 0, 0
	for r := 0; r < t.rows; r++ {
		ob[r] = int32(at)
		s := t.cell(r, c)
		if len(trimSpace(s)) == 0 {
			nulls++
			continue
		}
		bitutil.SetBit(vb, r)
		at += copy(db[at:], s)
	}
	ob[t.rows] = int32(at)
	data.Resize(at)
	d := array.NewData(arrow.BinaryTypes.String, t.rows, []*memory.Buffer{valid, offs, data}, nil, nulls, 0)
	arr := array.MakeFromData(d)
	d.Release()
	valid.Release()
	offs.Release()
	data.Release()
	return arr
}
