package query

import "slices"

// merge adds another worker's accumulator into a.
func (a *acc) merge(o *acc) {
	a.grow(len(o.n))
	for g := range o.n {
		if o.n[g] == 0 {
			continue
		}
		if a.spec.kind == accNumbers {
			a.mergeNumbers(o, g)
		}
		if a.vals != nil {
			a.vals[g] = append(a.vals[g], o.vals[g]...)
		}
		a.n[g] += o.n[g]
	}
	for k := range o.seen {
		a.seen[k] = struct{}{}
	}
}

func (a *acc) mergeNumbers(o *acc, g int) {
	first := a.n[g] == 0
	a.sumI[g] += o.sumI[g]
	a.sumF[g] += o.sumF[g]
	if first || o.minI[g] < a.minI[g] {
		a.minI[g] = o.minI[g]
	}
	if first || o.maxI[g] > a.maxI[g] {
		a.maxI[g] = o.maxI[g]
	}
	if first || o.minF[g] < a.minF[g] {
		a.minF[g] = o.minF[g]
	}
	if first || o.maxF[g] > a.maxF[g] {
		a.maxF[g] = o.maxF[g]
	}
}

// value is the aggregate fn's result for group g.
func (a *acc) value(g int, fn Func) Value {
	k := Aggregate{Func: fn}.resultKind(a.spec.colKind)
	isFloat := a.spec.colKind == Float
	switch fn {
	case Count:
		return Value{Kind: Int, Int: a.n[g]}
	case Distinct:
		if a.distinct == nil {
			a.distinct = make([]int64, len(a.n))
			for key := range a.seen {
				a.distinct[key>>32]++
			}
		}
		return Value{Kind: Int, Int: a.distinct[g]}
	case Share: // the group's part; shares() divides by the total
		if a.spec.kind != accNumbers {
			return Value{Kind: Float, Float: float64(a.n[g])}
		}
		if isFloat {
			return Value{Kind: Float, Float: a.sumF[g]}
		}
		return Value{Kind: Float, Float: float64(a.sumI[g])}
	case Sum:
		if isFloat {
			return Value{Kind: k, Float: a.sumF[g]}
		}
		return Value{Kind: k, Int: a.sumI[g]}
	}
	if a.n[g] == 0 {
		return Value{Kind: k, Null: true}
	}
	switch fn {
	case Mean:
		if isFloat {
			return Value{Kind: Float, Float: a.sumF[g] / float64(a.n[g])}
		}
		return Value{Kind: Float, Float: float64(a.sumI[g]) / float64(a.n[g])}
	case Median:
		return Value{Kind: Float, Float: median(a.vals[g])}
	case Min:
		if isFloat {
			return Value{Kind: Float, Float: a.minF[g]}
		}
		return a.spec.vals.value(uint64(a.minI[g]))
	}
	if isFloat {
		return Value{Kind: Float, Float: a.maxF[g]}
	}
	return a.spec.vals.value(uint64(a.maxI[g]))
}

func median(v []float64) float64 {
	slices.Sort(v)
	h := len(v) / 2
	if len(v)%2 == 1 {
		return v[h]
	}
	return (v[h-1] + v[h]) / 2
}
