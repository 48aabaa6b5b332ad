package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/notebooks"
)

// slugVar constrains page names in routes, so that `..`, NUL bytes or `.hidden` never reach
// a handler.

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	pages, err := s.pages.List(r.Context(), notebooks.Published)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", map[string]any{"Pages": pages})
}

// visiblePage returns the page if the visitor may read it (see mayRead). A draft, or an
// unlisted page asked for without its key, is reported as missing, so that its existence
// does not leak.
func (s *Server) visiblePage(r *http.Request) (*notebooks.Page, error) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	p, err := s.pages.Get(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	if !mayRead(r, slug, p.Status, p.ShareKey) {
		return nil, notebooks.ErrNotFound(slug)
	}
	return p, nil
}

func (s *Server) handlePageShow(w http.ResponseWriter, r *http.Request) {
	if _, loggedIn := userOf(r); !loggedIn {
		s.servePublicPage(w, r, notebooks.Slug(mux.Vars(r)["slug"]))
		return
	}
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.withSnapshots(r, pageView(p), p.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "page", v)
}

func (s *Server) handlePageJSON(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", `"`+strconv.Itoa(p.Revision)+`"`)
	writeJSON(w, http.StatusOK, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
