package web

import (
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"atelier/notebooks"
)

// A public page view must not parse markdown or run a query, and at a meeting hundreds of
// phones open the same page at once: anonymous views are served from the page as rendered,
// compressed once, and revalidated with one tiny query (the page's stamp). A page that
// changed in any way (saved, refreshed by new data, unpublished) has a new generation, so
// a stale copy is never served.

// pageCacheSize bounds the pages kept; a city has tens of pages, not thousands.
const pageCacheSize = 256

type cachedPage struct {
	generation int64
	etag       string
	body       []byte
	gzipped    []byte
}

type pageCache struct {
	mu    sync.Mutex
	pages map[notebooks.Slug]*cachedPage
}

func (c *pageCache) get(slug notebooks.Slug, generation int64) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pages[slug]; p != nil && p.generation == generation {
		return p
	}
	return nil
}

func (c *pageCache) put(slug notebooks.Slug, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[notebooks.Slug]*cachedPage{}
	}
	if len(c.pages) >= pageCacheSize {
		for k := range c.pages { // any one: the map is a bound, not an LRU
			delete(c.pages, k)
			break
		}
	}
	c.pages[slug] = p
}

// servePublicPage answers an anonymous view of /p/{slug}.
func (s *Server) servePublicPage(w http.ResponseWriter, r *http.Request, slug notebooks.Slug) {
	st, err := s.pages.StampOf(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !st.Status.Public() {
		s.fail(w, r, notebooks.ErrNotFound(slug))
		return
	}
	c := s.cache.get(slug, st.Generation)
	if c == nil {
		if c, err = s.renderPublicPage(r, slug); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	h := w.Header()
	h.Set("ETag", c.etag)
	h.Set("Cache-Control", "no-cache") // keep it, but ask each time: the answer is often 304
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("If-None-Match"), c.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	body := c.body
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = c.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.Write(body)
}

func (s *Server) renderPublicPage(r *http.Request, slug notebooks.Slug) (*cachedPage, error) {
	p, err := s.pages.Get(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	body, err := s.renderBytes(r, "page", pageView(p))
	if err != nil {
		return nil, err
	}
	c := &cachedPage{
		generation: p.Generation,
		// The assets' hashes are in the page: a new build is a new page.
		etag:    fmt.Sprintf(`"%d-%s"`, p.Generation, s.static.version),
		body:    body,
		gzipped: compress(body),
	}
	if c.gzipped == nil {
		c.gzipped = body
	}
	s.cache.put(slug, c)
	return c, nil
}

func pageView(p *notebooks.Page) view {
	return view{
		Description: p.Description,
		Charts:      p.Charts > 0,
		FullCharts:  needsFullCharts(p.HTML),
		Script:      true,                                                     // « Suivre la présentation »
		Data:        map[string]any{"Page": p, "HTML": template.HTML(p.HTML)}, // rendered on save by notebooks, safe
	}
}

// lightChartTypes are drawn by the light ECharts bundle (scripts/echarts-base-entry.js);
// table and number need no ECharts at all. A page with any other type loads the full one.
var lightChartTypes = map[string]bool{"bar": true, "line": true, "area": true, "pie": true, "donut": true,
	"scatter": true, "table": true, "number": true}

var chartTypeRE = regexp.MustCompile(`<figure class="chart[^"]*" data-chart="\d+" id="graphique-\d+" data-type="([a-z]+)"`)

func needsFullCharts(html string) bool {
	for _, m := range chartTypeRE.FindAllStringSubmatch(html, -1) {
		if !lightChartTypes[m[1]] {
			return true
		}
	}
	return false
}
