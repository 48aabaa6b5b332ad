package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"atelier/datasets"
)

// Every route the server answers lives in the table below, and nowhere else. A route is
// denied to anonymous visitors unless it says public: a new route that forgets to say who may
// use it is closed, not open. TestRoutesDenyAnonymousByDefault walks the router and holds the
// public ones to an allowlist of its own.

// access says who may reach a route.
type access int

const (
	// facilitator routes need a session: JSON and form posts answer 401, workspace pages
	// redirect to the login form (see route.page).
	facilitator access = iota
	// admin routes need an admin session: 401 for anonymous visitors, 403 for facilitators.
	admin
	// public routes are open to anyone; their handlers decide what an anonymous visitor may
	// see of a page or a dataset (drafts, unlisted pages without their key: 404).
	public
)

// route is one line of the table.
type route struct {
	access  access
	methods []string
	path    string // a gorilla/mux template; a trailing "/" with prefix set matches a subtree
	prefix  bool
	page    bool // an HTML page of the workspace: anonymous visitors are sent to /login
	handler http.HandlerFunc
}

const (
	slugVar     = "{slug:" + datasets.NamePattern + "}"
	nameVar     = "{name:" + datasets.NamePattern + "}"
	snapshotVar = "{n:[1-9][0-9]{0,8}}"
	chartVar    = "{n:[1-9][0-9]{0,3}}"
	questionVar = "{n:[1-9][0-9]{0,3}}"
)

var (
	get  = []string{http.MethodGet, http.MethodHead}
	post = []string{http.MethodPost}
)

