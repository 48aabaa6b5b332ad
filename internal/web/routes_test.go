package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// publicRoutes are the only routes an anonymous visitor may get an answer from. The list is
// kept here, apart from the route table, so that opening a route to the public is a change
// that shows in two places and in review.
var publicRoutes = []string{
	"GET /",
	"GET /healthz",
	"GET /static/",
	"GET /p/{slug}",
	"GET /api/pages/{slug}",
	"GET /p/{slug}/present",
	"GET /p/{slug}/charts/{n}",
	"GET /p/{slug}/charts/{n}.csv",
	"GET /p/{slug}/charts/{n}.svg",
	"GET /p/{slug}/qr.svg",
	"GET /p/{slug}/hors-ligne.html",
	"GET /p/{slug}/follow",
	"GET /p/{slug}/follow/etat",
	"GET /{code}",
	"GET /p/{slug}/figee/{n}",
	"GET /p/{slug}/figee/{n}/present",
	"GET /p/{slug}/figee/{n}/charts/{k}.csv",
	"GET /p/{slug}/questions/{n}",
	"GET /p/{slug}/questions/{n}/results",
	"POST /p/{slug}/questions/{n}/answers",
	"GET /p/{slug}/figee/{n}/charts/{k}.svg",
	"GET /datasets",
	"GET /datasets/{name}",
	"GET /datasets/{name}/original",
	"GET /datasets/{name}/csv",
	"GET /datasets/{name}/parquet",
	"GET /api/datasets",
	"GET /api/datasets/{name}",
	"GET /api/datasets/{name}/rows",
	"GET /login",
	"POST /login",
	"POST /logout",
	"POST /langue",
}

// routeVar drops the regular expression from a gorilla/mux variable: {slug:[a-z]+} → {slug}.
var routeVar = regexp.MustCompile(`\{(\w+):[^}]*\}\}?`)

// sample gives each path variable a value that exists in the demo content, so that a route
// that forgot its access check answers 200 rather than a 404 that would hide it.
var sample = strings.NewReplacer(
	"{slug}", "martigues-en-chiffres",
	"{name}", "population-communes",
	"{n}", "1",
	"{k}", "1",
	"{id}", "1",
	"{action}", "activer",
	"{code}", "4821",
)

func TestRoutesDenyAnonymousByDefault(t *testing.T) {
	srv, ts := newTestApp(t)
	anonymous := newClient(t, ts)
	seen := map[string]bool{}
	err := srv.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tmpl, err := r.GetPathTemplate()
		if err != nil {
			return err
		}
		tmpl = routeVar.ReplaceAllStringFunc(tmpl, func(v string) string {
			return "{" + routeVar.FindStringSubmatch(v)[1] + "}"
		})
		methods, _ := r.GetMethods()
		for _, m := range methods {
			if m == http.MethodHead {
				continue
			}
			key := m + " " + tmpl
			seen[key] = true
			if slices.Contains(publicRoutes, key) {
				continue
			}
			path := sample.Replace(tmpl)
			resp, body := anonymous.do(m, path, "{}", "Content-Type", "application/json")
			switch resp.StatusCode {
			case http.StatusUnauthorized, http.StatusSeeOther, http.StatusNotFound:
			default:
				t.Errorf("%s (as %s %s) answered %d to an anonymous visitor; want 401, 303 or 404 unless it is on the public allowlist\n%.200s", key, m, path, resp.StatusCode, body)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range publicRoutes {
		if !seen[key] {
			t.Errorf("the allowlist names %q, which no route serves: remove it", key)
		}
	}
	if len(seen) <= len(publicRoutes) {
		t.Errorf("walked %d routes, not more than the %d public ones: the walk found nothing to check", len(seen), len(publicRoutes))
	}
}
