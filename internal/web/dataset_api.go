// The datasets' JSON API: the catalogue, a version's description and its rows by pages.

package web

import (
	"math"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"atelier/datasets"
)

func (s *Server) handleDatasetListJSON(w http.ResponseWriter, r *http.Request) {
	list, err := s.visibleDatasets(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []datasets.Meta{}
	}
	writeJSON(w, http.StatusOK, list)
}

// datasetJSON is GET /api/datasets/{name}: the version's description (name, title,
// version, rows, columns with their types, nulls and statistics, warnings, source,
// licence) and the list of versions.
type datasetJSON struct {
	datasets.Meta
	Versions []versionJSON `json:"versions"`
}

type versionJSON struct {
	Version    int       `json:"version"`
	ImportedAt time.Time `json:"imported_at"`
	Rows       int64     `json:"rows"`
	FileName   string    `json:"file_name,omitempty"`
}

func (s *Server) handleDatasetJSON(w http.ResponseWriter, r *http.Request) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	meta, err := s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.datasets.Versions(r.Context(), meta.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all = readableVersions(r, all)
	out := datasetJSON{Meta: meta, Versions: make([]versionJSON, len(all))}
	for i, m := range all {
		out.Versions[i] = versionJSON{m.Version, m.ImportedAt, m.Rows, m.FileName}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleDatasetRowsJSON(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, math.MaxInt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 100, 1, maxAPIRows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, meta, err := s.datasets.Rows(r.Context(), datasets.Name(mux.Vars(r)["name"]), version,
		datasets.Browse{Offset: offset, Limit: limit})
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
		"rows":    rows,
		"total":   meta.Rows,
		"offset":  offset,
	})
}
