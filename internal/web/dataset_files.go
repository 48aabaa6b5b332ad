// A version's downloads: the original file as uploaded, and the table as CSV or Parquet.

package web

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/gorilla/mux"

	"atelier/datasets"
)

func (s *Server) handleDatasetOriginal(w http.ResponseWriter, r *http.Request) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, meta, err := s.datasets.Original(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
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
	case ".csv", ".tsv", ".txt", ".geojson", ".json", ".xlsx", ".parquet", ".arrow", ".gz":
		return ext
	}
	return ".dat"
}

// handleDatasetCSV streams the table as a CSV for French Excel (see datasets.WriteCSV).
func (s *Server) handleDatasetCSV(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, ".csv", "text/csv; charset=utf-8", datasets.CSV)
}

func (s *Server) handleDatasetParquet(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, ".parquet", "application/vnd.apache.parquet", datasets.Parquet)
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, ext, ctype string, format datasets.ExportFormat) {
	meta, err := s.metaOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download := fmt.Sprintf("%s-v%d%s", meta.Name, meta.Version, ext)
	w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	w.Header().Set("Content-Type", ctype)
	if r.Method == http.MethodHead {
		return
	}
	if err := s.datasets.Export(r.Context(), w, meta.Name, meta.Version, format); err != nil {
		// The answer has begun: the client sees a cut file, the log says why.
		s.log.Error("dataset export", "dataset", meta.Name, "format", ext, "err", err)
	}
}
