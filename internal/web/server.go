package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/internal/accounts"
	"atelier/notebooks"
)

// Deps are the domain stores the server serves.
type Deps struct {
	Datasets *datasets.Store
	Pages    *notebooks.Store
	Accounts *accounts.Store
	Log      *slog.Logger
	Limits   datasets.Limits  // upload sizes; zero means datasets.DefaultLimits
	Room     Room             // how phones in the meeting room reach the server
	Follow   FollowLimits     // live stream connections; zero means DefaultFollowLimits
	Clock    func() time.Time // nil means time.Now; tests move time forward instead of sleeping
	// MaxUploads bounds the uploads read at once (0 means defaultMaxUploads): each holds a
	// decompression and a reader's work, and two cores do not gain from more.
	MaxUploads int
}

const defaultMaxUploads = 2

// Server holds what the handlers need. Create it with New.
type Server struct {
	datasets    *datasets.Store
	pages       *notebooks.Store
	accounts    *accounts.Store
	log         *slog.Logger
	static      *assets
	tmpl        map[string]*template.Template
	router      *mux.Router
	logins      *accounts.LoginGuard // failed logins per account and address, per address, per account
	now         func() time.Time
	uploads     chan struct{} // one token per upload being read: see Deps.MaxUploads
	follow      *followHub    // every open page's live stream
	room        Room
	codeGuesses *accounts.Throttle // wrong short codes per address (see handleShortCode)
	cache       pageCache          // anonymous page views, as rendered
	answerLimit *answerLimiter     // answers to questions, per address and per phone
	counts      countBatcher       // questions' count events, coalesced
	limits      datasets.Limits
}

// New wires the routes. It fails if a template or an embedded asset is broken, so that a bad
// build never starts serving.
func New(d Deps) (*Server, error) {
	static, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{
		datasets: d.Datasets, pages: d.Pages, accounts: d.Accounts, log: d.Log, static: static,
		logins:      accounts.NewLoginGuard(),
		now:         d.Clock,
		room:        d.Room,
		codeGuesses: accounts.NewThrottle(codeMisses, codeWindow),
		answerLimit: newAnswerLimiter(),
		limits:      d.Limits,
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.follow = newFollowHub(d.Follow, s.now)
	if d.MaxUploads <= 0 {
		d.MaxUploads = defaultMaxUploads
	}
	s.uploads = make(chan struct{}, d.MaxUploads)
	if s.limits == (datasets.Limits{}) {
		s.limits = datasets.DefaultLimits
	}
	if s.tmpl, err = parseTemplates(static); err != nil {
		return nil, err
	}
	s.router = mux.NewRouter()
	s.router.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	s.router.MethodNotAllowedHandler = http.HandlerFunc(s.handleMethodNotAllowed)
	s.mount(s.router)
	return s, nil
}

// Handler is the server's whole HTTP surface, middlewares included. Every state-changing
// request from another origin (or from Origin: null) is refused before it reaches a handler.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.answerError(w, r, http.StatusForbidden, translate(langOf(r), "web.crossorigin"))
	}))
	return s.recoverPanics(securityHeaders(cop.Handler(gzipResponses(s.withUser(rememberShareKeys(s.router))))))
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}
