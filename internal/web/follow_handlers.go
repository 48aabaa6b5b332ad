package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// retryFollowAfter is what a phone past the follower caps is told to wait, in seconds.
const retryFollowAfter = "30"

// handleFollow is a page's live stream (server-sent events): etat when a presentation
// starts or ends, slide when the presenter moves, and the events other parts broadcast.
func (s *Server) handleFollow(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	addr := clientAddress(r)
	// Subscribe before answering: once the client reads the first line, it misses nothing.
	ch, err := s.follow.subscribe(string(p.Slug), addr)
	if err != nil {
		w.Header().Set("Retry-After", retryFollowAfter)
		s.answerError(w, r, http.StatusServiceUnavailable, translate(langOf(r), "room.follow.full"))
		return
	}
	defer s.follow.unsubscribe(string(p.Slug), addr, ch)
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a follower stays for the whole meeting
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n\n")
	rc.Flush()

	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case f := <-ch:
			w.Write(f)
		case <-keepAlive.C:
			fmt.Fprint(w, ": toujours là\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// handleFollowState tells whether a presentation is going on, for clients without the
// stream. It reads the page's remembered stamp, not the page.
func (s *Server) handleFollowState(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	st, err := s.pages.StampOf(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !mayRead(r, slug, st.Status, st.ShareKey) {
		s.fail(w, r, notebooks.ErrNotFound(slug))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.follow.live(string(slug)))
}

// handleFollowMove is the presenter telling the room which slide is on the wall; the
// presenter view says it again every few seconds, which keeps the presentation on. The
// answer carries the short address's code.
func (s *Server) handleFollowMove(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body struct {
		Slide int `json:"slide"`
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Slide < 1 || body.Slide > len(p.Slides) {
		s.fail(w, r, faultIn(r, fault.Invalid, "web.slide.invalid", len(p.Slides)))
		return
	}
	n := s.follow.publish(string(p.Slug), body.Slide)
	writeJSON(w, http.StatusOK, map[string]any{"slide": body.Slide, "followers": n, "code": s.follow.code(string(p.Slug))})
}

// handleFollowEnd is « Terminer »: the presentation is over, « Suivre » goes from every page.
func (s *Server) handleFollowEnd(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.follow.end(string(p.Slug))
	writeJSON(w, http.StatusOK, s.follow.live(string(p.Slug)))
}

// handleShortCode is the short address on the wall (http://192.168.1.20:8080/4821): while
// the presentation goes on, it leads to the page, with its key when the page is unlisted.
// codeMisses wrong short codes within codeWindow slow an address down: a resident who
// mistypes twice is not bothered, a scan of the 10,000 codes takes days instead of minutes.
const (
	codeMisses = 10
	codeWindow = 10 * time.Minute
)

func (s *Server) handleShortCode(w http.ResponseWriter, r *http.Request) {
	// Four digits are few: an address that keeps missing is slowed down, so that nobody can
	// walk the codes to an unlisted page's key while its meeting runs.
	addr, now := throttledAddress(r), s.now()
	if wait := s.codeGuesses.Wait(addr, now); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		s.fail(w, r, faultIn(r, fault.TooManyRequests, "room.code.throttled", int(wait.Minutes())+1))
		return
	}
	slug, ok := s.follow.slugOfCode(mux.Vars(r)["code"])
	if !ok {
		s.codeGuesses.Fail(addr, now)
		s.fail(w, r, faultIn(r, fault.NotFound, "room.code.unknown"))
		return
	}
	p, err := s.pages.Get(r.Context(), notebooks.Slug(slug))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, sharePath(p), http.StatusSeeOther)
}
