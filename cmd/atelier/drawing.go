package main

import (
	"os"
	"sync"

	"atelier/internal/chartsvg"
	"atelier/internal/web"
	"atelier/notebooks"
)

// chartDrawer is the process's one engine for drawing charts on the server when pages are
// saved: its runtimes are created on the first save with a chart and then shared by every
// store the process opens (the server, or one CLI command).
var chartDrawer = sync.OnceValues(func() (notebooks.Drawer, error) {
	scripts, err := web.ChartScripts()
	if err != nil {
		return nil, err
	}
	src := chartsvg.Sources{ECharts: scripts[0].Body}
	for _, s := range scripts[1:] {
		src.Scripts = append(src.Scripts, chartsvg.Script{Name: s.Name, Body: s.Body})
	}
	return chartsvg.New(src, chartsvg.Options{}), nil
})

// rendererOptions wire the server drawing into the page renderer. ATELIER_CHART_SVG=off
// leaves it out (a machine too small for the engine's memory; the benchmark's « before »):
// pages saved then draw their charts in the browser alone, as do pages of a build without
// the embedded scripts.
func rendererOptions() []notebooks.RendererOption {
	if os.Getenv("ATELIER_CHART_SVG") == "off" {
		return nil
	}
	d, err := chartDrawer()
	if err != nil {
		return nil
	}
	return []notebooks.RendererOption{notebooks.WithDrawer(d)}
}
