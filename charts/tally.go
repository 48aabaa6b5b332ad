package charts

import (
	"encoding/json"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Tally is a chart of what a room answered to a question, built from values in memory
// rather than from a dataset: the question's results on the wall and the phones. It goes
// through the same typed builders as every chart, so its options hold data only.
type Tally struct {
	Type        string // "bar" (categories), "line" (a series along categories) or "strip" (one dot per guess)
	Categories  []string
	Series      []TallySeries
	Marks       []TallyMark // strip: vertical lines at these values (the median guess, the truth)
	Unit        string      // the value axis's name
	Description string      // for screen readers
	Horizontal  bool        // bar: categories down the side, for long labels
}

// TallySeries is one series of a Tally; NaN values are gaps.
type TallySeries struct {
	Name   string
	Values []float64
	Gaps   []bool // true where the series has no value (a drawing before its first point)
}

// TallyMark is a marked line across a strip.
type TallyMark struct {
	Name  string
	Value float64
}

// TallyOptions builds a Tally's ECharts options.
func TallyOptions(t Tally) (json.RawMessage, error) {
	aria := &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: t.Description}}
	global := []ec.GlobalOpts{
		ec.WithColorsOpts(opts.Colors(Palette)),
		ec.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(len(t.Series) > 1), Type: "scroll", Bottom: "0"}),
		ec.WithAriaOpts(aria),
		ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "24", Bottom: "40"}),
	}
	var ch charter
	switch t.Type {
	case "strip":
		ch = tallyStrip(t, global)
	case "line":
		ch = tallyLine(t, global)
	default:
		ch = tallyBar(t, global)
	}
	ch.Validate()
	raw, err := json.Marshal(ch.JSON())
	if err != nil || t.Type != "strip" || len(t.Marks) == 0 {
		return raw, err
	}
	return markStyles(raw)
}

// markStyles sets each mark's own colour and label place, which go-echarts does not type:
// the room's median below the axis's top, in the palette's blue and dashed; the truth at
// the top, in the palette's vermilion and solid, so that their labels never overlap.
func markStyles(raw json.RawMessage) (json.RawMessage, error) {
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	series, _ := o["series"].([]any)
	if len(series) == 0 {
		return raw, nil
	}
	s0, _ := series[0].(map[string]any)
	ml, _ := s0["markLine"].(map[string]any)
	items, _ := ml["data"].([]any)
	looks := []struct{ color, line, place string }{{Palette[0], "dashed", "insideEndBottom"}, {Palette[5], "solid", "insideEndTop"}}
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok || i >= len(looks) {
			continue
		}
		m["lineStyle"] = map[string]any{"color": looks[i].color, "type": looks[i].line, "width": 3}
		m["label"] = map[string]any{"show": true, "formatter": "{b}", "position": looks[i].place, "color": looks[i].color, "fontWeight": "bold"}
	}
	return json.Marshal(o)
}

func tallyValues(sr TallySeries, i int) any {
	if i < len(sr.Gaps) && sr.Gaps[i] {
		return "-"
	}
	return sr.Values[i]
}

func tallyBar(t Tally, global []ec.GlobalOpts) *ec.Bar {
	b := ec.NewBar()
	tip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}
	global = append(global, ec.WithTooltipOpts(tip))
	val := opts.YAxis{Type: "value", Name: t.Unit, NameLocation: "middle", NameGap: 40}
	if t.Horizontal {
		global = append(global,
			ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: t.Unit, NameLocation: "middle", NameGap: 30}),
			ec.WithYAxisOpts(opts.YAxis{Type: "category", Data: t.Categories, Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 160, Overflow: "break"}}))
		b.XYReversal()
	} else {
		global = append(global, ec.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Width: 90, Overflow: "break"}}), ec.WithYAxisOpts(val))
	}
	b.SetGlobalOptions(global...)
	b.SetXAxis(t.Categories)
	for _, sr := range t.Series {
		data := make([]opts.BarData, len(sr.Values))
		for i := range sr.Values {
			data[i] = opts.BarData{Value: tallyValues(sr, i)}
		}
		b.AddSeries(sr.Name, data, ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	}
	return b
}

func tallyLine(t Tally, global []ec.GlobalOpts) *ec.Line {
	l := ec.NewLine()
	global = append(global, ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "category"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Name: t.Unit, NameLocation: "middle", NameGap: 50, Scale: opts.Bool(true)}))
	l.SetGlobalOptions(global...)
	l.SetXAxis(t.Categories)
	for _, sr := range t.Series {
		data := make([]opts.LineData, len(sr.Values))
		for i := range sr.Values {
			data[i] = opts.LineData{Value: tallyValues(sr, i)}
		}
		l.AddSeries(sr.Name, data, ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
	}
	return l
}

// tallyStrip lays the guesses along one value axis, each dot a person, with the marks as
// vertical lines: where the room stood, and where the truth is.
func tallyStrip(t Tally, global []ec.GlobalOpts) *ec.Scatter {
	s := ec.NewScatter()
	global = append(global, ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: t.Unit, NameLocation: "middle", NameGap: 30, Scale: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Min: 0, Max: 1}))
	s.SetGlobalOptions(global...)
	for k, sr := range t.Series {
		data := make([]opts.ScatterData, len(sr.Values))
		for i, v := range sr.Values {
			// Dots spread over a few rows so that equal guesses stay countable.
			data[i] = opts.ScatterData{Value: []any{v, 0.15 + 0.7*float64(i%7)/6}, SymbolSize: 12}
		}
		var so []ec.SeriesOpts
		if k == 0 && len(t.Marks) > 0 {
			items := make([]opts.MarkLineNameXAxisItem, len(t.Marks))
			for i, m := range t.Marks {
				items[i] = opts.MarkLineNameXAxisItem{Name: m.Name, XAxis: m.Value}
			}
			so = append(so, ec.WithMarkLineNameXAxisItemOpts(items...),
				ec.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"}, Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}"}}))
		}
		s.AddSeries(sr.Name, data, so...)
	}
	return s
}
