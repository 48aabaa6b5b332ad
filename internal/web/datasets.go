package web

import (
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/internal/fault"
)

const nameVar = "{name:" + datasets.NamePattern + "}"

// previewRows is how many rows a dataset page shows at once; maxAPIRows caps one JSON page.
const (
	previewRows = 100
	maxAPIRows  = 1000
)

func (s *Server) registerDatasetRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/datasets", s.handleDatasetList).Methods(get...)
	r.HandleFunc("/datasets/"+nameVar, s.handleDatasetShow).Methods(get...)
	r.HandleFunc("/datasets/"+nameVar+"/original", s.handleDatasetOriginal).Methods(get...)
	r.HandleFunc("/api/datasets", s.handleDatasetListJSON).Methods(get...)
	r.HandleFunc("/api/datasets/"+nameVar, s.handleDatasetJSON).Methods(get...)
	r.HandleFunc("/api/datasets/"+nameVar+"/rows", s.handleDatasetRowsJSON).Methods(get...)
}

func (s *Server) handleDatasetList(w http.ResponseWriter, r *http.Request) {
	list, err := s.datasets.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "datasets", map[string]any{"Datasets": list})
}

// cell is one formatted value of the preview table.
type cell struct {
	Text string
	Num  bool
}

func (s *Server) handleDatasetShow(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, 1<<40)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, meta, err := s.datasets.Table(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := datasets.Rows(t, int64(offset), previewRows)
	formatted := make([][]cell, len(rows))
	for i, row := range rows {
		formatted[i] = make([]cell, len(row))
		for j, v := range row {
			formatted[i][j] = formatCell(v)
		}
	}
	data := map[string]any{
		"Meta": meta, "Rows": formatted,
		"From": int64(min(offset+1, int(meta.Rows))), "To": int64(offset + len(rows)),
	}
	if offset > 0 {
		data["Prev"] = strconv.Itoa(max(0, offset-previewRows))
	}
	if int64(offset+len(rows)) < meta.Rows {
		data["Next"] = strconv.Itoa(offset + previewRows)
	}
	s.render(w, r, http.StatusOK, "dataset", view{Description: meta.Description, Data: data})
}

// formatCell writes a value the way a French reader expects it: 48 568, 12,5, 31/01/2024.
func formatCell(v any) cell {
	switch v := v.(type) {
	case nil:
		return cell{}
	case int64:
		return cell{frenchInt(v), true}
	case float64:
		return cell{frenchFloat(v), true}
	case bool:
		if v {
			return cell{Text: "oui"}
		}
		return cell{Text: "non"}
	case string:
		if t, err := time.Parse(time.DateOnly, v); err == nil && len(v) == 10 {
			return cell{Text: t.Format("02/01/2006")}
		}
		return cell{Text: v}
	}
	return cell{Text: fmt.Sprint(v)}
}

func frenchFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, hasFrac := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return strings.Replace(s, ".", ",", 1)
	}
	out := frenchInt(n)
	if n == 0 && f < 0 {
		out = "-0"
	}
	if hasFrac {
		out += "," + frac
	}
	return out
}

func (s *Server) handleDatasetOriginal(w http.ResponseWriter, r *http.Request) {
	f, meta, err := s.datasets.Original(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	// The file name is ours, never the uploaded one: it may hold anything.
	download := fmt.Sprintf("%s-v%d%s", meta.Name, meta.Version, safeExtension(meta.FileName))
	w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, download, meta.ImportedAt, f)
}

func safeExtension(fileName string) string {
	switch ext := strings.ToLower(path.Ext(fileName)); ext {
	case ".csv", ".tsv", ".txt", ".geojson", ".json":
		return ext
	}
	return ".dat"
}

func (s *Server) handleDatasetListJSON(w http.ResponseWriter, r *http.Request) {
	list, err := s.datasets.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []datasets.Meta{}
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) handleDatasetJSON(w http.ResponseWriter, r *http.Request) {
	meta, err := s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, meta)
}

func (s *Server) handleDatasetRowsJSON(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, 1<<40)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 100, 1, maxAPIRows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, meta, err := s.datasets.Table(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cols := make([]string, len(meta.Columns))
	for i, c := range meta.Columns {
		cols[i] = c.Name
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"columns": cols,
		"rows":    datasets.Rows(t, int64(offset), int64(limit)),
		"total":   meta.Rows,
		"offset":  offset,
	})
}

// intParam reads an optional whole-number query parameter within [lo, hi].
func intParam(r *http.Request, key string, def, lo, hi int) (int, error) {
	raw := r.URL.Query().Get(key)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, fault.New(fault.Invalid, "le paramètre « %s » doit être un nombre entier entre %d et %d", key, lo, hi)
	}
	return n, nil
}
