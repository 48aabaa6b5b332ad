package query

import (
	"container/heap"
	"context"
	"slices"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// cand is a candidate row of a projection: where it is, and its sort key.
type cand struct {
	mi, r int32
	null  bool
	f     float64
	s     string
}

// candOrder orders candidates by sort key, nulls last, then by position in the table.
type candOrder struct {
	desc    bool
	numeric bool
	text    func(a, b string) int
}

func (o candOrder) cmp(a, b *cand) int {
	c := 0
	switch {
	case a.null || b.null:
		c = cmpBool(a.null, b.null)
	case o.numeric:
		c = cmpFloat(a.f, b.f)
	default:
		c = o.text(a.s, b.s)
	}
	if o.desc && !a.null && !b.null {
		c = -c
	}
	if c == 0 {
		c = cmpInt(a.mi, b.mi)
	}
	if c == 0 {
		c = cmpInt(a.r, b.r)
	}
	return c
}

func cmpInt(a, b int32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// topN keeps the best k candidates in a max-heap on the order (the worst on top).
type topN struct {
	o    candOrder
	k    int
	rows []cand
}

func (t *topN) Len() int           { return len(t.rows) }
func (t *topN) Less(i, j int) bool { return t.o.cmp(&t.rows[i], &t.rows[j]) > 0 }
func (t *topN) Swap(i, j int)      { t.rows[i], t.rows[j] = t.rows[j], t.rows[i] }
func (t *topN) Push(x any)         { t.rows = append(t.rows, x.(cand)) }
func (t *topN) Pop() any {
	x := t.rows[len(t.rows)-1]
	t.rows = t.rows[:len(t.rows)-1]
	return x
}

func (t *topN) offer(c cand) {
	if len(t.rows) < t.k {
		heap.Push(t, c)
		return
	}
	if t.o.cmp(&c, &t.rows[0]) < 0 {
		t.rows[0] = c
		heap.Fix(t, 0)
	}
}

// surelyWorse tells, without the full comparison, that a non-null numeric key cannot
// enter a full top-N: the common case once the heap has filled.
func (t *topN) surelyWorse(f float64) bool {
	if len(t.rows) < t.k || t.rows[0].null {
		return false
	}
	worst := t.rows[0].f
	if t.o.desc {
		return f < worst
	}
	return f > worst
}

type projWorker struct {
	f       filterer
	top     topN
	matched int64
}

// project returns table rows that pass the filter: the first ones in table order, or the
// best ones by the first sort column (later sort columns are not used).
func (s *source) project(ctx context.Context, where pred, p Plan) (*Result, error) {
	res, cols, used, err := s.bindProjection(p)
	if err != nil {
		return nil, err
	}
	if where != nil {
		where.columns(func(c int) { used[c] = true })
	}
	sortCol, order := -1, candOrder{}
	if len(p.Sort) > 0 {
		sortCol = cols[p.Sort[0].Column]
		order = candOrder{desc: p.Sort[0].Desc, numeric: s.kinds[sortCol] != Text}
	}
	ms := s.prepare(used)
	k := p.limit()
	workers, err := parallel(ctx, ms, func() *projWorker {
		o := order
		o.text = FrenchOrder() // a collator is not safe for concurrent use
		return &projWorker{f: filterer{where: where}, top: topN{o: o, k: k}}
	}, func(w *projWorker, mi int, m *morsel) {
		w.step(m, mi, sortCol)
	})
	if err != nil {
		return nil, err
	}
	var all []cand
	for _, w := range workers {
		res.Matched += w.matched
		all = append(all, w.top.rows...)
	}
	order.text = FrenchOrder()
	slices.SortFunc(all, func(a, b cand) int { return order.cmp(&a, &b) })
	for _, c := range all[:min(len(all), k)] {
		res.Rows = append(res.Rows, s.row(&ms[c.mi], cols, int(c.r)))
	}
	res.Total = int(res.Matched)
	return res, nil
}

// bindProjection resolves the projected columns and checks the sort.
func (s *source) bindProjection(p Plan) (*Result, []int, map[int]bool, error) {
	res, used := &Result{}, map[int]bool{}
	var cols []int
	for _, name := range p.Columns {
		c, err := s.column(name, 0)
		if err != nil {
			return nil, nil, nil, err
		}
		cols = append(cols, c)
		used[c] = true
		res.Columns = append(res.Columns, Column{Name: s.names[c], Kind: s.kinds[c]})
	}
	return res, cols, used, checkOrders(p.Sort, len(cols))
}

// row reads the projected columns of row r of a morsel.
func (s *source) row(m *morsel, cols []int, r int) []Value {
	row := make([]Value, len(cols))
	for i, col := range cols {
		row[i] = m.value(col, s.kinds[col], r)
	}
	return row
}

// step offers the morsel's selected rows to the worker's top-N. Keys are read through
// typed readers and candidates stay on the stack: nothing is allocated per row.
func (w *projWorker) step(m *morsel, mi, sortCol int) {
	sel, n := w.f.rows(m)
	w.matched += int64(n)
	if sortCol >= 0 && w.top.o.numeric && !m.hasNulls(sortCol) {
		sl := m.cols[sortCol]
		switch a := sl.arr.(type) {
		case *array.Float64:
			topNumbers(&w.top, a.Float64Values()[sl.lo:sl.lo+m.n], sel, n, mi)
			return
		case *array.Int64:
			topNumbers(&w.top, a.Int64Values()[sl.lo:sl.lo+m.n], sel, n, mi)
			return
		}
	}
	var num func(int) float64
	var txt func(int) string
	switch {
	case sortCol < 0:
	case w.top.o.numeric:
		num = m.number(sortCol)
	default:
		txt = m.text(sortCol)
	}
	nulls := sortCol >= 0 && m.hasNulls(sortCol)
	for j := 0; j < n; j++ {
		r := row(sel, j)
		c := cand{mi: int32(mi), r: int32(r)}
		switch {
		case nulls && !m.valid(sortCol, r):
			c.null = true
		case num != nil:
			if c.f = num(r); w.top.surelyWorse(c.f) {
				continue
			}
		case txt != nil:
			c.s = txt(r)
		}
		if sortCol < 0 && len(w.top.rows) >= w.top.k && w.top.o.cmp(&c, &w.top.rows[0]) > 0 {
			return // in table order, later rows of this morsel cannot do better
		}
		w.top.offer(c)
	}
}

// topNumbers is step's typed loop for a numeric sort column without nulls: once the heap
// is full, a row costs a load and a comparison with the current worst key, kept in a local.
func topNumbers[T int64 | float64](t *topN, vals []T, sel []int32, n, mi int) {
	worst, full := 0.0, false
	refresh := func() {
		full = len(t.rows) >= t.k && !t.rows[0].null
		if full {
			worst = t.rows[0].f
		}
	}
	refresh()
	desc := t.o.desc
	for j := 0; j < n; j++ {
		r := j
		if sel != nil {
			r = int(sel[j])
		}
		f := float64(vals[r])
		if full && (desc && f < worst || !desc && f > worst) {
			continue
		}
		t.offer(cand{mi: int32(mi), r: int32(r), f: f})
		refresh()
	}
}
