package query

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// The typed loops that turn a column's rows into key ids.

// dictIDs maps dictionary indices to ids with one typed loop per index width.
func dictIDs(indices arrow.Array, lo int, remap []int32, sel []int32, out []int32) {
	switch ix := indices.(type) {
	case *array.Int8:
		remapLoop(ix.Int8Values()[lo:], remap, sel, out)
	case *array.Int16:
		remapLoop(ix.Int16Values()[lo:], remap, sel, out)
	case *array.Int32:
		remapLoop(ix.Int32Values()[lo:], remap, sel, out)
	case *array.Int64:
		remapLoop(ix.Int64Values()[lo:], remap, sel, out)
	case *array.Uint8:
		remapLoop(ix.Uint8Values()[lo:], remap, sel, out)
	case *array.Uint16:
		remapLoop(ix.Uint16Values()[lo:], remap, sel, out)
	case *array.Uint32:
		remapLoop(ix.Uint32Values()[lo:], remap, sel, out)
	case *array.Uint64:
		remapLoop(ix.Uint64Values()[lo:], remap, sel, out)
	}
}

func remapLoop[T ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64](idx []T, remap []int32, sel []int32, out []int32) {
	if sel == nil {
		for j := range out {
			out[j] = remap[idx[j]]
		}
		return
	}
	for j, r := range sel {
		out[j] = remap[idx[r]]
	}
}

// forRows calls f for each selected row: j indexes out, r is the row in the morsel.
func forRows(sel []int32, out []int32, f func(j, r int)) {
	if sel == nil {
		for j := range out {
			f(j, j)
		}
		return
	}
	for j, r := range sel {
		f(j, int(r))
	}
}

// intIDs gives ids to integer-like values. When the morsel's values span a small range,
// a dense table replaces the map: the common case of years, codes and small counts.
func intIDs[T ~int32 | ~int64](k *keyCache, vals []T, sel []int32, out []int32) {
	if len(vals) == 0 {
		return
	}
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	if uint64(int64(hi)-int64(lo)) >= 4096 {
		forRows(sel, out, func(j, r int) { out[j] = k.num(uint64(int64(vals[r]))) })
		return
	}
	span := int(int64(hi)-int64(lo)) + 1
	k.dense = k.dense[:0]
	for i := 0; i < span; i++ {
		k.dense = append(k.dense, -1)
	}
	dense := k.dense
	if sel == nil {
		for j, v := range vals {
			id := dense[v-lo]
			if id < 0 {
				id = k.num(uint64(int64(v)))
				dense[v-lo] = id
			}
			out[j] = id
		}
		return
	}
	for j, r := range sel {
		v := vals[r]
		id := dense[v-lo]
		if id < 0 {
			id = k.num(uint64(int64(v)))
			dense[v-lo] = id
		}
		out[j] = id
	}
}
