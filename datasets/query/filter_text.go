package query

import (
	"github.com/apache/arrow-go/v18/arrow/array"
)

// textInPred is "text column in (…)": a set lookup, once per dictionary entry when the
// column is dictionary-encoded.
type textInPred struct {
	col int
	set map[string]bool
}

func (p *textInPred) eval(m *morsel, out []bool, _ *scratch) {
	sl := m.cols[p.col]
	if a, ok := sl.arr.(*array.Dictionary); ok {
		get := dictText(a)
		matches := make([]bool, a.Dictionary().Len())
		for i := range matches {
			matches[i] = p.set[get(i)]
		}
		dictMatch(a, sl.lo, matches, out)
	} else {
		get := m.text(p.col)
		for i := range out {
			out[i] = p.set[get(i)]
		}
	}
	maskNulls(m, p.col, out)
}

func (p *textInPred) columns(add func(int)) { add(p.col) }

// dictMatch looks each row's dictionary index up in matches, with one typed loop per index
// width; null rows are cleared afterwards by maskNulls (their index is not meaningful, so
// a chunk with nulls takes the checked path).
func dictMatch(a *array.Dictionary, lo int, matches []bool, out []bool) {
	if a.NullN() > 0 {
		for i := range out {
			out[i] = a.IsValid(lo+i) && matches[a.GetValueIndex(lo+i)]
		}
		return
	}
	hi := lo + len(out)
	switch ix := a.Indices().(type) {
	case *array.Int8:
		matchLoop(ix.Int8Values()[lo:hi], matches, out)
	case *array.Int16:
		matchLoop(ix.Int16Values()[lo:hi], matches, out)
	case *array.Int32:
		matchLoop(ix.Int32Values()[lo:hi], matches, out)
	case *array.Int64:
		matchLoop(ix.Int64Values()[lo:hi], matches, out)
	case *array.Uint8:
		matchLoop(ix.Uint8Values()[lo:hi], matches, out)
	case *array.Uint16:
		matchLoop(ix.Uint16Values()[lo:hi], matches, out)
	case *array.Uint32:
		matchLoop(ix.Uint32Values()[lo:hi], matches, out)
	case *array.Uint64:
		matchLoop(ix.Uint64Values()[lo:hi], matches, out)
	default:
		for i := range out {
			out[i] = matches[a.GetValueIndex(lo+i)]
		}
	}
}

func matchLoop[T ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64](idx []T, matches, out []bool) {
	for i, k := range idx {
		out[i] = matches[k]
	}
}
