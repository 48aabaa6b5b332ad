package web

import (
	"crypto/sha256"
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

// cacheKey is one view of a page as rendered in one language: its chrome (navigation,
// buttons, dates) is in the visitor's language. view is "" for the page itself, else the
// chart alone ("chart/N") or the offline file ("offline" and the address it links to).
type cacheKey struct {
	slug notebooks.Slug
	lang string
	view string
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
	s.serveCached(w, r, slug, "", func(p *notebooks.Page) ([]byte, error) {
		v, err := s.withSnapshots(r, pageView(p), slug)
		if err != nil {
			return nil, err
		}
		v.Path = "/p/" + string(slug) // shared by every visitor: not this one's query string
		return s.renderBytes(r, "page", v)
	})
}

// serveCached answers an anonymous view of slug from the cache, revalidated by the page's
// stamp; on a miss build renders it from the page. The caller sets the view's own headers.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, slug notebooks.Slug, view string, build func(*notebooks.Page) ([]byte, error)) {
	fail := func(err error) {
		w.Header().Del("Content-Disposition") // an error is a page to read, not a file to keep
		s.fail(w, r, err)
	}
	st, err := s.pages.StampOf(r.Context(), slug)
	if err != nil {
		fail(err)
		return
	}
	if !mayRead(r, slug, st.Status, st.ShareKey) {
		fail(notebooks.ErrNotFound(slug))
		return
	}
	key := cacheKey{slug: slug, lang: langOf(r), view: view}
	c := s.cache.get(key, st.Generation)
	if c == nil {
		if c, err = s.renderCached(r, key, build); err != nil {
			fail(err)
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

func (s *Server) renderCached(r *http.Request, key cacheKey, build func(*notebooks.Page) ([]byte, error)) (*cachedPage, error) {
	p, err := s.pages.Get(r.Context(), key.slug)
	if err != nil {
		return nil, err
	}
	body, err := build(p)
	if err != nil {
		return nil, err
	}
	c := &cachedPage{
		generation: p.Generation,
		// The assets' hashes are in the page: a new build is a new page. So is another
		// language, or another view: a copy is never revalidated for a view it is not.
		etag:    fmt.Sprintf(`"%d-%s-%s-%x"`, p.Generation, s.static.version, key.lang, viewHash(key.view)),
		body:    body,
		gzipped: compress(body),
	}
	if c.gzipped == nil {
		c.gzipped = body
	}
	s.cache.put(key, c)
	return c, nil
}

// viewHash tells views apart in an ETag without putting addresses in it.
func viewHash(view string) []byte {
	sum := sha256.Sum256([]byte(view))
	return sum[:4]
}

// hasQuestions reports whether a page's stored HTML holds a question form.
func hasQuestions(html string) bool { return strings.Contains(html, `<form class="question"`) }

func pageView(p *notebooks.Page) view {
	return view{
		Description: p.Description,
		Charts:      p.Charts > 0 || hasQuestions(p.HTML), // questions draw their results
		Questions:   hasQuestions(p.HTML),
		FullCharts:  needsFullCharts(p.HTML),
		LazyCharts:  serverDrawn(p.HTML),
		Script:      true,                                                                     // « Suivre la présentation »
		Data:        map[string]any{"Page": p, "HTML": template.HTML(withDataKey(p.HTML, p))}, // rendered on save by notebooks, safe
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