// routes is the server's HTTP surface.
func (s *Server) routes() []route {
	page := "/p/" + slugVar
	return []route{
		// Reading: pages, slides, charts, data, assets.
		{access: public, methods: get, path: "/", handler: s.handleHome},
		{access: public, methods: get, path: "/healthz", handler: s.handleHealth},
		{access: public, methods: get, path: "/static/", prefix: true, handler: s.handleStatic},
		{access: public, methods: get, path: page, handler: s.handlePageShow},
		{access: public, methods: get, path: "/api/pages/" + slugVar, handler: s.handlePageJSON},
		{access: public, methods: get, path: page + "/present", handler: s.handlePagePresent},
		{access: public, methods: get, path: page + "/charts/" + chartVar, handler: s.handleChartAlone},
		{access: public, methods: get, path: page + "/charts/" + chartVar + ".csv", handler: s.handleChartCSV},
		{access: public, methods: get, path: page + "/charts/" + chartVar + ".svg", handler: s.handleChartSVG},
		{access: public, methods: get, path: page + "/qr.svg", handler: s.handlePageQR},
		{access: public, methods: get, path: page + "/hors-ligne.html", handler: s.handlePageExport},
		{access: public, methods: []string{http.MethodGet}, path: page + "/follow", handler: s.handleFollow},
		{access: public, methods: get, path: page + "/follow/etat", handler: s.handleFollowState},
		{access: public, methods: get, path: "/{code:[0-9]{4}}", handler: s.handleShortCode},
		{access: public, methods: get, path: page + "/figee/" + snapshotVar, handler: s.handleSnapshotShow},
		{access: public, methods: get, path: page + "/figee/" + snapshotVar + "/present", handler: s.handleSnapshotPresent},
		{access: public, methods: get, path: page + "/figee/" + snapshotVar + "/charts/{k:[1-9][0-9]{0,3}}.csv", handler: s.handleSnapshotChartCSV},
		{access: public, methods: get, path: page + "/questions/" + questionVar, handler: s.handleQuestionShow},
		{access: public, methods: get, path: page + "/questions/" + questionVar + "/results", handler: s.handleQuestionResults},
		{access: public, methods: get, path: page + "/figee/" + snapshotVar + "/charts/{k:[1-9][0-9]{0,3}}.svg", handler: s.handleSnapshotChartSVG},
		{access: public, methods: get, path: "/datasets", handler: s.handleDatasetList},
		{access: public, methods: get, path: "/datasets/" + nameVar, handler: s.datasetAccess(s.handleDatasetShow)},
		{access: public, methods: get, path: "/datasets/" + nameVar + "/original", handler: s.datasetAccess(s.handleDatasetOriginal)},
		{access: public, methods: get, path: "/datasets/" + nameVar + "/csv", handler: s.datasetAccess(s.handleDatasetCSV)},
		{access: public, methods: get, path: "/datasets/" + nameVar + "/parquet", handler: s.datasetAccess(s.handleDatasetParquet)},
		{access: public, methods: get, path: "/api/datasets", handler: s.handleDatasetListJSON},
		{access: public, methods: get, path: "/api/datasets/" + nameVar, handler: s.datasetAccess(s.handleDatasetJSON)},
		{access: public, methods: get, path: "/api/datasets/" + nameVar + "/rows", handler: s.datasetAccess(s.handleDatasetRowsJSON)},

		// Signing in, and the visitor's language: the only state a visitor may change.
		{access: public, methods: get, path: "/login", handler: s.handleLoginForm},
		{access: public, methods: post, path: "/login", handler: s.handleLogin},
		{access: public, methods: post, path: "/logout", handler: s.handleLogout},
		{access: public, methods: post, path: "/langue", handler: s.handleLanguageSet},
		// Residents answer a page's questions, anonymously (rate-limited, one answer per phone).
		{access: public, methods: post, path: page + "/questions/" + questionVar + "/answers", handler: s.handleQuestionAnswer},

		// The workspace.
		{methods: get, path: "/atelier", page: true, handler: s.handleWorkspace},
		{methods: post, path: "/atelier/pages", handler: s.handlePageCreate},
		{methods: get, path: page + "/edit", page: true, handler: s.handlePageEdit},
		{methods: post, path: "/api/preview", handler: s.handlePreview},
		{methods: []string{http.MethodPut}, path: "/api/pages/" + slugVar, handler: s.handlePageSave},
		{methods: []string{http.MethodDelete}, path: "/api/pages/" + slugVar, handler: s.handlePageDelete},
		{methods: post, path: "/api/pages/" + slugVar + "/status", handler: s.handlePageStatus},
		{methods: post, path: "/api/pages/" + slugVar + "/undelete", handler: s.handlePageUndelete},
		{methods: post, path: "/api/pages/" + slugVar + "/rename", handler: s.handlePageRename},
		{methods: post, path: "/api/pages/" + slugVar + "/share-key", handler: s.handleShareKeyRevoke},
		{methods: get, path: "/api/pages/" + slugVar + "/revisions", handler: s.handleRevisions},
		{methods: get, path: "/api/pages/" + slugVar + "/revisions/{n:[1-9][0-9]{0,8}}", handler: s.handleRevision},
		{methods: post, path: page + "/follow", handler: s.handleFollowMove},
		{methods: post, path: page + "/follow/fin", handler: s.handleFollowEnd},
		{methods: post, path: page + "/figer", handler: s.handleFreeze},
		{methods: post, path: page + "/questions/" + questionVar + "/state", handler: s.handleQuestionState},
		{methods: post, path: page + "/questions/" + questionVar + "/words", handler: s.handleQuestionWord},
		{methods: get, path: "/atelier/import", page: true, handler: s.handleImportPage},
		{methods: post, path: "/api/uploads", handler: s.handleUpload},
		{methods: post, path: "/api/uploads/{id:[0-9a-f]{32}}", handler: s.handleUploadConfirm},
		{methods: post, path: "/api/uploads/{id:[0-9a-f]{32}}/report", handler: s.handleUploadReport},
		{methods: post, path: "/api/datasets/fetch", handler: s.handleDatasetFetch},
		{methods: post, path: "/datasets/" + nameVar + "/mettre-a-jour", handler: s.handleDatasetRefetch},
		{methods: post, path: "/datasets/" + nameVar + "/colonne", handler: s.handleColumnChange},

		// Accounts.
		{access: admin, methods: get, path: "/atelier/comptes", page: true, handler: s.handleAccounts},
		{access: admin, methods: post, path: "/atelier/comptes", handler: s.handleAccountAdd},
		{access: admin, methods: post, path: "/atelier/comptes/{id:[1-9][0-9]{0,17}}/{action:desactiver|activer|mot-de-passe}", handler: s.handleAccountChange},
	}
}

// mount registers the table on r, each handler behind the check its access asks for.
func (s *Server) mount(r *mux.Router) {
	for _, rt := range s.routes() {
		h := rt.handler
		switch rt.access {
		case admin:
			h = s.requireAdmin(h)
		case facilitator:
			h = s.requireUser(h)
		}
		if rt.page && rt.access != public {
			h = s.requirePage(h)
		}
		var m *mux.Route
		if rt.prefix {
			m = r.PathPrefix(rt.path).HandlerFunc(h)
		} else {
			m = r.HandleFunc(rt.path, h)
		}
		m.Methods(rt.methods...)
	}
}
