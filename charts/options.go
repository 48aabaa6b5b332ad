package charts

import (
	"encoding/json"
	"unicode/utf8"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Palette is Okabe and Ito's colour-blind-safe palette, black last.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// charter is what the go-echarts chart types share once built.
type charter interface {
	Validate()
	JSON() map[string]any
}

// options builds the ECharts option object with go-echarts' typed builders. Only JSON()
// is used: go-echarts' renderers write options unescaped into HTML.
func options(s *Spec, d *shaped, c *Chart) (json.RawMessage, error) {
	global := []ec.GlobalOpts{
		ec.WithTitleOpts(opts.Title{Title: c.Title, Left: "center", Show: opts.Bool(false)}),
		ec.WithColorsOpts(opts.Colors(Palette)),
		ec.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(len(d.series) > 1), Type: "scroll", Bottom: "0"}),
		ec.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.Description}}),
	}
	var ch charter
	switch s.Type {
	case "pie":
		ch = pie(d, global)
	case "line":
		ch = line(s, d, global)
	default:
		ch = bar(s, d, global)
	}
	ch.Validate()
	return json.Marshal(ch.JSON())
}

// axes returns the category and value axes, with labels that stay readable on a phone:
// every label shown, rotated when there are many or long ones.
func axes(s *Spec, d *shaped) (opts.XAxis, opts.YAxis) {
	label := &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(false)}
	longest := 0
	for _, c := range d.cats {
		longest = max(longest, utf8.RuneCountInString(c))
	}
	if !s.Horizontal && (len(d.cats) > 8 || longest*len(d.cats) > 60) {
		label.Rotate = 40
	}
	if len(d.cats) > 40 {
		label.Interval = "auto"
	}
	cat := opts.XAxis{Type: "category", Data: d.cats, AxisLabel: label}
	val := opts.YAxis{Type: "value", Name: s.Unit}
	if s.Format == "percent" {
		val.Name = "%"
	}
	return cat, val
}

func bar(s *Spec, d *shaped, global []ec.GlobalOpts) *ec.Bar {
	b := ec.NewBar()
	cat, val := axes(s, d)
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	global = append(global, ec.WithTooltipOpts(tip), ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "16", Bottom: gridBottom(d)}))
	if s.Horizontal {
		// The category axis is y; inverse keeps the first category on top, as in the table.
		global = append(global,
			ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: val.Name}),
			ec.WithYAxisOpts(opts.YAxis{Type: "category", Data: cat.Data, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 160, Overflow: "break"}}))
		b.XYReversal()
	} else {
		global = append(global, ec.WithXAxisOpts(cat), ec.WithYAxisOpts(val))
	}
	b.SetGlobalOptions(global...)
	b.SetXAxis(d.cats)
	for _, sr := range d.series {
		data := make([]opts.BarData, len(sr.vals))
		for i := range sr.vals {
			data[i] = opts.BarData{Value: point(sr, i)}
		}
		b.AddSeries(sr.name, data, stack(s))
	}
	return b
}

func line(s *Spec, d *shaped, global []ec.GlobalOpts) *ec.Line {
	l := ec.NewLine()
	cat, val := axes(s, d)
	cat.Data = nil // set by SetXAxis
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}
	global = append(global, ec.WithTooltipOpts(tip), ec.WithXAxisOpts(cat), ec.WithYAxisOpts(val),
		ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "16", Bottom: gridBottom(d)}))
	l.SetGlobalOptions(global...)
	l.SetXAxis(d.cats)
	for _, sr := range d.series {
		data := make([]opts.LineData, len(sr.vals))
		for i := range sr.vals {
			data[i] = opts.LineData{Value: point(sr, i)}
		}
		l.AddSeries(sr.name, data, stack(s), ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
	}
	return l
}

func pie(d *shaped, global []ec.GlobalOpts) *ec.Pie {
	p := ec.NewPie()
	global = append(global, ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	p.SetGlobalOptions(global...)
	sr := d.series[0]
	var data []opts.PieData
	for i, c := range d.cats {
		if sr.ok[i] {
			data = append(data, opts.PieData{Name: c, Value: sr.vals[i]})
		}
	}
	p.AddSeries(sr.name, data, ec.WithPieChartOpts(opts.PieChart{Radius: []string{"0", "65%"}, Center: []string{"50%", "50%"}}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	return p
}

// point is a series value for ECharts, "-" marking a missing one.
func point(sr series, i int) any {
	if !sr.ok[i] {
		return "-"
	}
	return sr.vals[i]
}

func stack(s *Spec) ec.SeriesOpts {
	return func(ss *ec.SingleSeries) {
		if s.Stack {
			ss.Stack = "total"
		}
	}
}

// gridBottom leaves room for the legend when there is one.
func gridBottom(d *shaped) string {
	if len(d.series) > 1 {
		return "40"
	}
	return "8"
}
