package notebooks

import (
	"context"
	"encoding/json"
	"html/template"
	"log/slog"
	"sync"
)

// Drawer draws a chart on the server as an SVG image (cmd/atelier wires internal/chartsvg),
// so that a saved page shows its charts before any script runs, and to readers whose
// browser runs none. spec is the JSON the figure carries for atelier.js; blockHeight the
// block's height. It returns an SVG safe to inline under the page's CSP, and its height.
type Drawer interface {
	DrawSVG(ctx context.Context, spec []byte, width, blockHeight int, title, description string) (svg string, height int, err error)
}

// RendererOption configures a Renderer.
type RendererOption func(*Renderer)

// WithDrawer has saved pages carry a server drawing of each chart.
func WithDrawer(d Drawer) RendererOption {
	return func(r *Renderer) { r.drawer = d }
}

// drawingSizes are the widths a chart is drawn at, as atelier.css lays the page out: a
// 360 px phone (the figure spans the screen, less 0.75 rem of padding on each side) and the
// page column of a laptop or projector (66 rem, less the figure's padding and border). The
// page shows one by a media query; other widths scale it until ECharts takes over.
var drawingSizes = []struct {
	Class string
	Width int
}{{"chart-svg-phone", 336}, {"chart-svg-wide", 990}}

// MaxInlineSVG caps one drawing kept in a page: a map of many shapes is left to the
// browser rather than weigh on every phone that opens the page.
const MaxInlineSVG = 200 << 10

// figureDrawing is one size of a chart's server drawing.
type figureDrawing struct {
	Class string
	SVG   template.HTML // from Drawer: sanitised there
}

// drawAll draws every built chart at every size, two at a time at most (the drawer's pool
// is small); a drawing that fails is left out and the chart is drawn by the browser alone.
func (b *chartBuilder) drawAll() {
	if b.drawer == nil || b.slug == "" { // previews are redrawn at each keystroke: no SVG
		return
	}
	var wg sync.WaitGroup
	for _, n := range b.built {
		if n.err != nil || n.chart.Type == "table" || n.chart.Type == "number" {
			continue
		}
		spec, err := json.Marshal(payloadOf(n.chart))
		if err != nil {
			continue
		}
		n.drawings = make([]figureDrawing, len(drawingSizes))
		for i, size := range drawingSizes {
			wg.Go(func() {
				svg, _, err := b.drawer.DrawSVG(b.ctx, spec, size.Width, n.chart.Height, n.chart.Title, n.chart.Description)
				if err != nil || len(svg) > MaxInlineSVG {
					slog.Warn("chart drawn by the browser only", "page", b.slug, "chart", n.index, "width", size.Width, "err", err, "bytes", len(svg))
					return
				}
				n.drawings[i] = figureDrawing{Class: size.Class, SVG: template.HTML(svg)}
			})
		}
	}
	wg.Wait()
	for _, n := range b.built {
		// Both sizes or none: a phone must never be left with a blank box.
		for _, d := range n.drawings {
			if d.SVG == "" {
				n.drawings = nil
				break
			}
		}
	}
}
