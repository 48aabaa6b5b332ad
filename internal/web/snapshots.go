package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/notebooks"
)

// visibleSnapshot returns snapshot n of a page the visitor may read.
func (s *Server) visibleSnapshot(r *http.Request) (notebooks.Snapshot, error) {
	p, err := s.visiblePage(r)
	if err != nil {
		return notebooks.Snapshot{}, err
	}
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	return s.pages.SnapshotAt(r.Context(), p.Slug, n)
}

func (s *Server) handleSnapshotShow(w http.ResponseWriter, r *http.Request) {
	snap, err := s.visibleSnapshot(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	frozen := *snap.Page
	frozen.HTML = snapshotHTML(frozen.HTML, snap)
	v := pageView(&frozen)
	v.Data.(map[string]any)["Snapshot"] = snap
	s.render(w, r, http.StatusOK, "page", v)
}

func (s *Server) handleSnapshotPresent(w http.ResponseWriter, r *http.Request) {
	snap, err := s.visibleSnapshot(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPresent(w, r, snap.Page)
}

// handleFreeze is the « Figer pour la réunion du … » form: it answers with the permanent
// address of the frozen page.
func (s *Server) handleFreeze(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	u, _ := userOf(r)
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	snap, err := s.pages.Freeze(r.Context(), slug, r.PostFormValue("label"), u.Email)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/p/"+string(slug)+"/figee/"+strconv.Itoa(snap.Number), http.StatusSeeOther)
}

// withSnapshots adds the page's frozen versions to its view (« Versions figées : … »), and
// the room's address, which the embed code gives to other sites.
func (s *Server) withSnapshots(r *http.Request, v view, slug notebooks.Slug) (view, error) {
	snaps, err := s.pages.Snapshots(r.Context(), slug)
	if err != nil {
		return v, err
	}
	v.Data.(map[string]any)["Snapshots"] = snaps
	v.Data.(map[string]any)["RoomBase"] = s.roomBase(r) // for the embed code
	return v, nil
}
