package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"atelier/internal/accounts"
	"atelier/internal/fault"
)

const (
	sessionCookie = "atelier_session"
)

type userKey struct{}

// userOf returns the logged-in user of the request, if any.
func userOf(r *http.Request) (accounts.User, bool) {
	u, ok := r.Context().Value(userKey{}).(accounts.User)
	return u, ok
}

// withUser attaches the session's user to the request context. A bad or stale cookie is
// simply no user: the visitor is anonymous.
func (s *Server) withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(sessionCookie); err == nil && s.accounts != nil {
			if u, err := s.accounts.Session(r.Context(), c.Value); err == nil {
				r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireUser answers 401 for anonymous requests.
func (s *Server) requireUser(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := userOf(r); !ok {
			s.fail(w, r, faultIn(r, fault.Unauthorized, "web.login.required"))
			return
		}
		h(w, r)
	}
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	next := safeNext(r.PostFormValue("next"))
	now := s.now()
	addr := throttledAddress(r)
	if wait := s.logins.Wait(email, addr, now); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second))) // rounded up
		s.render(w, r, http.StatusTooManyRequests, "login", map[string]any{"Next": next, "Email": email,
			"Error": translate(langOf(r), "web.login.throttled", int(wait.Minutes())+1)})
		return
	}
	u, err := s.accounts.Authenticate(r.Context(), email, r.PostFormValue("password"))
	if err != nil {
		if fault.KindOf(err) != fault.Unauthorized {
			s.fail(w, r, err)
			return
		}
		s.logins.Fail(email, addr, now)
		msg, _ := fault.Message(err)
		s.render(w, r, http.StatusUnauthorized, "login", map[string]any{"Next": next, "Email": email, "Error": msg})
		return
	}
	s.logins.Succeed(email, addr)
	// A fresh session id at every login: a token planted before login is worth nothing.
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.accounts.Revoke(r.Context(), c.Value)
	}
	token, err := s.accounts.NewSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, token, int(accounts.SessionLifetime.Seconds())))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.accounts.Revoke(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, "", -1))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) cookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	}
}

// safeNext keeps a post-login redirect on this site: a path, never //host or a scheme.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(next, `/\`) || u.Scheme != "" || u.Host != "" || strings.ContainsAny(next, "\r\n\t") {
		return "/"
	}
	return next
}

// throttledAddress is the client's address as the login guard counts it: an IPv6 client
// holds a whole /64, so the /64 is what counts.
func throttledAddress(r *http.Request) string {
	ip, err := netip.ParseAddr(clientAddress(r))
	if err != nil || ip.Is4() || ip.Is4In6() {
		return clientAddress(r)
	}
	prefix, _ := ip.Prefix(64)
	return prefix.String()
}

func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
