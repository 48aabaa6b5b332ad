// The schema table's statistics, ready to show: distinct counts, a summary line, the
// histogram drawn as SVG rectangles and the most frequent values.

package web

import (
	"fmt"
	"math"
	"net/url"

	"atelier/datasets"
	"atelier/internal/localfmt"
)

// columnView is one line of the schema table, with its statistics ready to show.
type columnView struct {
	datasets.Column
	SortAsc, SortDesc string // links that sort the preview by this column
	AriaSort          string // "ascending", "descending" or "none"
	Distinct          string
	Summary           []string // « min 3 », « max 10 », « moyenne 5,2 »
	Bars              []bar    // histogram, drawn as SVG rectangles
	Top               []topValue
}

// bar is one rectangle of a histogram in a 100×40 SVG box.
type bar struct {
	X, Y, W, H int
	Title      string
}

type topValue struct {
	Value, Count string
	Width        int // of 60
}

func newColumnView(lang string, c datasets.Column, base string, sort previewSort) columnView {
	v := columnView{Column: c, AriaSort: "none",
		SortAsc:  base + "sort=" + url.QueryEscape(c.Name),
		SortDesc: base + "sort=" + url.QueryEscape(c.Name) + "&desc=1"}
	if sort.Column == c.Name {
		v.AriaSort = map[bool]string{false: "ascending", true: "descending"}[sort.Desc]
	}
	st := c.Stats
	if st == nil {
		return v
	}
	v.Distinct = localfmt.Int(lang, st.Distinct)
	if st.DistinctAtLeast {
		v.Distinct = translate(lang, "dataset.distinct.atleast", v.Distinct)
	}
	for _, kv := range []struct {
		id  string
		val any
	}{{"dataset.stat.min", st.Min}, {"dataset.stat.max", st.Max}, {"dataset.stat.mean", st.Mean}} {
		if kv.val != nil {
			v.Summary = append(v.Summary, translate(lang, kv.id, statText(lang, kv.val)))
		}
	}
	v.Bars = histogramBars(lang, st.Histogram)
	var most int64
	for _, t := range st.Top {
		most = max(most, t.Count)
	}
	for _, t := range st.Top {
		v.Top = append(v.Top, topValue{Value: t.Value, Count: localfmt.Int(lang, t.Count), Width: int(1 + 59*t.Count/most)})
	}
	return v
}

// statText writes a statistic as formatCell writes a value of lang.
func statText(lang string, v any) string {
	switch v := v.(type) {
	case float64:
		return localfmt.Float(lang, roundTo(v, 4))
	case string:
		return formatCell(lang, v).Text
	}
	return fmt.Sprint(v)
}

// roundTo keeps about n significant decimals: a mean of 20,1666666 reads 20,1667.
func roundTo(f float64, n int) float64 {
	p := math.Pow(10, float64(n))
	if math.Abs(f) >= 1e15 {
		return f
	}
	return math.Round(f*p) / p
}

func histogramBars(lang string, bins []datasets.Bin) []bar {
	var most int64
	for _, b := range bins {
		most = max(most, b.Count)
	}
	if most == 0 || len(bins) == 0 {
		return nil
	}
	w := 100 / len(bins)
	out := make([]bar, len(bins))
	for i, b := range bins {
		h := int(b.Count * 40 / most)
		if b.Count > 0 {
			h = max(h, 1)
		}
		out[i] = bar{X: i * w, Y: 40 - h, W: w - 1, H: h,
			Title: translate(lang, "dataset.bar", statText(lang, b.Lo), statText(lang, b.Hi), localfmt.Int(lang, b.Count))}
	}
	return out
}
