package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

// handleFollowState tells a resident's page whether a presentation is going on, so that
// « Suivre la présentation » shows only then. Phones ask it once a minute: it reads the
// page's remembered stamp, not the page.
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
	live, slide := s.follow.live(string(slug), time.Now())
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"live": live, "slide": slide})
}

func (s *Server) handlePagePresent(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPresent(w, r, p)
}

func (s *Server) renderPresent(w http.ResponseWriter, r *http.Request, p *notebooks.Page) {
	slides := make([]template.HTML, len(p.Slides))
	for i, sl := range p.Slides {
		slides[i] = notebooks.SlideHTML(sl)
	}
	_, loggedIn := userOf(r)
	s.render(w, r, http.StatusOK, "present", view{
		Description: p.Description,
		Charts:      true,
		Questions:   hasQuestions(p.HTML),
		Data: map[string]any{
			"Page": p, "Slides": slides, "PublicURL": shareURL(r, p),
			"Presenter": loggedIn && r.URL.Query().Get("presenter") == "1",
		},
	})
}

// handleChartAlone shows one chart, sized to its frame, for embedding in another site.
func (s *Server) handleChartAlone(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Unlike every other page, a chart alone may be framed by any site: the city's own site
	// embeds it. It changes nothing and shows only public data.
	w.Header().Set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "frame-ancestors 'self'", "frame-ancestors *", 1))
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	if n > len(p.Figures) {
		s.fail(w, r, faultIn(r, fault.NotFound, "web.chart.missing", p.Slug, n))
		return
	}
	s.render(w, r, http.StatusOK, "chart", view{
		Charts: true,
		Data:   map[string]any{"Page": p, "N": n, "Figure": notebooks.SlideHTML(p.Figures[n-1])},
	})
}

// publicURL is the page's address as residents in the room should type it or scan it.
func publicURL(r *http.Request, slug notebooks.Slug) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/p/" + string(slug)
}

// handleFollow streams the presenter's slide changes as server-sent events.
func (s *Server) handleFollow(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Subscribe before answering: once the client reads the first line, it misses nothing.
	ch := s.follow.subscribe(string(p.Slug))
	defer s.follow.unsubscribe(string(p.Slug), ch)
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
		case ev := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-keepAlive.C:
			fmt.Fprint(w, ": toujours là\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// handleFollowMove is the presenter telling the room which slide is on the wall.
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
	writeJSON(w, http.StatusOK, map[string]int{"slide": body.Slide, "followers": n})
}

func itoa(n int) string { return strconv.Itoa(n) }
