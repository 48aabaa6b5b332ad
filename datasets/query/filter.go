package query

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// scratch hands out reusable boolean buffers for evaluating nested conditions.
type scratch struct{ free [][]bool }

func (s *scratch) get(n int) []bool {
	if k := len(s.free); k > 0 {
		b := s.free[k-1]
		s.free = s.free[:k-1]
		if cap(b) >= n {
			return b[:n]
		}
	}
	return make([]bool, n, morselRows)
}

func (s *scratch) put(b []bool) { s.free = append(s.free, b) }

type logicalPred struct {
	or   bool
	l, r pred
}

func (p *logicalPred) eval(m *morsel, out []bool, s *scratch) {
	p.l.eval(m, out, s)
	tmp := s.get(len(out))
	p.r.eval(m, tmp, s)
	if p.or {
		for i, v := range tmp {
			out[i] = out[i] || v
		}
	} else {
		for i, v := range tmp {
			out[i] = out[i] && v
		}
	}
	s.put(tmp)
}

func (p *logicalPred) columns(add func(int)) { p.l.columns(add); p.r.columns(add) }

type notPred struct{ x pred }

func (p *notPred) eval(m *morsel, out []bool, s *scratch) {
	p.x.eval(m, out, s)
	for i, v := range out {
		out[i] = !v
	}
}

func (p *notPred) columns(add func(int)) { p.x.columns(add) }

// maskNulls clears out[i] where the column is null: a missing value satisfies no comparison.
func maskNulls(m *morsel, col int, out []bool) {
	if !m.hasNulls(col) {
		return
	}
	for i := range out {
		if out[i] && !m.valid(col, i) {
			out[i] = false
		}
	}
}

type nullPred struct {
	col    int
	isNull bool
}

func (p *nullPred) eval(m *morsel, out []bool, _ *scratch) {
	for i := range out {
		out[i] = m.valid(p.col, i) != p.isNull
	}
}

func (p *nullPred) columns(add func(int)) { add(p.col) }

type constPred struct {
	col int
	v   bool
}

func (p *constPred) eval(m *morsel, out []bool, _ *scratch) {
	for i := range out {
		out[i] = p.v
	}
	maskNulls(m, p.col, out)
}

func (p *constPred) columns(add func(int)) { add(p.col) }

type boolPred struct {
	col  int
	want bool
}

func (p *boolPred) eval(m *morsel, out []bool, _ *scratch) {
	sl := m.cols[p.col]
	a := sl.arr.(*array.Boolean)
	for i := range out {
		out[i] = a.Value(sl.lo+i) == p.want
	}
	maskNulls(m, p.col, out)
}

func (p *boolPred) columns(add func(int)) { add(p.col) }

type textPred struct {
	col int
	op  string
	lit string
}

func (p *textPred) eval(m *morsel, out []bool, _ *scratch) {
	sl := m.cols[p.col]
	switch a := sl.arr.(type) {
	case *array.String:
		textKernel(out, p.op, p.lit, func(i int) string { return a.Value(sl.lo + i) })
	case *array.Dictionary:
		// Compare each distinct value once, then only look indices up.
		get := dictText(a)
		n := a.Dictionary().Len()
		matches := make([]bool, n)
		textKernel(matches, p.op, p.lit, get)
		dictMatch(a, sl.lo, matches, out)
	default:
		textKernel(out, p.op, p.lit, m.text(p.col))
	}
	maskNulls(m, p.col, out)
}

func (p *textPred) columns(add func(int)) { add(p.col) }

// textKernel compares strings in byte order; equality, the common case, has its own loop.
func textKernel(out []bool, op, lit string, get func(int) string) {
	switch op {
	case "=":
		for i := range out {
			out[i] = get(i) == lit
		}
	case "contains": // lit is lower-cased; so is each value, so the match ignores case
		for i := range out {
			out[i] = strings.Contains(strings.ToLower(get(i)), lit)
		}
	case "!=":
		for i := range out {
			out[i] = get(i) != lit
		}
	case "<":
		for i := range out {
			out[i] = get(i) < lit
		}
	case "<=":
		for i := range out {
			out[i] = get(i) <= lit
		}
	case ">":
		for i := range out {
			out[i] = get(i) > lit
		}
	default:
		for i := range out {
			out[i] = get(i) >= lit
		}
	}
}

type numPred struct {
	col   int
	op    string
	i     int64
	f     float64
	float bool
}

func (p *numPred) eval(m *morsel, out []bool, _ *scratch) {
	sl := m.cols[p.col]
	lo, hi := sl.lo, sl.lo+len(out)
	switch a := sl.arr.(type) {
	case *array.Float64:
		cmpKernel(a.Float64Values()[lo:hi], p.op, p.f, out)
	case *array.Int64:
		cmpKernel(a.Int64Values()[lo:hi], p.op, p.i, out)
	case *array.Int32:
		cmpWide(a.Int32Values()[lo:hi], p.op, p.i, out)
	case *array.Date32:
		cmpWide(a.Date32Values()[lo:hi], p.op, p.i, out)
	case *array.Timestamp:
		cmpKernel(a.TimestampValues()[lo:hi], p.op, p.i, out)
	}
	maskNulls(m, p.col, out)
}

func (p *numPred) columns(add func(int)) { add(p.col) }

type number interface {
	~int32 | ~int64 | ~float64
}

// cmpKernel is the typed comparison loop; one loop per operator keeps it branch-free.
func cmpKernel[T number, L number](vals []T, op string, lit L, out []bool) {
	v := T(lit)
	switch op {
	case "=":
		for i, x := range vals {
			out[i] = x == v
		}
	case "!=":
		for i, x := range vals {
			out[i] = x != v
		}
	case "<":
		for i, x := range vals {
			out[i] = x < v
		}
	case "<=":
		for i, x := range vals {
			out[i] = x <= v
		}
	case ">":
		for i, x := range vals {
			out[i] = x > v
		}
	default:
		for i, x := range vals {
			out[i] = x >= v
		}
	}
}

// cmpWide compares 32-bit values with a 64-bit literal, which may not fit in 32 bits.
func cmpWide[T ~int32](vals []T, op string, lit int64, out []bool) {
	wide := make([]int64, len(vals))
	for i, x := range vals {
		wide[i] = int64(x)
	}
	cmpKernel(wide, op, lit, out)
}
