package datasets

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// assembled is one finished column: one chunk per batch.
type assembled struct {
	field   arrow.Field
	chunks  []arrow.Array
	nonNull int
	warning string
}

func (a *assembled) release() {
	for _, c := range a.chunks {
		c.Release()
	}
}

// assemble decides column c's type over all batches, converts again the batches that
// chose another, and hands the batches' arrays over to the result.
func (cv *converter) assemble(ctx context.Context, batches []*batch, c int, again map[int]*csvTable) (assembled, error) {
	agg := &colStats{mask: cAll, digitsOnly: true}
	for _, b := range batches {
		agg.merge(b.cols[c].st)
	}
	name := cv.names[c]
	final := agg.decide(name)
	out := assembled{nonNull: agg.nonNull, warning: agg.why(final, name), chunks: make([]arrow.Array, len(batches))}
	for i, b := range batches {
		bc := &b.cols[c]
		if bc.typ == final {
			out.chunks[i], bc.arr = bc.arr, nil
			continue
		}
		arr, err := cv.convertAgain(ctx, b, i, c, final, agg.mask, again)
		if err != nil {
			out.release()
			return assembled{}, err
		}
		out.chunks[i] = arr
	}
	if final == tText { // inference may have stopped early on text: count again
		out.nonNull = 0
		for _, a := range out.chunks {
			out.nonNull += a.Len() - a.NullN()
		}
		out.chunks = mergeText(out.chunks, out.nonNull, cv.mem)
	}
	out.field = arrow.Field{Name: name, Type: out.chunks[0].DataType(), Nullable: true}
	if final == tPercent {
		out.field.Metadata = arrow.NewMetadata([]string{FormatKey}, []string{"percent"})
	}
	return out, nil
}

// convertAgain converts column c of batch b under the file's type final.
func (cv *converter) convertAgain(ctx context.Context, b *batch, i, c int, final colType, mask uint8, again map[int]*csvTable) (arrow.Array, error) {
	if b.cols[c].st.nonNull == 0 {
		return array.MakeArrayOfNull(cv.mem, arrowType(final), b.rows), nil
	}
	t, ok := again[i]
	if !ok {
		var err error
		if t, err = cv.tokenize(ctx, b.seg); err != nil {
			return nil, err
		}
		again[i] = t
	}
	if final == tText {
		return cv.textArray(t, c), nil
	}
	st := inferColumn(t, c, mask, cv.mem)
	return valuesArray(st, final, t.rows), nil
}

// columnsOfBatches assembles every column that the header does not leave out.
func (cv *converter) columnsOfBatches(ctx context.Context, batches []*batch) ([]assembled, error) {
	again := map[int]*csvTable{}
	cols := make([]assembled, cv.h.stride)
	for c := range cols {
		a, err := cv.assemble(ctx, batches, c, again)
		if err != nil {
			for _, done := range cols[:c] {
				done.release()
			}
			return nil, err
		}
		cols[c] = a
	}
	return cols, nil
}
