package web

import (
	"bytes"
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/datasets/fetch"
	"atelier/internal/fault"
)

// previewRows is how many rows a dataset page shows at once; maxAPIRows caps one JSON page.
const (
	previewRows = 100
	maxAPIRows  = 1000
)

// handleColumnChange renames a column or gives it another type, as a new version: the
// facilitator corrects what the reader got wrong; the pages that draw from it follow.
func (s *Server) handleColumnChange(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	name := datasets.Name(mux.Vars(r)["name"])
	change := datasets.ColumnChange{Name: r.PostFormValue("column"), NewName: r.PostFormValue("new_name"), Type: r.PostFormValue("type")}
	if change.NewName == change.Name {
		change.NewName = ""
	}
	meta, err := s.datasets.Meta(r.Context(), name, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if i := slices.IndexFunc(meta.Columns, func(c datasets.Column) bool { return c.Name == change.Name }); i >= 0 && change.Type == meta.Columns[i].Type {
		change.Type = ""
	}
	// A label alone is presentation: it makes no new version of the data.
	if change.NewName != "" || change.Type != "" {
		if _, err := s.datasets.Change(r.Context(), name, []datasets.ColumnChange{change}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if _, sent := r.PostForm["label"]; sent {
		label := datasets.ColumnLabel{Column: cmp.Or(change.NewName, change.Name), Label: r.PostFormValue("label"), Unit: r.PostFormValue("unit")}
		if err := s.datasets.SetLabel(r.Context(), name, label); err != nil {
			s.fail(w, r, err)
			return
		}
		if _, err := s.pages.RefreshUsing(r.Context(), name); err != nil { // labels are written into the charts
			s.log.Error("refresh pages after a label change", "dataset", name, "err", err)
		}
	}
	http.Redirect(w, r, "/datasets/"+string(name), http.StatusSeeOther)
}

// handleDatasetRefetch is « Mettre à jour »: the portal's file is fetched again from the
// address it came from and stored as the next version; the pages that draw from the dataset
// show the new figures.
func (s *Server) handleDatasetRefetch(w http.ResponseWriter, r *http.Request) {
	meta, err := s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if meta.SourceURL == "" {
		s.fail(w, r, faultIn(r, fault.Invalid, "web.dataset.notfetched"))
		return
	}
	if !s.takeUploadSlot(w, r) {
		return
	}
	defer s.releaseUploadSlot()
	f, err := fetch.New(s.limits.MaxFileBytes).Fetch(r.Context(), meta.SourceURL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.refuseBreakingUpdate(r, meta.Update(f.Name, bytes.NewReader(f.Body))); err != nil {
		s.fail(w, r, err)
		return
	}
	next, err := s.datasets.Import(r.Context(), meta.Update(f.Name, bytes.NewReader(f.Body)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/datasets/%s?version=%d", next.Name, next.Version), http.StatusSeeOther)
}

// handleDatasetFetch downloads a file from an open-data portal (JSON {"url": "..."}) and
// stages it like an upload: the answer is the same review, confirmed through
// POST /api/uploads/{id} (send the URL back as source_url). The address rules against
// SSRF are package fetch's.
func (s *Server) handleDatasetFetch(w http.ResponseWriter, r *http.Request) {
	var body struct {
		URL   string `json:"url"`
		Sheet string `json:"sheet"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.takeUploadSlot(w, r) {
		return
	}
	defer s.releaseUploadSlot()
	f, err := fetch.New(s.limits.MaxFileBytes).Fetch(r.Context(), body.URL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.datasets.StageWith(r.Context(), f.Name, f.Body, datasets.ReadOptions{Sheet: body.Sheet})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	answer, err := s.reviewWithRecipe(r.Context(), rv, f.URL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

// metaOf returns the description of the version the request names: ?version=N, else the
// latest.
func (s *Server) metaOf(r *http.Request) (datasets.Meta, error) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		return datasets.Meta{}, err
	}
	return s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
}

// intParam reads an optional whole-number query parameter within [lo, hi].
func intParam(r *http.Request, key string, def, lo, hi int) (int, error) {
	raw := r.URL.Query().Get(key)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, faultIn(r, fault.Invalid, "web.param.int", key, lo, hi)
	}
	return n, nil
}
