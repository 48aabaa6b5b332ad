// The charts whose colour carries the value — heatmap, treemap and choropleth map — and
// the colour scale they share.

package charts

import (
	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// scale is the colour scale of maps and heatmaps, from the smallest value to the largest,
// laid along the bottom so that it never covers the shapes on a phone.
func scale(d *shaped, top bool) ec.GlobalOpts {
	lo, hi, seen := 0.0, 0.0, false
	for _, v := range d.values() {
		if !seen || v < lo {
			lo = v
		}
		if !seen || v > hi {
			hi = v
		}
		seen = true
	}
	if lo == hi {
		hi = lo + 1
	}
	vm := opts.VisualMap{
		Type: "continuous", Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi),
		InRange: &opts.VisualMapInRange{Color: Sequential}, Orient: "horizontal", Left: "center", Bottom: "0",
	}
	if top { // a heatmap's x labels take the bottom
		vm.Top, vm.Bottom = "0", ""
	}
	return ec.WithVisualMapOpts(vm)
}

func heatmap(s *Spec, d *shaped, global []ec.GlobalOpts) *ec.HeatMap {
	h := ec.NewHeatMap()
	cat, _ := axes(s, d)
	longest := 0
	for _, c := range d.cats {
		longest = max(longest, len([]rune(c)))
	}
	if longest*len(d.cats) > 36 {
		cat.AxisLabel.Rotate = 40 // cells are narrow: slant the labels rather than overlap them
	}
	rows := make([]string, len(d.series))
	for k, sr := range d.series {
		rows[k] = sr.name
	}
	global = append(global, scale(d, true),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		ec.WithXAxisOpts(cat),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, AxisLabel: &opts.AxisLabel{Interval: "0", Width: 140, Overflow: "truncate"}}),
		ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "56", Bottom: "8"}))
	h.SetGlobalOptions(global...)
	h.SetXAxis(d.cats)
	var data []opts.HeatMapData
	for k, sr := range d.series {
		for i := range d.cats {
			if sr.ok[i] {
				data = append(data, opts.HeatMapData{Value: [3]any{i, k, sr.vals[i]}})
			}
		}
	}
	h.AddSeries(s.measure(), data, ec.WithLabelOpts(opts.Label{Show: opts.Bool(len(d.cats)*len(d.series) <= 60)}))
	return h
}

func treemap(d *shaped, global []ec.GlobalOpts) *ec.TreeMap {
	t := ec.NewTreeMap()
	global = append(global, ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	t.SetGlobalOptions(global...)
	t.AddSeries(d.series[0].name, nil, ec.WithTreeMapOpts(opts.TreeMapChart{
		Roam: opts.Bool(false), Left: "0", Right: "0", Top: "0", Bottom: "0",
		Label: &opts.Label{Show: opts.Bool(true)},
	}))
	return t
}

// treemapData is the treemap's leaves with their exact values (see finish).
func treemapData(d *shaped) []any {
	sr := d.series[0]
	var out []any
	for i, c := range d.cats {
		if sr.ok[i] && sr.vals[i] > 0 {
			out = append(out, map[string]any{"name": c, "value": sr.vals[i]})
		}
	}
	return out
}

// choropleth colours the shapes registered under mapName by their values.
func choropleth(d *shaped, mapName string, global []ec.GlobalOpts) *ec.Map {
	m := ec.NewMap()
	m.RegisterMapType(mapName) // not a preset: go-echarts adds no script for it
	global = append(global, scale(d, false), ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	m.SetGlobalOptions(global...)
	sr := d.series[0]
	var data []opts.MapData
	for i, c := range d.cats {
		if sr.ok[i] {
			data = append(data, opts.MapData{Name: c, Value: sr.vals[i]})
		}
	}
	m.AddSeries(sr.name, data, func(ss *ec.SingleSeries) {
		ss.Roam = opts.Bool(false)
	})
	return m
}
