package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

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
	if _, loggedIn := userOf(r); loggedIn {
		writeJSON(w, http.StatusOK, p) // the editor's: markdown and author included
		return
	}
	writeJSON(w, http.StatusOK, audiencePage(p))
}

// pageJSON is GET /api/pages/{slug} for a visitor who is not logged in: what the page shows,
// as rendered for the audience. Never the markdown (it holds the speaker notes) nor the
// author's e-mail.
type pageJSON struct {
	Slug        notebooks.Slug   `json:"slug"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Revision    int              `json:"revision"`
	Status      notebooks.Status `json:"status"`
	UpdatedAt   time.Time        `json:"updated_at"`
	Charts      int              `json:"charts"`
	HTML        string           `json:"html"`
}

func audiencePage(p *notebooks.Page) pageJSON {
	return pageJSON{Slug: p.Slug, Title: p.Title, Description: p.Description, Revision: p.Revision,
		Status: p.Status, UpdatedAt: p.UpdatedAt, Charts: p.Charts, HTML: p.HTML}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
