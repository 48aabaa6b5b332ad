package datasets

import (
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Dictionary encoding. A text column whose distinct values are few — at most half of its
// non-null values and at most maxDictValues — is stored as a dictionary of its distinct
// values plus one small integer per row: the narrowest signed index type that holds them
// (int8 up to 127 values, int16 up to 32,767, else int32). The query engine compares and
// groups each distinct value once instead of once per row, and a ledger's quartier column
// shrinks from ~12 bytes to 1 byte a row. Its logical type stays utf8 (see TypeName).
//
// Encoding runs in the same pass that would copy the text, and gives up as soon as the
// distinct values pass the limit: a free-text column costs at most the first
// min(rows/2, maxDictValues) distinct values in a map before falling back to plain utf8.
const maxDictValues = 1 << 16

// TypeName is the Arrow name of a column's logical type as the JSON contract spells it:
// a dictionary of strings is "utf8", like the plain strings it stands for.
func TypeName(dt arrow.DataType) string {
	if d, ok := dt.(*arrow.DictionaryType); ok {
		return d.ValueType.String()
	}
	return dt.String()
}

// dictLimit is how many distinct values a column of nonNull values may have and still be
// encoded.
func dictLimit(nonNull int) int { return min(maxDictValues, nonNull/2) }

// batchDictLimit is the limit for one segment: the rule applies to the whole column, so a
// small last segment is allowed more than half of its rows.
func batchDictLimit(rows int) int { return min(maxDictValues, max(rows/2, 1024)) }

// buildDict encodes column c of t as a dictionary, or returns nil when it has more than
// limit distinct values (or none).
func buildDict(t *csvTable, c int, limit int, mem memory.Allocator) arrow.Array {
	seen := make(map[string]int32, 64)
	var order []string
	idxBuf := memory.NewResizableBuffer(mem)
	idxBuf.Resize(4 * t.rows)
	idx := arrow.Int32Traits.CastFromBytes(idxBuf.Bytes())
	valid := memory.NewResizableBuffer(mem)
	valid.Resize(int(bitutil.BytesForBits(int64(t.rows))))
	vb := valid.Bytes()
	clear(vb)
	nulls, dataLen := 0, 0
	var last []byte
	lastID := int32(-1)
	for r := 0; r < t.rows; r++ {
		s := t.cell(r, c)
		if len(trimSpace(s)) == 0 {
			nulls++
			idx[r] = 0
			continue
		}
		bitutil.SetBit(vb, r)
		if lastID >= 0 && string(s) == string(last) { // runs are common in sorted files
			idx[r] = lastID
			continue
		}
		id, ok := seen[string(s)]
		if !ok {
			// A column mostly of distinct values (free text, ids) shows it early: give up
			// after 4096 rows if three quarters of them are new, instead of filling a map
			// of 65,536 strings first. A sorted column may be misjudged: it then stays
			// plain utf8, which costs space, never correctness.
			if len(order) >= limit || (r >= 4096 && len(order)*4 > 3*(r-nulls)) {
				idxBuf.Release()
				valid.Release()
				return nil
			}
			if t.notUTF8 != nil && !utf8.Valid(s) {
				t.notUTF8.Store(true)
			}
			id = int32(len(order))
			k := string(s)
			seen[k] = id
			order = append(order, k)
			dataLen += len(s)
		}
		idx[r], last, lastID = id, s, id
	}
	if len(order) == 0 {
		idxBuf.Release()
		valid.Release()
		return nil
	}
	return newDictArray(order, dataLen, idxBuf, valid, t.rows, nulls, mem)
}

// newDictArray narrows the int32 indices in idxBuf to the smallest index type and wraps
// them with a utf8 dictionary of values. It takes over idxBuf and valid.
func newDictArray(values []string, dataLen int, idxBuf, valid *memory.Buffer, rows, nulls int, mem memory.Allocator) arrow.Array {
	dict := stringArray(values, dataLen, mem)
	defer dict.Release()
	it := narrowIndices(idxBuf, rows, len(values))
	dt := &arrow.DictionaryType{IndexType: it, ValueType: arrow.BinaryTypes.String}
	d := array.NewDataWithDictionary(dt, rows, []*memory.Buffer{valid, idxBuf}, nulls, 0, dict.Data().(*array.Data))
	arr := array.MakeFromData(d)
	d.Release()
	if valid != nil {
		valid.Release()
	}
	idxBuf.Release()
	return arr
}

// narrowIndices rewrites the int32 indices of idxBuf, in place, with the narrowest signed
// type that holds n values, and returns that type.
func narrowIndices(idxBuf *memory.Buffer, rows, n int) arrow.DataType {
	idx := arrow.Int32Traits.CastFromBytes(idxBuf.Bytes())[:rows]
	switch {
	case n <= 1<<7-1:
		out := arrow.Int8Traits.CastFromBytes(idxBuf.Bytes())
		for i, x := range idx { // forward in place: byte i is written after int32 i is read
			out[i] = int8(x)
		}
		idxBuf.Resize(rows)
		return arrow.PrimitiveTypes.Int8
	case n <= 1<<15-1:
		out := arrow.Int16Traits.CastFromBytes(idxBuf.Bytes())
		for i, x := range idx {
			out[i] = int16(x)
		}
		idxBuf.Resize(2 * rows)
		return arrow.PrimitiveTypes.Int16
	}
	return arrow.PrimitiveTypes.Int32
}

// mergeText gives the chunks of a text column one shared dictionary when every chunk is a
// dictionary (or all null) and the column's distinct values pass the rule; otherwise it
// decodes the dictionary chunks to plain utf8. It takes over the chunks.
func mergeText(chunks []arrow.Array, nonNull int, mem memory.Allocator) []arrow.Array {
	seen := map[string]int32{}
	var values []string
	dataLen := 0
	remaps := make([][]int32, len(chunks))
	ok := true
	for i, a := range chunks {
		d, isDict := a.(*array.Dictionary)
		if !isDict {
			ok = ok && a.NullN() == a.Len()
			continue
		}
		dv := d.Dictionary().(*array.String)
		remaps[i] = make([]int32, dv.Len())
		for j := 0; j < dv.Len() && ok; j++ {
			v := dv.Value(j)
			id, found := seen[v]
			if !found {
				id = int32(len(values))
				seen[v] = id
				values = append(values, v)
				dataLen += len(v)
				ok = len(values) <= maxDictValues
			}
			remaps[i][j] = id
		}
	}
	ok = ok && len(values) > 0 && len(values) <= dictLimit(nonNull)
	if ok && len(chunks) == 1 {
		return chunks // its own dictionary already is the column's
	}
	out := make([]arrow.Array, len(chunks))
	for i, a := range chunks {
		d, isDict := a.(*array.Dictionary)
		switch {
		case !ok && isDict:
			out[i] = decodeDictionary(d, mem)
		case !ok:
			a.Retain()
			out[i] = a
		}
	}
	if !ok {
		for _, a := range chunks {
			a.Release()
		}
		return out
	}
	dict := stringArray(values, dataLen, mem)
	defer dict.Release()
	for i, a := range chunks {
		out[i] = remapChunk(a, remaps[i], dict, len(values), mem)
		a.Release()
	}
	return out
}

// remapChunk rewrites a chunk's indices into the shared dictionary dict of n values.
func remapChunk(a arrow.Array, remap []int32, dict arrow.Array, n int, mem memory.Allocator) arrow.Array {
	rows := a.Len()
	idxBuf := memory.NewResizableBuffer(mem)
	idxBuf.Resize(4 * rows)
	idx := arrow.Int32Traits.CastFromBytes(idxBuf.Bytes())
	if d, ok := a.(*array.Dictionary); ok {
		switch ix := d.Indices().(type) {
		case *array.Int8:
			remapInto(idx, ix.Int8Values(), remap)
		case *array.Int16:
			remapInto(idx, ix.Int16Values(), remap)
		case *array.Int32:
			remapInto(idx, ix.Int32Values(), remap)
		}
	} else {
		clear(idx)
	}
	it := narrowIndices(idxBuf, rows, n)
	valid := a.Data().Buffers()[0]
	if valid != nil {
		valid.Retain()
	}
	dt := &arrow.DictionaryType{IndexType: it, ValueType: arrow.BinaryTypes.String}
	data := array.NewDataWithDictionary(dt, rows, []*memory.Buffer{valid, idxBuf}, a.NullN(), 0, dict.Data().(*array.Data))
	out := array.MakeFromData(data)
	data.Release()
	if valid != nil {
		valid.Release()
	}
	idxBuf.Release()
	return out
}

// remapInto maps every index through remap; a null row's slot holds 0, a valid index.
func remapInto[T int8 | int16 | int32](dst []int32, src []T, remap []int32) {
	for i, x := range src[:len(dst)] {
		dst[i] = remap[x]
	}
}

// stringArray builds a utf8 array of values, none null.
func stringArray(values []string, dataLen int, mem memory.Allocator) arrow.Array {
	offs, data := memory.NewResizableBuffer(mem), memory.NewResizableBuffer(mem)
	offs.Resize(4 * (len(values) + 1))
	data.Resize(dataLen)
	ob, db := arrow.Int32Traits.CastFromBytes(offs.Bytes()), data.Bytes()
	at := 0
	for i, v := range values {
		ob[i] = int32(at)
		at += copy(db[at:], v)
	}
	ob[len(values)] = int32(at)
	d := array.NewData(arrow.BinaryTypes.String, len(values), []*memory.Buffer{nil, offs, data}, nil, 0, 0)
	arr := array.MakeFromData(d)
	d.Release()
	offs.Release()
	data.Release()
	return arr
}

// TableBytes is the memory t's buffers take (a dictionary once per chunk that holds it).
func TableBytes(t arrow.Table) int64 {
	var n int64
	seen := map[arrow.ArrayData]bool{}
	var add func(d arrow.ArrayData)
	add = func(d arrow.ArrayData) {
		if d == nil || seen[d] {
			return
		}
		if p, ok := d.(*array.Data); ok && p == nil {
			return
		}
		seen[d] = true
		for _, b := range d.Buffers() {
			if b != nil {
				n += int64(b.Len())
			}
		}
		for _, c := range d.Children() {
			add(c)
		}
		add(d.Dictionary())
	}
	for i := 0; i < int(t.NumCols()); i++ {
		for _, ch := range t.Column(i).Data().Chunks() {
			add(ch.Data())
		}
	}
	return n
}
