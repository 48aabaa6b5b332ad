// Running a grouped plan: workers filter and accumulate morsels, then their groups are
// merged, ordered and cut to the plan's limit.

package query

import (
	"context"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
)

// aggWorker is one worker's state for a grouped query.
type aggWorker struct {
	f       filterer
	keys    []*keyCache
	groups  *groupCache
	accs    []*acc
	ids     [][]int32
	gid     []int32
	days    []int64 // date buckets of the morsel's rows
	seen    []bool  // per group id: a selected row fell in it (dictionary keys intern unseen values)
	matched int64
}

// bindAggregate resolves the group columns and aggregates of p, and the accumulators
// they read.
func (s *source) bindAggregate(p Plan, used map[int]bool) ([]int, *grouper, []*boundAgg, []*accSpec, error) {
	g := &grouper{index: map[string]int32{}}
	var keyCols []int
	for _, name := range p.GroupBy {
		c, b, err := s.groupKey(name)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		keyCols = append(keyCols, c)
		used[c] = true
		g.dicts = append(g.dicts, newDict(b.kind(s.kinds[c]), s.t.Schema().Field(c).Type))
		g.buckets = append(g.buckets, b)
		g.names = append(g.names, name)
	}
	var aggs []*boundAgg
	var specs []*accSpec
	for _, a := range p.Aggregates {
		b := &boundAgg{Aggregate: a, kind: Int}
		spec := &accSpec{kind: accRows, col: -1, colKind: Int}
		if a.Column != "" {
			c, err := s.column(a.Column, 0)
			if err != nil {
				return nil, nil, nil, nil, err
			}
			if err := a.check(s.names[c], s.kinds[c]); err != nil {
				return nil, nil, nil, nil, err
			}
			b.kind = s.kinds[c]
			spec = &accSpec{kind: accKindOf(a.Func, b.kind), col: c, colKind: b.kind}
			used[c] = true
		}
		b.state, specs = shareSpec(specs, spec, s.t.Schema().Field(max(spec.col, 0)).Type)
		specs[b.state].minmax = specs[b.state].minmax || a.Func == Min || a.Func == Max
		specs[b.state].median = specs[b.state].median || a.Func == Median
		aggs = append(aggs, b)
	}
	return keyCols, g, aggs, specs, nil
}

// accKindOf is the accumulator an aggregate reads.
func accKindOf(f Func, k Kind) accKind {
	switch {
	case f == Distinct:
		return accDistinct
	case k.Numeric() || k == Date || k == Time:
		return accNumbers
	}
	return accCount
}

// shareSpec returns the index of the accumulator for spec, adding it if it is new.
func shareSpec(specs []*accSpec, spec *accSpec, dt arrow.DataType) (int, []*accSpec) {
	for i, s := range specs {
		if s.kind == spec.kind && s.col == spec.col {
			return i, specs
		}
	}
	spec.vals = newDict(spec.colKind, dt)
	return len(specs), append(specs, spec)
}

func (s *source) aggregate(ctx context.Context, where pred, p Plan) (*Result, error) {
	used := map[int]bool{}
	keyCols, g, aggs, specs, err := s.bindAggregate(p, used)
	if err != nil {
		return nil, err
	}
	if err := checkOrders(p.Sort, len(keyCols)+len(aggs)); err != nil {
		return nil, err
	}
	if where != nil {
		where.columns(func(c int) { used[c] = true })
	}
	ms := s.prepare(used)
	newWorker := func() *aggWorker {
		w := &aggWorker{f: filterer{where: where}, groups: newGroupCache(g), ids: make([][]int32, len(keyCols))}
		for _, d := range g.dicts {
			w.keys = append(w.keys, newKeyCache(d))
		}
		for _, spec := range specs {
			w.accs = append(w.accs, newAcc(spec))
		}
		return w
	}
	workers, err := parallel(ctx, ms, newWorker, func(w *aggWorker, _ int, m *morsel) {
		w.step(m, keyCols, g)
	})
	if err != nil {
		return nil, err
	}
	return s.groupResult(g, keyCols, aggs, workers, p), nil
}

// step groups and aggregates one morsel.
func (w *aggWorker) step(m *morsel, keyCols []int, g *grouper) {
	sel, n := w.f.rows(m)
	if n == 0 {
		return
	}
	w.matched += int64(n)
	for k, c := range keyCols {
		w.ids[k] = slices.Grow(w.ids[k][:0], n)[:n]
		if b := g.buckets[k]; b != noBucket {
			w.keys[k].bucketIDs(m, c, b, sel, w.ids[k], &w.days)
		} else {
			w.keys[k].ids(m, c, sel, w.ids[k])
		}
	}
	w.gid = slices.Grow(w.gid[:0], n)[:n]
	w.groups.assign(w.ids, n, w.gid)
	groups := g.count()
	if len(w.seen) < groups {
		w.seen = append(w.seen, make([]bool, groups-len(w.seen))...)
	}
	for _, id := range w.gid {
		w.seen[id] = true
	}
	for _, a := range w.accs {
		a.grow(groups)
		a.feed(m, sel, w.gid)
	}
}

// groupResult merges the workers and builds the sorted, limited rows.
func (s *source) groupResult(g *grouper, keyCols []int, aggs []*boundAgg, workers []*aggWorker, p Plan) *Result {
	n := g.count()
	res := &Result{}
	for k, c := range keyCols {
		name := s.names[c]
		if g.buckets[k] != noBucket {
			name = g.names[k]
		}
		res.Columns = append(res.Columns, Column{Name: name, Kind: g.dicts[k].kind})
	}
	for _, b := range aggs {
		res.Columns = append(res.Columns, Column{Name: b.String(), Kind: b.resultKind(b.kind)})
	}
	final := workers[0].accs
	for _, w := range workers {
		res.Matched += w.matched
	}
	for _, a := range final {
		a.grow(n)
	}
	for _, w := range workers[1:] {
		for i, a := range w.accs {
			final[i].merge(a)
		}
	}
	for id := 0; id < n; id++ {
		if len(keyCols) > 0 && !seenBy(workers, id) {
			continue // a dictionary value no selected row has
		}
		row := make([]Value, 0, len(res.Columns))
		if len(keyCols) > 0 {
			for k, kid := range g.key(id) {
				row = append(row, g.dicts[k].vals[kid])
			}
		}
		for _, b := range aggs {
			row = append(row, final[b.state].value(id, b.Func))
		}
		res.Rows = append(res.Rows, row)
	}
	shares(res.Rows, aggs, len(keyCols))
	keys := make([]Order, len(keyCols))
	for k := range keys {
		keys[k] = Order{Column: k}
	}
	sortRows(res.Rows, append(slices.Clone(p.Sort), keys...))
	res.Total = len(res.Rows)
	res.Rows = res.Rows[:min(len(res.Rows), p.limit())]
	return res
}

// sortRows sorts stably by the orders in turn; nulls stay last whatever the direction.
func sortRows(rows [][]Value, orders []Order) {
	text := FrenchOrder()
	slices.SortStableFunc(rows, func(a, b []Value) int {
		for _, o := range orders {
			x, y := a[o.Column], b[o.Column]
			c := Compare(x, y, text)
			if o.Desc && !x.Null && !y.Null {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
}

// seenBy reports whether any worker saw a selected row in group id.
func seenBy(workers []*aggWorker, id int) bool {
	for _, w := range workers {
		if id < len(w.seen) && w.seen[id] {
			return true
		}
	}
	return false
}
