package main

import (
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

// rendererOptions wire the server drawing into the page renderer; without the embedded
// scripts (a build without `make assets`, which the server refuses anyway) pages are
// rendered as before, their charts drawn by the browser.
func rendererOptions() []notebooks.RendererOption {
	d, err := chartDrawer()
	if err != nil {
		return nil
	}
	return []notebooks.RendererOption{notebooks.WithDrawer(d)}
}
