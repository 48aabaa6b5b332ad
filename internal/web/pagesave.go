package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// handlePageSave is PUT /api/pages/{slug}: create with If-None-Match: *, update with
// If-Match: "<revision>". A save from a stale revision gets 412 with the user's text handed
// back beside the current one, so that nothing typed is lost.
func (s *Server) handlePageSave(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	base, err := saveBase(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body struct {
		Markdown string `json:"markdown"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userOf(r)
	p, err := s.pages.Save(r.Context(), slug, body.Markdown, u.Email, base)
	if fault.KindOf(err) == fault.PreconditionFailed {
		s.answerConflict(w, r, slug, body.Markdown, err)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(p.Revision)+`"`)
	status := http.StatusOK
	if base == 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, p)
}

// saveBase reads the revision a save starts from: 0 to create.
func saveBase(r *http.Request) (int, error) {
	if r.Header.Get("If-None-Match") == "*" {
		return 0, nil
	}
	m := r.Header.Get("If-Match")
	if m == "" {
		return 0, faultIn(r, fault.PreconditionRequired, "web.save.ifmatch")
	}
	n, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(m, "W/"), `"`))
	if err != nil || n < 1 {
		return 0, faultIn(r, fault.PreconditionFailed, "web.save.badrevision", m)
	}
	return n, nil
}

func (s *Server) answerConflict(w http.ResponseWriter, r *http.Request, slug notebooks.Slug, yours string, err error) {
	msg, _ := fault.Message(err)
	answer := map[string]any{"error": msg, "markdown": yours}
	if cur, err := s.pages.Get(r.Context(), slug); err == nil {
		answer["current"] = map[string]any{"revision": cur.Revision, "markdown": cur.Markdown, "author": cur.Author}
		w.Header().Set("ETag", `"`+strconv.Itoa(cur.Revision)+`"`)
	}
	writeJSON(w, http.StatusPreconditionFailed, answer)
}
