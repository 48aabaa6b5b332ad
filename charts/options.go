package charts

import (
	"encoding/json"
	"unicode/utf8"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// Palette is Okabe and Ito's colour-blind-safe palette, black last.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// Sequential is the colour scale of maps and heatmaps: one hue, light to dark, which reads
// in any colour vision and in grey on paper.
var Sequential = []string{"#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"}

// charter is what the go-echarts chart types share once built.
type charter interface {
	Validate()
	JSON() map[string]any
}

// options builds the ECharts option object with go-echarts' typed builders. Only JSON()
// is used: go-echarts' renderers write options unescaped into HTML. A few settings that
// go-echarts does not type (decals, fractional treemap values) are set on the JSON tree
// afterwards, as plain data.
func options(s *Spec, d *shaped, c *Chart) (json.RawMessage, error) {
	if s.Type == "table" || s.Type == "number" {
		return json.RawMessage("{}"), nil // drawn by the page as HTML, not by ECharts
	}
	var ch charter
	global := globals(s, d, c)
	switch s.Type {
	case "pie", "donut":
		ch = pie(s, d, global)
	case "line", "area":
		ch = line(s, d, global)
	case "heatmap":
		ch = heatmap(s, d, global)
	case "treemap":
		ch = treemap(d, global)
	case "map":
		ch = choropleth(d, c.Map.Name, global)
	default:
		ch = bar(s, d, global)
	}
	return finish(s, d, ch)
}

// globals are the options every chart shares: a hidden title (the page shows it), the
// palette, no toolbox, a legend when there are several series, and the ARIA description.
func globals(s *Spec, d *shaped, c *Chart) []ec.GlobalOpts {
	aria := &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.Description}}
	if s.Decal || s.Theme == "impression" {
		aria.Decal = &opts.AriaDecal{Show: opts.Bool(true)}
	}
	return []ec.GlobalOpts{
		ec.WithTitleOpts(opts.Title{Title: c.Title, Subtitle: s.Subtitle, Left: "center", Show: opts.Bool(false)}),
		ec.WithColorsOpts(opts.Colors(Palette)),
		ec.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(len(d.series) > 1 && s.Type != "heatmap"), Type: "scroll", Bottom: "0"}),
		ec.WithAriaOpts(aria),
	}
}

// finish validates, serialises, and applies the settings go-echarts does not type.
func finish(s *Spec, d *shaped, ch charter) (json.RawMessage, error) {
	ch.Validate()
	raw, err := json.Marshal(ch.JSON())
	if err != nil || (s.Type != "treemap" && s.Type != "map") {
		return raw, err
	}
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	ss, _ := o["series"].([]any)
	if len(ss) != 1 {
		return raw, nil
	}
	series := ss[0].(map[string]any)
	switch s.Type {
	case "treemap":
		// go-echarts types treemap values as int: put the exact values back.
		series["data"] = treemapData(d)
		series["breadcrumb"] = map[string]any{"show": false}
		series["nodeClick"] = false
		if series["levels"] == nil {
			delete(series, "levels")
		}
	case "map":
		series["showLegendSymbol"] = false // else a dot on every shape
		if vm := piecewise(d.values()); vm != nil {
			o["visualMap"] = vm
			series["left"], series["right"], series["top"], series["bottom"] = "8", "8", "8", "120" // room for the scale below
		}
	}
	return json.Marshal(o)
}

// valueAxisName places the unit along the value axis, centred and clear of the tick
// labels: at the axis's end it overlapped the plot or was cut at the edge.
func valueAxisName(s *Spec, d *shaped) (string, int) {
	name := s.Unit
	if s.Format == "percent" || s.Percent {
		name = "%"
	}
	if name == "" {
		return "", 0
	}
	widest := 0
	for _, v := range d.values() {
		widest = max(widest, utf8.RuneCountInString(localfmt.Decimal("fr", v, 0)))
	}
	return name, 14 + 8*min(widest, 9)
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
	name, gap := valueAxisName(s, d)
	val := opts.YAxis{Type: "value", Name: name, NameLocation: "middle", NameGap: gap}
	if s.Percent {
		val.Max = 100
	}
	return cat, val
}

// timeAxis reports whether x is drawn as a time line: dates along a line or an area.
func timeAxis(s *Spec, d *shaped) bool {
	return (s.Type == "line" || s.Type == "area") && (d.xKind == query.Date || d.xKind == query.Time) && len(d.keys) == len(d.cats)
}

func grid(d *shaped) ec.GlobalOpts {
	return ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "16", Bottom: gridBottom(d)})
}

func bar(s *Spec, d *shaped, global []ec.GlobalOpts) *ec.Bar {
	b := ec.NewBar()
	cat, val := axes(s, d)
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	global = append(global, ec.WithTooltipOpts(tip), grid(d))
	if s.Horizontal {
		// The category axis is y; inverse keeps the first category on top, as in the table.
		global = append(global,
			ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: val.Name, NameLocation: "middle", NameGap: 30, Max: val.Max}),
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
	timed := timeAxis(s, d)
	if timed {
		cat = opts.XAxis{Type: "time"}
	}
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}
	global = append(global, ec.WithTooltipOpts(tip), ec.WithXAxisOpts(cat), ec.WithYAxisOpts(val), grid(d))
	l.SetGlobalOptions(global...)
	if !timed {
		l.SetXAxis(d.cats)
	}
	for _, sr := range d.series {
		data := make([]opts.LineData, len(sr.vals))
		for i := range sr.vals {
			data[i] = opts.LineData{Value: point(sr, i)}
			if timed {
				data[i].Value = []any{d.keys[i].Time.Format(isoLayout(d.keys[i])), point(sr, i)}
			}
		}
		so := []ec.SeriesOpts{stack(s), ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(sr.vals) <= 60), ConnectNulls: opts.Bool(false)})}
		if s.Type == "area" {
			so = append(so, ec.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.35)}))
		}
		l.AddSeries(sr.name, data, so...)
	}
	return l
}

// isoLayout writes a date as yyyy-mm-dd, a timestamp with its time.
func isoLayout(v query.Value) string {
	if v.Kind == query.Time {
		return "2006-01-02T15:04:05Z07:00"
	}
	return "2006-01-02"
}

func pie(s *Spec, d *shaped, global []ec.GlobalOpts) *ec.Pie {
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
	radius := []string{"0", "65%"}
	if s.Type == "donut" {
		radius = []string{"40%", "65%"}
	}
	p.AddSeries(sr.name, data, ec.WithPieChartOpts(opts.PieChart{Radius: radius, Center: []string{"50%", "50%"}}),
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
