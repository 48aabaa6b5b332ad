// The accumulators that aggregates read: one per (column, kind of pass), shared by the
// aggregates of the same column, grown as groups appear.

package query

import (
	"slices"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// boundAgg is an aggregate resolved against the table; state indexes the accumulator it
// reads, shared with the other aggregates of the same column (sum and mean of montant
// read one pass).
type boundAgg struct {
	Aggregate
	kind  Kind // the column's kind; Int for count()
	state int
}

// accKind is what an accumulator gathers.
type accKind int

const (
	accRows     accKind = iota // count(): rows per group
	accCount                   // count(c): non-null values of a non-numeric column
	accNumbers                 // n, sum, and on demand min/max and the values for median
	accDistinct                // distinct values of a column
)

// accSpec describes one accumulator; workers each build theirs from it.
type accSpec struct {
	kind           accKind
	col            int
	colKind        Kind
	vals           *dict // the column's values: distinct ids, and min/max turned back into values
	minmax, median bool
}

// acc accumulates for every group, in one worker; workers' accs are merged. Integer-like
// columns (int, date, timestamp) accumulate in int64, exactly; floats in float64.
type acc struct {
	spec       *accSpec
	n          []int64
	sumI, minI []int64
	maxI       []int64
	sumF, minF []float64
	maxF       []float64
	vals       [][]float64
	seen       map[uint64]struct{} // distinct: group<<32 | value id
	keys       *keyCache
	ids        []int32
	distinct   []int64
}

func newAcc(s *accSpec) *acc {
	a := &acc{spec: s}
	if s.kind == accDistinct {
		a.seen = map[uint64]struct{}{}
		a.keys = newKeyCache(s.vals)
	}
	return a
}

// grow makes room for groups ids below n.
func (a *acc) grow(n int) {
	if len(a.n) >= n {
		return
	}
	ext := func(s []int64) []int64 { return append(s, make([]int64, n-len(s))...) }
	extF := func(s []float64) []float64 { return append(s, make([]float64, n-len(s))...) }
	if a.spec.kind == accNumbers {
		a.sumI, a.minI, a.maxI = ext(a.sumI), ext(a.minI), ext(a.maxI)
		a.sumF, a.minF, a.maxF = extF(a.sumF), extF(a.minF), extF(a.maxF)
	}
	if a.spec.median {
		a.vals = append(a.vals, make([][]float64, n-len(a.vals))...)
	}
	a.n = ext(a.n)
}

// feed adds the morsel's selected rows (sel, or all when nil) whose groups are gid.
func (a *acc) feed(m *morsel, sel, gid []int32) {
	col := a.spec.col
	var valid func(int) bool
	if col >= 0 && m.hasNulls(col) {
		valid = func(r int) bool { return m.valid(col, r) }
	}
	switch a.spec.kind {
	case accRows:
		for _, g := range gid {
			a.n[g]++
		}
	case accCount:
		for j, g := range gid {
			if valid == nil || valid(row(sel, j)) {
				a.n[g]++
			}
		}
	case accDistinct:
		a.feedDistinct(m, sel, gid, valid)
	case accNumbers:
		a.feedNumbers(m, sel, gid, valid)
	}
}

func row(sel []int32, j int) int {
	if sel == nil {
		return j
	}
	return int(sel[j])
}

func (a *acc) feedDistinct(m *morsel, sel, gid []int32, valid func(int) bool) {
	a.ids = slices.Grow(a.ids[:0], len(gid))[:len(gid)]
	a.keys.ids(m, a.spec.col, sel, a.ids)
	for j, g := range gid {
		if valid == nil || valid(row(sel, j)) {
			a.seen[uint64(g)<<32|uint64(uint32(a.ids[j]))] = struct{}{}
		}
	}
}

func (a *acc) feedNumbers(m *morsel, sel, gid []int32, valid func(int) bool) {
	sl := m.cols[a.spec.col]
	lo, hi := sl.lo, sl.lo+m.n
	switch c := sl.arr.(type) {
	case *array.Float64:
		feedNum(a, c.Float64Values()[lo:hi], a.sumF, a.minF, a.maxF, sel, gid, valid)
	case *array.Int64:
		feedNum(a, c.Int64Values()[lo:hi], a.sumI, a.minI, a.maxI, sel, gid, valid)
	case *array.Int32:
		feedNum(a, c.Int32Values()[lo:hi], a.sumI, a.minI, a.maxI, sel, gid, valid)
	case *array.Date32:
		feedNum(a, c.Date32Values()[lo:hi], a.sumI, a.minI, a.maxI, sel, gid, valid)
	case *array.Timestamp:
		feedNum(a, c.TimestampValues()[lo:hi], a.sumI, a.minI, a.maxI, sel, gid, valid)
	}
}

// feedNum is the typed aggregation loop. The common case, no null and no min, max or
// median, gets a loop of its own: a count and a sum per row, nothing else.
func feedNum[T number, A int64 | float64](a *acc, vals []T, sum, mn, mx []A, sel, gid []int32, valid func(int) bool) {
	n := a.n
	if valid == nil && !a.spec.minmax && !a.spec.median {
		if sel == nil {
			for j, g := range gid {
				sum[g] += A(vals[j])
				n[g]++
			}
			return
		}
		for j, g := range gid {
			sum[g] += A(vals[sel[j]])
			n[g]++
		}
		return
	}
	for j, g := range gid {
		r := row(sel, j)
		if valid != nil && !valid(r) {
			continue
		}
		x := A(vals[r])
		sum[g] += x
		if a.spec.minmax {
			if n[g] == 0 || x < mn[g] {
				mn[g] = x
			}
			if n[g] == 0 || x > mx[g] {
				mx[g] = x
			}
		}
		if a.spec.median {
			a.vals[g] = append(a.vals[g], float64(x))
		}
		n[g]++
	}
}
