package datasets

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// ColumnStats summarises a column for the dataset page, computed once at import.
//
// Numbers and dates get min, max, mean and a histogram of 10 equal-width bins; text gets
// its 5 most frequent values. Distinct is exact up to distinctCap values; past it,
// DistinctAtLeast is set and Distinct is the cap. Plain (not dictionary-encoded) text is
// counted over its first textSampleRows rows only (Sampled), which bounds the cost of a
// free-text column of 10 million rows; a dictionary column is always counted in full,
// and cheaply, by its indices.
type ColumnStats struct {
	Distinct        int64        `json:"distinct"`
	DistinctAtLeast bool         `json:"distinct_at_least,omitempty"`
	Sampled         int64        `json:"sampled,omitempty"` // rows counted, when not all
	Min             any          `json:"min,omitempty"`     // number, or ISO date
	Max             any          `json:"max,omitempty"`
	Mean            any          `json:"mean,omitempty"`
	Top             []ValueCount `json:"top,omitempty"`
	Histogram       []Bin        `json:"histogram,omitempty"`
}

// ValueCount is one frequent value.
type ValueCount struct {
	Value string `json:"value"`
	Count int64  `json:"count"`
}

// Bin is one bar of a histogram: values in [Lo, Hi) (the last bin includes Hi). For a date
// column Lo and Hi are ISO dates.
type Bin struct {
	Lo    any   `json:"lo"`
	Hi    any   `json:"hi"`
	Count int64 `json:"count"`
}

const (
	distinctCap    = 100_000
	textSampleRows = 1_000_000
	topValues      = 5
	histogramBins  = 10
)

// columnsWithStats describes t's columns with their statistics, one column per core.
func columnsWithStats(t arrow.Table) []Column {
	cols := columnsOf(t)
	var wg sync.WaitGroup
	next := make(chan int, len(cols))
	for i := range cols {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(cols)) {
		wg.Go(func() {
			for i := range next {
				cols[i].Stats = statsOf(t.Column(i).Data())
			}
		})
	}
	wg.Wait()
	return cols
}

func statsOf(c *arrow.Chunked) *ColumnStats {
	switch dt := c.DataType(); dt.ID() {
	case arrow.INT64, arrow.FLOAT64:
		return numberStats(c, false)
	case arrow.DATE32:
		return numberStats(c, true)
	case arrow.DICTIONARY:
		return dictStats(c)
	case arrow.STRING:
		return textStats(c)
	case arrow.BOOL:
		return textStats(c)
	}
	return nil
}

// numberStats reads numbers (or days) as float64: exact for int64 up to 2^53, enough for a
// summary.
func numberStats(c *arrow.Chunked, dates bool) *ColumnStats {
	st := &ColumnStats{}
	lo, hi, sum, n := math.Inf(1), math.Inf(-1), 0.0, 0
	seen := map[float64]struct{}{}
	each := func(fn func(float64)) {
		for _, ch := range c.Chunks() {
			for i := 0; i < ch.Len(); i++ {
				if ch.IsNull(i) {
					continue
				}
				var x float64
				switch a := ch.(type) {
				case *array.Int64:
					x = float64(a.Value(i))
				case *array.Float64:
					x = a.Value(i)
				case *array.Date32:
					x = float64(a.Value(i))
				}
				if math.IsNaN(x) || math.IsInf(x, 0) {
					continue
				}
				fn(x)
			}
		}
	}
	each(func(x float64) {
		lo, hi, sum, n = min(lo, x), max(hi, x), sum+x, n+1
		if !st.DistinctAtLeast {
			seen[x] = struct{}{}
			if len(seen) >= distinctCap {
				st.DistinctAtLeast = true
			}
		}
	})
	st.Distinct = int64(len(seen))
	if n == 0 {
		return st
	}
	bins := make([]int64, histogramBins)
	width := (hi - lo) / histogramBins
	each(func(x float64) {
		k := histogramBins - 1
		if width > 0 {
			k = min(int((x-lo)/width), histogramBins-1)
		}
		bins[k]++
	})
	show := func(x float64) any {
		if dates {
			return arrow.Date32(int32(math.Floor(x))).ToTime().Format(time.DateOnly)
		}
		return x
	}
	st.Min, st.Max, st.Mean = show(lo), show(hi), show(sum/float64(n))
	if width == 0 {
		st.Histogram = []Bin{{Lo: show(lo), Hi: show(hi), Count: int64(n)}}
		return st
	}
	for k, cnt := range bins {
		st.Histogram = append(st.Histogram, Bin{Lo: show(lo + float64(k)*width), Hi: show(lo + float64(k+1)*width), Count: cnt})
	}
	return st
}

// dictStats counts a dictionary column by its indices.
func dictStats(c *arrow.Chunked) *ColumnStats {
	counts := map[string]int64{}
	for _, ch := range c.Chunks() {
		d := ch.(*array.Dictionary)
		per := make([]int64, d.Dictionary().Len())
		for i := 0; i < d.Len(); i++ {
			if d.IsValid(i) {
				per[d.GetValueIndex(i)]++
			}
		}
		for j, n := range per {
			if n > 0 {
				counts[d.Dictionary().ValueStr(j)] += n
			}
		}
	}
	return &ColumnStats{Distinct: int64(len(counts)), Top: top(counts)}
}

func textStats(c *arrow.Chunked) *ColumnStats {
	st := &ColumnStats{}
	counts := map[string]int64{}
	rows := int64(0)
	for _, ch := range c.Chunks() {
		for i := 0; i < ch.Len() && rows < textSampleRows; i++ {
			rows++
			if ch.IsNull(i) {
				continue
			}
			var s string
			if str, ok := ch.(*array.String); ok {
				s = str.Value(i)
			} else {
				s = textOf(ch, i)
			}
			if _, ok := counts[s]; ok || len(counts) < distinctCap {
				counts[s]++
			} else {
				st.DistinctAtLeast = true
			}
		}
	}
	if rows < int64(c.Len()) {
		st.Sampled = rows
		st.DistinctAtLeast = true
	}
	st.Distinct, st.Top = int64(len(counts)), top(counts)
	return st
}

// top returns the most frequent values, ties in alphabetical order; none when every value
// is unique (a list of five values seen once says nothing). One pass keeps the best
// topValues: a full sort of 100,000 counts would cost more than counting them.
func top(counts map[string]int64) []ValueCount {
	better := func(a, b ValueCount) bool { return a.Count > b.Count || (a.Count == b.Count && a.Value < b.Value) }
	best := make([]ValueCount, 0, topValues+1)
	for v, n := range counts {
		c := ValueCount{v, n}
		if len(best) == topValues && !better(c, best[topValues-1]) {
			continue
		}
		i := len(best)
		for i > 0 && better(c, best[i-1]) {
			i--
		}
		best = slices.Insert(best, i, c)
		if len(best) > topValues {
			best = best[:topValues]
		}
	}
	if len(best) == 0 || best[0].Count == 1 {
		return nil
	}
	return best
}
