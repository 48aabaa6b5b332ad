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

// pageCacheSize bounds the pages kept; a city has tens of pages, not thousands, in two
// languages.
const pageCacheSize = 256

// cacheKey is one page as rendered in one language: its chrome (navigation, buttons, dates)
// is in the visitor's language.
type cacheKey struct {
	slug notebooks.Slug
	lang string
}

type cachedPage struct {
	generation int64
	etag       string
	body       []byte
	gzipped    []byte
}

type pageCache struct {
	mu    sync.Mutex
	pages map[cacheKey]*cachedPage
}

func (c *pageCache) get(k cacheKey, generation int64) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pages[k]; p != nil && p.generation == generation {
		return p
	}
	return nil
}

func (c *pageCache) put(k cacheKey, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[cacheKey]*cachedPage{}
	}
	if len(c.pages) >= pageCacheSize {
		for k := range c.pages { // any one: the map is a bound, not an LRU
			delete(c.pages, k)
			break
		}
	}
	c.pages[k] = p
}

// servePublicPage answers an anonymous view of /p/{slug}.
func (s *Server) servePublicPage(w http.ResponseWriter, r *http.Request, slug notebooks.Slug) {
	st, err := s.pages.StampOf(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !mayRead(r, slug, st.Status, st.ShareKey) {
		s.fail(w, r, notebooks.ErrNotFound(slug))
		return
	}
	key := cacheKey{slug, langOf(r)}
	c := s.cache.get(key, st.Generation)
	if c == nil {
		if c, err = s.renderPublicPage(r, key); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	h := w.Header()
	h.Set("ETag", c.etag)
	h.Set("Cache-Control", "no-cache")                        // keep it, but ask each time: the answer is often 304
	h.Set("Vary", "Accept-Encoding, Accept-Language, Cookie") // the language comes from the last two
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

func (s *Server) renderPublicPage(r *http.Request, key cacheKey) (*cachedPage, error) {
	p, err := s.pages.Get(r.Context(), key.slug)
	if err != nil {
		return nil, err
	}
	v := pageView(p)
	v.Path = "/p/" + string(key.slug) // shared by every visitor: not this one's query string
	body, err := s.renderBytes(r, "page", v)
	if err != nil {
		return nil, err
	}
	c := &cachedPage{
		generation: p.Generation,
		// The assets' hashes are in the page: a new build is a new page. So is another
		// language: a copy kept in French is never revalidated for an English visitor.
		etag:    fmt.Sprintf(`"%d-%s-%s"`, p.Generation, s.static.version, key.lang),
		body:    body,
		gzipped: compress(body),
	}
	if c.gzipped == nil {
		c.gzipped = body
	}
	s.cache.put(key, c)
	return c, nil
}

func pageView(p *notebooks.Page) view {
	return view{
		Description: p.Description,
		Charts:      p.Charts > 0,
		FullCharts:  needsFullCharts(p.HTML),
		LazyCharts:  serverDrawn(p.HTML),
		Script:      true,                                                     // « Suivre la présentation »
		Data:        map[string]any{"Page": p, "HTML": template.HTML(p.HTML)}, // rendered on save by notebooks, safe
	}
}

// lightChartTypes are drawn by the light ECharts bundle (scripts/echarts-base-entry.js);
// table and number need no ECharts at all. A page with any other type loads the full one.
var lightChartTypes = map[string]bool{"bar": true, "line": true, "area": true, "pie": true, "donut": true,
	"scatter": true, "table": true, "number": true}

var chartTypeRE = regexp.MustCompile(`<figure class="chart[^"]*" data-chart="\d+" id="graphique-\d+" data-type="([a-z]+)"`)

// serverDrawn tells whether every chart ECharts would draw carries the server's drawing.
func serverDrawn(html string) bool {
	drawn := strings.Count(html, `class="chart-canvas chart-has-svg"`)
	return drawn > 0 && drawn == strings.Count(html, `class="chart-canvas`)
}

func needsFullCharts(html string) bool {
	for _, m := range chartTypeRE.FindAllStringSubmatch(html, -1) {
		if !lightChartTypes[m[1]] {
			return true
		}
	}
	return false
}
