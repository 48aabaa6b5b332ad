package query

import (
	"math"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// dict is the shared dictionary of one column's distinct values: each gets a dense id.
// Workers reach it only on a miss of their own cache, once per distinct value.
type dict struct {
	mu   sync.Mutex
	kind Kind
	unit arrow.TimeUnit
	strs map[string]int32
	nums map[uint64]int32
	null int32
	vals []Value // id → value
}

func newDict(kind Kind, dt arrow.DataType) *dict {
	d := &dict{kind: kind, strs: map[string]int32{}, nums: map[uint64]int32{}, null: -1}
	if ts, ok := dt.(*arrow.TimestampType); ok {
		d.unit = ts.Unit
	}
	return d
}

func (d *dict) text(s string) int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := d.strs[s]
	if !ok {
		id = int32(len(d.vals))
		d.strs[s] = id
		d.vals = append(d.vals, Value{Kind: Text, Str: s})
	}
	return id
}

// num interns a number by its bits: an int64 for integer-like kinds, a float64's bits else.
func (d *dict) num(bits uint64) int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := d.nums[bits]
	if !ok {
		id = int32(len(d.vals))
		d.nums[bits] = id
		d.vals = append(d.vals, d.value(bits))
	}
	return id
}

func (d *dict) nullID() int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.null < 0 {
		d.null = int32(len(d.vals))
		d.vals = append(d.vals, Value{Kind: d.kind, Null: true})
	}
	return d.null
}

func (d *dict) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.vals)
}

// value turns interned bits back into a Value of the column's kind.
func (d *dict) value(bits uint64) Value {
	i := int64(bits)
	switch d.kind {
	case Float:
		return Value{Kind: Float, Float: math.Float64frombits(bits)}
	case Date:
		return Value{Kind: Date, Time: time.Unix(i*86400, 0).UTC()}
	case Time:
		return Value{Kind: Time, Time: fromUnit(i, d.unit)}
	case Bool:
		return Value{Kind: Bool, Bool: i != 0}
	}
	return Value{Kind: Int, Int: i}
}

func fromUnit(v int64, u arrow.TimeUnit) time.Time {
	switch u {
	case arrow.Second:
		return time.Unix(v, 0).UTC()
	case arrow.Millisecond:
		return time.UnixMilli(v).UTC()
	case arrow.Microsecond:
		return time.UnixMicro(v).UTC()
	}
	return time.Unix(0, v).UTC()
}

// floatBits makes -0 and 0 one key, and every NaN one key.
func floatBits(f float64) uint64 {
	switch {
	case f == 0:
		return 0
	case f != f:
		return math.Float64bits(math.NaN())
	}
	return math.Float64bits(f)
}

// keyCache is one worker's view of a dict: lookups without locks or allocations.
type keyCache struct {
	d        *dict
	strs     map[string]int32
	nums     map[uint64]int32
	dense    []int32 // per-morsel table for integer columns with a small range
	lastDict arrow.ArrayData
	remap    []int32 // dictionary index → id, for lastDict
}

func newKeyCache(d *dict) *keyCache {
	return &keyCache{d: d, strs: map[string]int32{}, nums: map[uint64]int32{}}
}

func (k *keyCache) text(s string) int32 {
	if id, ok := k.strs[s]; ok {
		return id
	}
	s = strings.Clone(s) // the table's buffer must not outlive the query through a key
	id := k.d.text(s)
	k.strs[s] = id
	return id
}

func (k *keyCache) num(bits uint64) int32 {
	if id, ok := k.nums[bits]; ok {
		return id
	}
	id := k.d.num(bits)
	k.nums[bits] = id
	return id
}

// ids writes the id of each row of the morsel's column: rows sel[j], or j when sel is nil.
func (k *keyCache) ids(m *morsel, col int, sel []int32, out []int32) {
	sl := m.cols[col]
	if sl.arr.NullN() > 0 {
		k.idsWithNulls(sl, sel, out)
		return
	}
	switch a := sl.arr.(type) {
	case *array.String:
		k.textIDs(a, sl.lo, sel, out)
	case *array.Dictionary:
		dictIDs(a.Indices(), sl.lo, k.dictRemap(a), sel, out)
	case *array.Int64:
		intIDs(k, a.Int64Values()[sl.lo:sl.lo+m.n], sel, out)
	case *array.Date32:
		intIDs(k, a.Date32Values()[sl.lo:sl.lo+m.n], sel, out)
	default:
		forRows(sel, out, func(j, r int) { out[j] = k.one(sl.arr, sl.lo+r) })
	}
}

// idsWithNulls is the row-by-row path for chunks with nulls: a null slot holds an arbitrary
// value that must not become a key, and the null group exists only if a null is selected.
func (k *keyCache) idsWithNulls(sl slot, sel []int32, out []int32) {
	null := int32(-1)
	forRows(sel, out, func(j, r int) {
		if sl.arr.IsNull(sl.lo + r) {
			if null < 0 {
				null = k.d.nullID()
			}
			out[j] = null
			return
		}
		out[j] = k.one(sl.arr, sl.lo+r)
	})
}

// one is the id of the non-null value at row r of arr.
func (k *keyCache) one(arr arrow.Array, r int) int32 {
	switch a := arr.(type) {
	case *array.String:
		return k.text(a.Value(r))
	case *array.LargeString:
		return k.text(a.Value(r))
	case *array.Dictionary:
		return k.dictRemap(a)[a.GetValueIndex(r)]
	case *array.Int64:
		return k.num(uint64(a.Value(r)))
	case *array.Int32:
		return k.num(uint64(int64(a.Value(r))))
	case *array.Date32:
		return k.num(uint64(int64(a.Value(r))))
	case *array.Timestamp:
		return k.num(uint64(int64(a.Value(r))))
	case *array.Float64:
		return k.num(floatBits(a.Value(r)))
	case *array.Boolean:
		return k.num(b2u(a.Value(r)))
	}
	return k.text("")
}

// textIDs is the loop for plain strings. Files are often sorted by their first columns,
// so a run of equal values skips the map.
func (k *keyCache) textIDs(a *array.String, lo int, sel []int32, out []int32) {
	last, lastID := "", int32(-1)
	for j := range out {
		r := j
		if sel != nil {
			r = int(sel[j])
		}
		v := a.Value(lo + r)
		if lastID < 0 || v != last {
			last, lastID = v, k.text(v)
		}
		out[j] = lastID
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// dictRemap maps a chunk's dictionary entries to ids once per chunk.
func (k *keyCache) dictRemap(a *array.Dictionary) []int32 {
	if data := a.Data().Dictionary(); data != k.lastDict {
		get := dictText(a)
		n := a.Dictionary().Len()
		k.remap = k.remap[:0]
		for i := 0; i < n; i++ {
			k.remap = append(k.remap, k.text(get(i)))
		}
		k.lastDict = data
	}
	return k.remap
}
