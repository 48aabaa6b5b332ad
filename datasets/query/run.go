package query

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// MaxRows caps the rows of any result: charts show tens to thousands of values, and a plan
// without a limit on a million-row table must not build a million-row answer.
const MaxRows = 10000

// Order sorts a result by one of its columns (an index into Result.Columns).
type Order struct {
	Column int
	Desc   bool
}

// Plan is a query. With Aggregates or GroupBy, the result has the GroupBy columns then one
// column per aggregate, one row per group. Without either, it has the Columns, one row per
// table row that passes Where.
type Plan struct {
	Where      Expr // nil keeps every row
	GroupBy    []string
	Aggregates []Aggregate
	Columns    []string
	Sort       []Order // applied before Limit; groups otherwise come in key order
	Limit      int     // 0 means MaxRows
}

// Run executes the plan over t, in parallel over row ranges. The table is only read.
func Run(ctx context.Context, t arrow.Table, p Plan) (*Result, error) {
	s := newSource(t)
	var where pred
	if p.Where != nil {
		var err error
		if where, err = s.bind(p.Where); err != nil {
			return nil, err
		}
	}
	if len(p.Aggregates) == 0 && len(p.GroupBy) == 0 {
		if len(p.Columns) == 0 {
			return nil, errAt(0, "rien à calculer : indiquez des colonnes ou un agrégat")
		}
		return s.project(ctx, where, p)
	}
	return s.aggregate(ctx, where, p)
}

// limit is the number of rows a plan keeps.
func (p Plan) limit() int {
	if p.Limit <= 0 || p.Limit > MaxRows {
		return MaxRows
	}
	return p.Limit
}

// checkOrders refuses sort columns outside the result.
func checkOrders(orders []Order, n int) error {
	for _, o := range orders {
		if o.Column < 0 || o.Column >= n {
			return errAt(0, "tri sur la colonne n° %d, hors du résultat", o.Column+1)
		}
	}
	return nil
}

// filterer turns a morsel into the selection of its rows that pass the where clause.
type filterer struct {
	where pred
	s     scratch
	mask  []bool
	sel   []int32
}

// rows returns the selected rows (nil meaning all of them) and how many there are.
func (f *filterer) rows(m *morsel) ([]int32, int) {
	if f.where == nil {
		return nil, m.n
	}
	if cap(f.mask) < m.n {
		f.mask = make([]bool, m.n)
	}
	mask := f.mask[:m.n]
	f.where.eval(m, mask, &f.s)
	if cap(f.sel) < m.n {
		f.sel = make([]int32, m.n)
	}
	sel, k := f.sel[:m.n], 0
	for i, ok := range mask { // branch-free: a filter keeps rows at random
		sel[k] = int32(i)
		if ok {
			k++
		}
	}
	if k == m.n {
		return nil, m.n
	}
	return sel[:k], k
}

// parallel runs work over the morsels with one worker per core; each worker gets its own
// state from newState, returned for merging.
func parallel[W any](ctx context.Context, ms []morsel, newState func() W, work func(w W, mi int, m *morsel)) ([]W, error) {
	n := min(runtime.GOMAXPROCS(0), max(1, len(ms)))
	states := make([]W, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range states {
		states[k] = newState()
		wg.Add(1)
		go func(w W) {
			defer wg.Done()
			for ctx.Err() == nil {
				mi := int(next.Add(1)) - 1
				if mi >= len(ms) {
					return
				}
				work(w, mi, &ms[mi])
			}
		}(states[k])
	}
	wg.Wait()
	return states, ctx.Err()
}

// prepare lists the morsels over the columns used and warms lazily built dictionary
// wrappers, which arrow-go creates on first use without locking.
func (s *source) prepare(used map[int]bool) []morsel {
	cols := make([]int, 0, len(used))
	for c := range used {
		cols = append(cols, c)
		for _, ch := range s.t.Column(c).Data().Chunks() {
			if d, ok := ch.(*array.Dictionary); ok {
				d.Dictionary()
			}
		}
	}
	return s.morsels(cols)
}

// FrenchOrder returns a comparison of text the French way: « Écoles » sorts with the e's,
// not after z; « 2 » before « 10 ». The function is not safe for concurrent use.
func FrenchOrder() func(a, b string) int {
	c := collate.New(language.French, collate.Numeric)
	return c.CompareString
}
