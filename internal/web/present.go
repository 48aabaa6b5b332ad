package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
)

func (s *Server) handlePagePresent(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPresent(w, r, p)
}

func (s *Server) renderPresent(w http.ResponseWriter, r *http.Request, p *notebooks.Page) {
	_, loggedIn := userOf(r)
	slides := make([]template.HTML, len(p.Slides))
	for i, sl := range p.Slides {
		sl = withDataKey(sl, p)
		slides[i] = notebooks.SlideHTML(sl)
		if loggedIn && i < len(p.Notes) { // the notes are sent to facilitators only
			slides[i] = notebooks.PresenterSlide(sl, p.Notes[i])
		}
	}
	presenter := loggedIn && r.URL.Query().Get("presenter") == "1"
	data := map[string]any{
		"Page": p, "Slides": slides, "PublicURL": s.shareURL(r, p), "RoomBase": s.roomBase(r),
		"Presenter": presenter, "Wall": r.URL.Query().Get("mur") == "1",
		"NoPhones": s.phonesCannotJoin(), "Pick": "",
	}
	if len(s.room.LAN) > 1 {
		data["Pick"] = strconv.Itoa(s.roomPick(r) + 1)
	}
	if presenter {
		data["Choices"] = s.roomChoices(r)
		// Before the room sees it, the presenter confirms a deck with broken charts.
		problems, err := s.pages.Problems(r.Context(), p)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data["Problems"] = problems
	}
	s.render(w, r, http.StatusOK, "present", view{Description: p.Description, Charts: true, Questions: hasQuestions(p.HTML), Data: data})
}

// roomChoice is one LAN address the presenter may give the room.
type roomChoice struct {
	N        int
	Base     string
	Selected bool
}

// roomChoices lists the LAN addresses when there are several to pick from.
func (s *Server) roomChoices(r *http.Request) []roomChoice {
	if len(s.room.LAN) < 2 {
		return nil
	}
	pick := s.roomPick(r)
	out := make([]roomChoice, len(s.room.LAN))
	for i, base := range s.room.LAN {
		out[i] = roomChoice{N: i + 1, Base: base, Selected: i == pick}
	}
	return out
}

// handleChartAlone shows one chart, sized to its frame, for embedding in another site. The
// city's site may frame it on a busy page: anonymous views come from the page cache.
func (s *Server) handleChartAlone(w http.ResponseWriter, r *http.Request) {
	// Unlike every other page, a chart alone may be framed by any site: the city's own site
	// embeds it. It changes nothing and shows only public data.
	w.Header().Set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "frame-ancestors 'self'", "frame-ancestors *", 1))
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	if _, loggedIn := userOf(r); !loggedIn {
		s.serveCached(w, r, notebooks.Slug(mux.Vars(r)["slug"]), "chart/"+itoa(n), func(p *notebooks.Page) ([]byte, error) {
			v, err := chartAloneView(r, p, n)
			if err != nil {
				return nil, err
			}
			return s.renderBytes(r, "chart", v)
		})
		return
	}
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := chartAloneView(r, p, n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "chart", v)
}

func chartAloneView(r *http.Request, p *notebooks.Page, n int) (view, error) {
	if n > len(p.Figures) {
		return view{}, faultIn(r, fault.NotFound, "web.chart.missing", p.Slug, n)
	}
	return view{Charts: true, Data: map[string]any{"Page": p, "N": n, "Figure": notebooks.SlideHTML(withDataKey(p.Figures[n-1], p))}}, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// refuseBrokenCharts answers 409 with the page's broken charts, and reports true, when the
// page has any: the editor then asks « Publier quand même ? » and sends confirm.
func (s *Server) refuseBrokenCharts(w http.ResponseWriter, r *http.Request, slug notebooks.Slug) bool {
	p, err := s.pages.Get(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return true
	}
	problems, err := s.pages.Problems(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return true
	}
	if len(problems) == 0 {
		return false
	}
	writeJSON(w, http.StatusConflict, map[string]any{"error": translate(langOf(r), "room.publish.broken", len(problems)), "problems": problems})
	return true
}
