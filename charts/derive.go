package charts

import (
	"atelier/datasets/query"
)

// What a chart derives from the query's values: the "others" group, 100 % stacks, running
// totals, and the labels of date buckets.

// combine makes the "others" value of the categories of sr: their sum, or their min or max.
func (sr series) combine() (float64, bool) {
	f := query.Sum
	if sr.agg != nil {
		f = sr.agg.Func
	}
	if sr.sums != nil {
		sum, n := 0.0, 0.0
		for i := range sr.sums {
			sum, n = sum+sr.sums[i], n+sr.counts[i]
		}
		return sum / max(n, 1), n > 0
	}
	out, seen := 0.0, false
	for i, v := range sr.vals {
		if !sr.ok[i] {
			continue
		}
		switch {
		case !seen:
			out = v
		case f == query.Min:
			out = min(out, v)
		case f == query.Max:
			out = max(out, v)
		default:
			out += v
		}
		seen = true
	}
	return out, seen || additive(f)
}

// toPercent turns each category's values into percents of the category's total.
func (d *shaped) toPercent() {
	for i := range d.cats {
		total := 0.0
		for _, sr := range d.series {
			if sr.ok[i] {
				total += sr.vals[i]
			}
		}
		for k := range d.series {
			sr := &d.series[k]
			if sr.ok[i] && total != 0 {
				sr.vals[i] = sr.vals[i] / total * 100
			}
		}
	}
}

// accumulate replaces each value by the running total along x; a missing value adds 0.
func (d *shaped) accumulate() {
	for k := range d.series {
		sr := &d.series[k]
		run := 0.0
		for i := range sr.vals {
			if sr.ok[i] {
				run += sr.vals[i]
			}
			sr.vals[i], sr.ok[i] = run, true
		}
	}
}

// weekdays are the labels of weekday(…) keys, 1 being Monday.
var weekdays = []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}

// label formats a category of x: a weekday by its name, a month as « mars 2024 ».
func (s *Spec) label(v query.Value) string { return bucketLabel(s.X, v) }

// bucketLabel formats a value of the group key col, which may be a date bucket.
func bucketLabel(col string, v query.Value) string {
	fn, _, ok := query.ParseBucket(col)
	switch {
	case !ok || v.Null:
	case fn == "weekday" && v.Kind == query.Int && v.Int >= 1 && v.Int <= 7:
		return weekdays[v.Int-1]
	case fn == "month" && v.Kind == query.Date:
		return months[v.Time.Month()-1] + " " + v.Time.Format("2006")
	}
	return Label(v)
}

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
