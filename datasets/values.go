package datasets

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// values holds a column's parsed values while inference runs, one 8-byte slot per row, in
// the representation of the best type still possible: int64 while every value is an
// integer, float64 bits once one is not, days while every value is a date, seconds once
// one is a date-time, 0/1 for booleans. The two widenings (int to float, date to seconds)
// rewrite the slots filled so far, once. The buffers become the Arrow array's buffers.
type values struct {
	mem   memory.Allocator
	rows  int
	mode  uint8 // the candidate bits the slots are written for
	valid *memory.Buffer
	slots *memory.Buffer
	ints  []int64 // view of slots
}

// cellValue is a cell read under each candidate type.
type cellValue struct {
	i    int64   // integer, or days for a date
	f    float64 // number
	secs int64   // date-time
	b    bool
}

// store narrows the column's candidates to bits and writes row r's value.
func (st *colStats) store(r int, bits uint8, v cellValue) {
	st.mask &= bits
	if st.mask == 0 {
		st.release()
		return
	}
	if st.slots == nil {
		st.allocate()
	}
	st.widen(r)
	bitutil.SetBit(st.valid.Bytes(), r)
	switch m := st.mask; {
	case m&cBool != 0:
		if v.b {
			st.ints[r] = 1
		}
	case m&cInt != 0, m&cDate != 0:
		st.ints[r] = v.i
	case m&(cFloat|cPercent) != 0:
		st.ints[r] = int64(math.Float64bits(v.f))
	case m&cStamp != 0:
		st.ints[r] = v.secs
	}
}

// widen rewrites the slots before row r when the slot representation changes.
func (st *colStats) widen(r int) {
	old := st.mode
	st.mode = st.mask
	switch {
	case old&cInt != 0 && st.mask&cInt == 0:
		for i, x := range st.ints[:r] {
			st.ints[i] = int64(math.Float64bits(float64(x)))
		}
	case old&cDate != 0 && st.mask&cDate == 0:
		for i := range st.ints[:r] {
			st.ints[i] *= 86400
		}
	}
}

func (v *values) allocate() {
	v.valid, v.slots = memory.NewResizableBuffer(v.mem), memory.NewResizableBuffer(v.mem)
	v.valid.Resize(int(bitutil.BytesForBits(int64(v.rows))))
	v.slots.Resize(8 * v.rows)
	clear(v.valid.Bytes())
	clear(v.slots.Bytes())
	v.ints = arrow.Int64Traits.CastFromBytes(v.slots.Bytes())
	v.mode = cAll
}

func (v *values) release() {
	if v.slots != nil {
		v.valid.Release()
		v.slots.Release()
		v.valid, v.slots, v.ints = nil, nil, nil
	}
}

// buffers returns the validity bitmap and the values buffer of an array of type typ,
// handing over the references.
func (v *values) buffers(typ colType) (*memory.Buffer, *memory.Buffer) {
	valid, slots := v.valid, v.slots
	switch typ {
	case tDate: // int64 days to int32, in place: slot i is read before it is overwritten
		d := arrow.Int32Traits.CastFromBytes(slots.Bytes())
		for i, x := range v.ints {
			d[i] = int32(x)
		}
		slots.Resize(4 * v.rows)
	case tBool:
		bits := memory.NewResizableBuffer(v.mem)
		bits.Resize(int(bitutil.BytesForBits(int64(v.rows))))
		b := bits.Bytes()
		clear(b)
		for i, x := range v.ints {
			if x != 0 {
				bitutil.SetBit(b, i)
			}
		}
		slots.Release()
		slots = bits
	}
	v.valid, v.slots, v.ints = nil, nil, nil
	return valid, slots
}
