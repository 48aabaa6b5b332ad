package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/internal/fault"
	"atelier/notebooks"
)

// Which datasets and versions a visitor may read is decided by notebooks (DatasetViewFor,
// ListedDatasets); this file only asks it, once per request, before any dataset handler
// runs. An unlisted page's data are reached with its key in the address: the page's dataset
// links carry it (withDataKey), and the dataset page's own links keep it (datasetQuery).

// readerOf is who the visitor is, for notebooks' visibility rules.
func readerOf(r *http.Request) notebooks.Reader {
	if _, loggedIn := userOf(r); loggedIn {
		return notebooks.Reader{Facilitator: true}
	}
	return notebooks.Reader{ShareKey: shareKeyParam(r)}
}

func shareKeyParam(r *http.Request) string {
	if key := r.URL.Query().Get(shareParam); len(key) <= 64 {
		return key
	}
	return ""
}

type datasetViewKey struct{}

// datasetAccess lets a visitor reach only the datasets, and the versions of them, that
// notebooks says they may read; anything else answers as if it did not exist. A request
// without ?version= means the newest version the visitor may read.
func (s *Server) datasetAccess(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := datasets.Name(mux.Vars(r)["name"])
		view, err := s.pages.DatasetViewFor(r.Context(), readerOf(r), name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !view.Visible() {
			s.fail(w, r, faultIn(r, fault.NotFound, "web.dataset.notfound", name))
			return
		}
		v, err := intParam(r, "version", 0, 1, 1<<30)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		switch {
		case v == 0 && !view.All:
			q := r.URL.Query()
			q.Set("version", strconv.Itoa(view.Newest()))
			r.URL.RawQuery = q.Encode()
		case v != 0 && !view.Allows(v):
			s.fail(w, r, faultIn(r, fault.NotFound, "access.dataset.version", v, name))
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), datasetViewKey{}, view)))
	}
}

// readableVersions keeps, of a dataset's versions, those the visitor may read (see
// datasetAccess, which put the visitor's view in the request).
func readableVersions(r *http.Request, all []datasets.Meta) []datasets.Meta {
	view, _ := r.Context().Value(datasetViewKey{}).(notebooks.DatasetView)
	if view.All {
		return all
	}
	var out []datasets.Meta
	for _, m := range all {
		if view.Allows(m.Version) {
			out = append(out, m)
		}
	}
	return out
}

// datasetQuery starts the query string of the dataset page's own links: "?cle=KEY&" when the
// visitor came with an unlisted page's key, so that downloads and other versions follow.
func datasetQuery(r *http.Request) string {
	if _, loggedIn := userOf(r); !loggedIn {
		if key := shareKeyParam(r); key != "" {
			return "?" + shareParam + "=" + url.QueryEscape(key) + "&"
		}
	}
	return "?"
}

// visibleDatasets is the catalogue as the visitor may see it listed: all of it for
// facilitators, else what published pages draw from.
func (s *Server) visibleDatasets(r *http.Request) ([]datasets.Meta, error) {
	list, err := s.datasets.List(r.Context())
	if _, loggedIn := userOf(r); loggedIn || err != nil {
		return list, err
	}
	listed, err := s.pages.ListedDatasets(r.Context())
	if err != nil {
		return nil, err
	}
	shown := list[:0]
	for _, m := range list {
		if listed[m.Name] {
			shown = append(shown, m)
		}
	}
	return shown, nil
}

var datasetLinkRE = regexp.MustCompile(`href="/datasets/(` + datasets.NamePattern + `)(\?|")`)

// withDataKey makes the dataset links of an unlisted page carry its key: whoever reads the
// page may read its data, which are neither listed nor open without the key.
func withDataKey(html string, p *notebooks.Page) string {
	if p.Status != notebooks.Unlisted || p.ShareKey == "" {
		return html
	}
	key := shareParam + "=" + url.QueryEscape(p.ShareKey)
	return datasetLinkRE.ReplaceAllStringFunc(html, func(m string) string {
		sub := datasetLinkRE.FindStringSubmatch(m)
		if sub[2] == "?" {
			return `href="/datasets/` + sub[1] + "?" + key + "&amp;"
		}
		return `href="/datasets/` + sub[1] + "?" + key + `"`
	})
}
