package charts

import (
	"atelier/datasets/query"
)

// keyCount is how many group or projection columns come before the measures: x (when
// given) and series.
func (s *Spec) keyCount() int {
	n := 0
	if s.X != "" {
		n++
	}
	if s.Series != "" {
		n++
	}
	return n
}

// aggregated reports whether the measures are aggregates (else bare columns, row by row).
func (s *Spec) aggregated() bool { return s.Agg != nil }

// plan turns the spec into a query. Series and "others" need every group, to pivot and to
// combine the rest; otherwise the engine applies the limit itself.
func (s *Spec) plan() query.Plan {
	p := query.Plan{Where: s.Filter}
	var keys []string
	if s.X != "" {
		keys = append(keys, s.X)
	}
	if s.Series != "" {
		keys = append(keys, s.Series)
	}
	if s.aggregated() {
		p.GroupBy = keys
		for _, m := range s.Measures {
			p.Aggregates = append(p.Aggregates, *m.Agg)
		}
		p.Aggregates = append(p.Aggregates, s.weights()...)
	} else {
		p.Columns = keys
		for _, m := range s.Measures {
			p.Columns = append(p.Columns, m.Text)
		}
	}
	yCol := s.keyCount()
	switch s.sortKey() {
	case "y":
		p.Sort = []query.Order{{Column: yCol}}
	case "-y":
		p.Sort = []query.Order{{Column: yCol, Desc: true}}
	case "-x":
		p.Sort = []query.Order{{Column: 0, Desc: true}}
	case "x":
		p.Sort = []query.Order{{Column: 0}}
	}
	if s.Series == "" && s.Others == "" {
		p.Limit = MaxCategories + 1
		if s.Limit > 0 {
			p.Limit = s.Limit
		}
	}
	return p
}

// sortKey is the sort asked for, or the default: top-N, pies and treemaps biggest first;
// lines of rows by x; else groups in key order (x order), projected rows in table order.
func (s *Spec) sortKey() string {
	switch {
	case s.Sort != "" && s.X == "" && (s.Sort == "x" || s.Sort == "-x"):
		return ""
	case s.Sort != "":
		return s.Sort
	case s.Type == "pie" || s.Type == "donut" || s.Type == "treemap" || (s.Limit > 0 && (s.Type == "bar" || s.Type == "table")):
		return "-y"
	case !s.aggregated() && s.X != "" && (s.Type == "line" || s.Type == "area"):
		return "x"
	}
	return ""
}

// weights are the hidden aggregates that let the "others" group of a mean be the mean of
// the rest: for each mean(c), sum(c) and count(c), after the measures.
func (s *Spec) weights() []query.Aggregate {
	if s.Others == "" {
		return nil
	}
	var out []query.Aggregate
	for _, m := range s.Measures {
		if m.Agg != nil && m.Agg.Func == query.Mean {
			out = append(out, query.Aggregate{Func: query.Sum, Column: m.Agg.Column}, query.Aggregate{Func: query.Count, Column: m.Agg.Column})
		}
	}
	return out
}

// weightColumns gives, per measure, the result columns of its hidden sum and count, or -1.
func (s *Spec) weightColumns() [][2]int {
	out := make([][2]int, len(s.Measures))
	next := s.keyCount() + len(s.Measures)
	for i, m := range s.Measures {
		out[i] = [2]int{-1, -1}
		if s.Others != "" && m.Agg != nil && m.Agg.Func == query.Mean {
			out[i] = [2]int{next, next + 1}
			next += 2
		}
	}
	return out
}
