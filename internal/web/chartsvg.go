package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// columnDrawing finds, in a figure as notebooks wrote it, the server's drawing of the chart
// at the page column's width (notebooks/drawing.go): sanitised there, served as it is.
var columnDrawing = regexp.MustCompile(`<div class="chart-svg chart-svg-wide">(<svg[\s\S]*?</svg>)</div>`)

// handleChartSVG is « Image (SVG) » without JavaScript: the chart as the server drew it when
// the page was saved.
func (s *Server) handleChartSVG(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	s.writeChartSVG(w, r, p, n, string(p.Slug))
}

// handleSnapshotChartSVG is the same for a frozen version: its drawing as it was frozen.
func (s *Server) handleSnapshotChartSVG(w http.ResponseWriter, r *http.Request) {
	snap, err := s.visibleSnapshot(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	k, _ := strconv.Atoi(mux.Vars(r)["k"])
	s.writeChartSVG(w, r, snap.Page, k, fmt.Sprintf("%s-figee-%d", snap.Page.Slug, snap.Number))
}

func (s *Server) writeChartSVG(w http.ResponseWriter, r *http.Request, p *notebooks.Page, n int, base string) {
	var m []string
	if n <= len(p.Figures) {
		m = columnDrawing.FindStringSubmatch(p.Figures[n-1])
	}
	if m == nil {
		s.fail(w, r, faultIn(r, fault.NotFound, "web.chartsvg.missing", p.Slug, n))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml; charset=utf-8")
	// The name is ours: a slug and numbers.
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-graphique-%d.svg"`, base, n))
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + m[1]))
}
