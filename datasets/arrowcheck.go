package datasets

import "encoding/binary"

// arrow-go's IPC file reader allocates slices as long as the vector lengths its footer
// claims: a 280-byte file claiming 10^10 schema fields made it allocate 160 GB (found by
// FuzzRead; a fatal out-of-memory error, which recover cannot catch). arrowPlausible
// walks the footer first, with bounds checks, and refuses vectors longer than the bytes
// that could hold them: the schema's fields and their children (to a depth of 64), the
// custom metadata, and the tables of blocks.

func arrowPlausible(raw []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if len(raw) < 6+8+6 {
		return false
	}
	end := len(raw) - 6 // "ARROW1" again at the end
	flen := int(int32(binary.LittleEndian.Uint32(raw[end-4:])))
	if flen <= 0 || flen > end-4-8 {
		return false
	}
	buf := raw[end-4-flen : end-4]
	footer := fbTable{buf, int(binary.LittleEndian.Uint32(buf))}
	for _, blocks := range []int{2, 3} { // dictionaries, record batches: 24-byte structs
		if _, _, ok := footer.vector(blocks, 24); !ok {
			return false
		}
	}
	schema, found := footer.table(1)
	if !found {
		return true
	}
	if _, _, ok := schema.vector(2, 4); !ok {
		return false
	}
	return schema.fieldsPlausible(1, 0)
}

// fbTable is a flatbuffer table at pos in buf.
type fbTable struct {
	buf []byte
	pos int
}

func (t fbTable) u32(at int) int { return int(binary.LittleEndian.Uint32(t.buf[at : at+4])) }
func (t fbTable) i32(at int) int { return int(int32(binary.LittleEndian.Uint32(t.buf[at : at+4]))) }
func (t fbTable) u16(at int) int { return int(binary.LittleEndian.Uint16(t.buf[at : at+2])) }

// field returns where field i of the table is stored, or 0 when absent.
func (t fbTable) field(i int) int {
	vt := t.pos - t.i32(t.pos)
	o := 4 + 2*i
	if o >= t.u16(vt) {
		return 0
	}
	off := t.u16(vt + o)
	if off == 0 {
		return 0
	}
	return t.pos + off
}

func (t fbTable) table(i int) (fbTable, bool) {
	p := t.field(i)
	if p == 0 {
		return fbTable{}, false
	}
	return fbTable{t.buf, p + t.u32(p)}, true
}

// vector returns the start and length of vector field i of elements of size bytes, and
// whether it fits in the buffer (an absent vector fits).
func (t fbTable) vector(i, size int) (int, int, bool) {
	p := t.field(i)
	if p == 0 {
		return 0, 0, true
	}
	v := p + t.u32(p)
	n := t.u32(v)
	return v + 4, n, n >= 0 && n <= (len(t.buf)-v-4)/size
}

// fieldsPlausible checks vector i of Field tables: Field's children are its field 5 and
// its custom metadata its field 6.
func (t fbTable) fieldsPlausible(i, depth int) bool {
	start, n, ok := t.vector(i, 4)
	if !ok || depth > 64 {
		return false
	}
	for k := range n {
		at := start + 4*k
		f := fbTable{t.buf, at + t.u32(at)}
		if _, _, ok := f.vector(6, 4); !ok {
			return false
		}
		if !f.fieldsPlausible(5, depth+1) {
			return false
		}
	}
	return true
}
