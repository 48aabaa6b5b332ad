package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"regexp"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/notebooks"
)

// An unlisted page answers only to its secret link, /p/{slug}?cle=KEY. The first visit with
// the key leaves a cookie scoped to the page's address, so that the page's slides, charts,
// downloads and presentation follow without the key in every link; a new key (« Nouveau
// lien ») makes both the old link and the old cookies worthless.

const shareParam = "cle"

// shareCookie is the cookie name for one page: its key, for that page's addresses only.
func shareCookie(slug notebooks.Slug) string { return "atelier_cle_" + string(slug) }

// mayRead reports whether the visitor may read a page in this state: facilitators always,
// anyone for a published page, and for an unlisted page whoever holds its key.
func mayRead(r *http.Request, slug notebooks.Slug, st notebooks.Status, key string) bool {
	if _, loggedIn := userOf(r); loggedIn || st == notebooks.Published {
		return true
	}
	if st != notebooks.Unlisted || key == "" {
		return false
	}
	given := r.URL.Query().Get(shareParam)
	if given == "" {
		if c, err := r.Cookie(shareCookie(slug)); err == nil {
			given = c.Value
		}
	}
	return subtle.ConstantTimeCompare([]byte(given), []byte(key)) == 1
}

// rememberShareKeys leaves, for any address under /p/{slug} visited with ?cle=KEY, the key in
// that page's cookie. It checks nothing: the cookie grants no more than the key it holds.
func rememberShareKeys(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key := r.URL.Query().Get(shareParam); key != "" && len(key) <= 64 {
			if m := sharedPathRE.FindStringSubmatch(r.URL.Path); m != nil {
				http.SetCookie(w, &http.Cookie{
					Name: shareCookie(notebooks.Slug(m[1])), Value: key, Path: "/p/" + m[1],
					HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: 90 * 24 * 3600,
				})
			}
		}
		next.ServeHTTP(w, r)
	})
}

var sharedPathRE = regexp.MustCompile(`^/p/(` + datasets.NamePattern + `)(?:/|$)`)

// shareURL is the page's address as residents should get it: with its key when unlisted.
func (s *Server) shareURL(r *http.Request, p *notebooks.Page) string {
	return s.roomBase(r) + sharePath(p)
}

// sharePath is the page's path, with its key when unlisted.
func sharePath(p *notebooks.Page) string {
	u := "/p/" + string(p.Slug)
	if p.Status == notebooks.Unlisted && p.ShareKey != "" {
		u += "?" + shareParam + "=" + url.QueryEscape(p.ShareKey)
	}
	return u
}

// handleShareKeyRevoke is « Nouveau lien secret »: the old link stops working at once.
func (s *Server) handleShareKeyRevoke(w http.ResponseWriter, r *http.Request) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	if _, err := s.pages.RevokeShareKey(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.pages.Get(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"slug": string(slug), "share_url": s.shareURL(r, p)})
}
