package datasets

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Each segment of a file (see split.go) is tokenized and converted by one goroutine, as
// many at once as there are cores: every column of the segment is inferred on its own and
// built as an Arrow array, then the segment's cell offsets are dropped, so that the offsets
// of the whole file never exist at once. The column's type is then decided over all
// segments (the candidate types that every value of every segment allows, as if the
// column were read in one go); the rare segment that chose another type is tokenized again
// and converted under the final one. Arrays are written straight into allocator buffers:
// builders would cost a bounds check and a resize test per cell.

// FormatKey is the Arrow field metadata key that tells how to show a column's numbers,
// e.g. "percent" for a column read from 78,94%.
const FormatKey = "atelier.format"

var timestampSeconds = &arrow.TimestampType{Unit: arrow.Second}

// column is one converted column of a single-chunk table (GeoJSON).
type column struct {
	field arrow.Field
	arr   arrow.Array
}

func releaseColumns(cols []column) {
	for _, c := range cols {
		if c.arr != nil {
			c.arr.Release()
		}
	}
}

// batch is one converted segment.
type batch struct {
	seg    segment
	rows   int
	cols   []batchCol
	short  []shortRow
	nShort int
}

// batchCol is one column of a batch: its array, the type the segment alone chose, and
// what inference learnt (values released).
type batchCol struct {
	arr arrow.Array
	typ colType
	st  *colStats
}

func (b *batch) release() {
	for _, c := range b.cols {
		if c.arr != nil {
			c.arr.Release()
		}
	}
}

func releaseBatches(bs []*batch) {
	for _, b := range bs {
		if b != nil {
			b.release()
		}
	}
}

// converter holds what every segment of one file shares.
type converter struct {
	buf    []byte
	delim  byte
	h      *csvHeader
	names  []string
	lim    Limits
	mem    memory.Allocator
	noDict []atomic.Bool    // a segment found too many distinct values: stop trying
	drop   func(lo, hi int) // non-nil when buf is a file mapping: release a segment's pages

	validate bool        // buf was not checked as UTF-8: check text values (see readInput)
	notUTF8  atomic.Bool // one was not valid
}

// runSegments tokenizes and converts every segment. When a segment fails, the rest of the
// file from its start is tokenized again in one piece: either its end boundary was wrong
// (see split.go) and this fixes it, or the error is real and comes back.
func (cv *converter) runSegments(ctx context.Context, segs []segment) ([]*batch, error) {
	batches := make([]*batch, len(segs))
	errs := make([]error, len(segs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(segs)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(segs) || ctx.Err() != nil {
					return
				}
				batches[k], errs[k] = cv.runSegment(ctx, segs[k])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		releaseBatches(batches)
		return nil, err
	}
	for k, err := range errs {
		if err == nil {
			continue
		}
		releaseBatches(batches[k:])
		if k == len(segs)-1 {
			releaseBatches(batches[:k])
			return nil, err
		}
		rest := segment{segs[k].start, len(cv.buf), segs[k].line}
		b, err := cv.runSegment(ctx, rest)
		if err != nil {
			releaseBatches(batches[:k])
			return nil, err
		}
		return append(batches[:k], b), nil
	}
	return batches, nil
}

func (cv *converter) runSegment(ctx context.Context, seg segment) (*batch, error) {
	if cv.validate && bytes.IndexByte(cv.buf[seg.start:seg.end], 0) >= 0 {
		return nil, errNotUTF8 // decodeText will name the byte
	}
	t, err := cv.tokenize(ctx, seg)
	if err != nil {
		return nil, err
	}
	if cv.drop != nil {
		defer cv.drop(seg.start, seg.end)
	}
	b := &batch{seg: seg, rows: t.rows, short: t.short, nShort: t.nShort, cols: make([]batchCol, t.stride)}
	for c := range b.cols {
		st := inferColumn(t, c, cAll, cv.mem)
		typ := st.decide(cv.names[c])
		if typ == tText {
			st.release()
			b.cols[c] = batchCol{arr: cv.textArray(t, c), typ: typ, st: st}
			continue
		}
		b.cols[c] = batchCol{arr: valuesArray(st, typ, t.rows), typ: typ, st: st}
	}
	return b, nil
}

// tokenize splits a segment, marking its table for UTF-8 checks when needed.
func (cv *converter) tokenize(ctx context.Context, seg segment) (*csvTable, error) {
	t, err := tokenizeSegment(ctx, cv.buf, seg, cv.delim, cv.h, cv.lim)
	if err == nil && cv.validate {
		t.notUTF8 = &cv.notUTF8
	}
	return t, err
}

// textArray builds column c as a dictionary if it may still be one, else as plain utf8.
func (cv *converter) textArray(t *csvTable, c int) arrow.Array {
	if !cv.noDict[c].Load() {
		if a := buildDict(t, c, batchDictLimit(t.rows), cv.mem); a != nil {
			return a
		}
		cv.noDict[c].Store(true)
	}
	return buildText(t, c, cv.mem)
}

// arrowType is the Arrow type of an inferred type.
func arrowType(typ colType) arrow.DataType {
	switch typ {
	case tBool:
		return arrow.FixedWidthTypes.Boolean
	case tInt:
		return arrow.PrimitiveTypes.Int64
	case tFloat, tPercent:
		return arrow.PrimitiveTypes.Float64
	case tDate:
		return arrow.FixedWidthTypes.Date32
	case tStamp:
		return timestampSeconds
	}
	return arrow.BinaryTypes.String
}

// valuesArray turns the values inference stored into an array of type typ.
func valuesArray(st *colStats, typ colType, rows int) arrow.Array {
	valid, vals := st.buffers(typ)
	data := array.NewData(arrowType(typ), rows, []*memory.Buffer{valid, vals}, nil, rows-st.nonNull, 0)
	arr := array.MakeFromData(data)
	data.Release()
	valid.Release()
	vals.Release()
	return arr
}

// buildText copies column c as utf8; an empty or blank cell is null, others are kept as
// written, spaces included.
func buildText(t *csvTable, c int, mem memory.Allocator) arrow.Array {
	total := 0
	for r := 0; r < t.rows; r++ { // blank cells counted too: an upper bound is enough
		total += len(t.cell(r, c))
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
	if t.notUTF8 != nil && !utf8.Valid(db[:at]) {
		t.notUTF8.Store(true)
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
