package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// « Télécharger (CSV) » under each chart: exactly what the chart shows, as a French
// spreadsheet opens it, formula-safe (charts.Table.WriteCSV).

func (s *Server) handleChartCSV(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	s.writeChartCSV(w, r, p, n, string(p.Slug))
}

func (s *Server) handleSnapshotChartCSV(w http.ResponseWriter, r *http.Request) {
	snap, err := s.visibleSnapshot(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	k, _ := strconv.Atoi(mux.Vars(r)["k"])
	s.writeChartCSV(w, r, snap.Page, k, fmt.Sprintf("%s-figee-%d", snap.Page.Slug, snap.Number))
}

func (s *Server) writeChartCSV(w http.ResponseWriter, r *http.Request, p *notebooks.Page, n int, base string) {
	if n > len(p.Tables) || len(p.Tables[n-1].Columns) == 0 {
		s.fail(w, r, faultIn(r, fault.NotFound, "web.chartcsv.missing", p.Slug, n))
		return
	}
	var buf bytes.Buffer // a chart's result is small: capped by charts, never a whole dataset
	if err := p.Tables[n-1].WriteCSV(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	// The name is ours: a slug and numbers, never a title that could hold anything.
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-graphique-%d.csv"`, base, n))
	w.Write(buf.Bytes())
}

// snapshotHTML points a frozen page's CSV links at the frozen results, not today's.
func snapshotHTML(html string, snap notebooks.Snapshot) string {
	from := fmt.Sprintf(`href="/p/%s/charts/`, snap.Page.Slug)
	to := fmt.Sprintf(`href="/p/%s/figee/%d/charts/`, snap.Page.Slug, snap.Number)
	return strings.ReplaceAll(html, from, to)
}
