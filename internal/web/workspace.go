package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// The facilitators' workspace: the list of every page, the editor, and the JSON calls the
// editor makes. Everything here is behind login.

// requirePage sends anonymous visitors of a workspace page to the login form, and back here
// afterwards.
func (s *Server) requirePage(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := userOf(r); !ok {
			http.Redirect(w, r, "/login?next="+safeNext(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}

func (s *Server) handleWorkspace(w http.ResponseWriter, r *http.Request) {
	pages, err := s.pages.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, err := s.datasets.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	snaps, err := s.pages.AllSnapshots(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "workspace", map[string]any{"Pages": pages, "Datasets": ds, "Snapshots": snaps})
}

func (s *Server) handlePageCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	title := r.PostFormValue("title")
	if title == "" {
		s.fail(w, r, faultIn(r, fault.Invalid, "web.page.notitle"))
		return
	}
	slug := notebooks.SlugFrom(title)
	if raw := r.PostFormValue("slug"); raw != "" {
		var err error
		if slug, err = notebooks.ParseSlug(raw); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	u, _ := userOf(r)
	text := newPageText(langOf(r), title)
	if _, err := s.pages.Save(r.Context(), slug, text, u.Email, 0); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/p/"+string(slug)+"/edit", http.StatusSeeOther)
}

// newPageText is what a new page starts with: enough to show the shape of a page, its
// invitation to write in the facilitator's language.
func newPageText(lang, title string) string {
	safe, _ := json.Marshal(title) // a YAML double-quoted string is a JSON string
	return "---\ntitle: " + string(safe) + "\ndescription: \"\"\n---\n# " + title + "\n\n" + translate(lang, "web.page.starter") + "\n"
}

func (s *Server) handlePageEdit(w http.ResponseWriter, r *http.Request) {
	p, err := s.pages.Get(r.Context(), notebooks.Slug(mux.Vars(r)["slug"]))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, err := s.datasets.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The builder offers every chart type, maps included: the full ECharts bundle.
	v, err := s.withSnapshots(r, view{Charts: true, FullCharts: true, Editor: true, Data: map[string]any{"Page": p, "Datasets": ds}}, p.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "edit", v)
}

// handlePreview renders a text without saving it: the editor's live preview and the chart
// builder's.
func (s *Server) handlePreview(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Markdown string `json:"markdown"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.pages.Preview(r.Context(), body.Markdown)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	problems := res.Problems
	if problems == nil {
		problems = []notebooks.Problem{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"title": res.Title, "html": res.HTML, "charts": res.Charts, "problems": problems})
}

func (s *Server) handlePageStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status  string `json:"status"`
		Confirm bool   `json:"confirm"` // publish although charts are broken
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := notebooks.ParseStatus(body.Status)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	if st.Public() && !body.Confirm && s.refuseBrokenCharts(w, r, slug) {
		return
	}
	if err := s.pages.SetStatus(r.Context(), slug, st); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"slug": string(slug), "status": string(st)})
}

func (s *Server) handlePageDelete(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	if err := s.pages.Delete(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"slug": string(slug), "undo": "/api/pages/" + string(slug) + "/undelete"})
}

func (s *Server) handlePageUndelete(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	if err := s.pages.Undelete(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"slug": string(slug)})
}

func (s *Server) handlePageRename(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Slug string `json:"slug"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := notebooks.ParseSlug(body.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.pages.Rename(r.Context(), notebooks.Slug(mux.Vars(r)["slug"]), to); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"slug": string(to), "edit": "/p/" + string(to) + "/edit"})
}

func (s *Server) handleRevisions(w http.ResponseWriter, r *http.Request) {
	revs, err := s.pages.Revisions(r.Context(), notebooks.Slug(mux.Vars(r)["slug"]))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, revs)
}

func (s *Server) handleRevision(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	rev, err := s.pages.RevisionAt(r.Context(), notebooks.Slug(mux.Vars(r)["slug"]), n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rev)
}

// decodeJSON reads a small JSON request body into v.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 2*notebooks.MaxSourceBytes)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return faultIn(r, fault.TooLarge, "web.json.toolarge", 2*notebooks.MaxSourceBytes>>10)
		}
		return faultIn(r, fault.Invalid, "web.json.invalid")
	}
	return nil
}
