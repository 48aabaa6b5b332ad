package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"atelier/internal/fault"
)

// statusOf is the one table from fault kinds to HTTP statuses.
var statusOf = map[fault.Kind]int{
	fault.Internal:             http.StatusInternalServerError,
	fault.Invalid:              http.StatusBadRequest,
	fault.Unauthorized:         http.StatusUnauthorized,
	fault.Forbidden:            http.StatusForbidden,
	fault.NotFound:             http.StatusNotFound,
	fault.Conflict:             http.StatusConflict,
	fault.PreconditionFailed:   http.StatusPreconditionFailed,
	fault.TooLarge:             http.StatusRequestEntityTooLarge,
	fault.Unsupported:          http.StatusUnsupportedMediaType,
	fault.Unprocessable:        http.StatusUnprocessableEntity,
	fault.PreconditionRequired: http.StatusPreconditionRequired,
	fault.TooManyRequests:      http.StatusTooManyRequests,
	fault.InsufficientStorage:  http.StatusInsufficientStorage,
}

// fail answers err as JSON under /api/ and as a page elsewhere. Internal errors are
// logged with a reference id that the user can quote; their detail never leaves the server.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf[fault.KindOf(err)]
	msg, ok := fault.Message(err)
	if !ok {
		ref := reference()
		s.log.Error("request failed", "ref", ref, "method", r.Method, "path", r.URL.Path, "err", err)
		msg = translate(langOf(r), "web.internal.ref", ref)
	}
	s.answerError(w, r, status, msg)
}

func (s *Server) answerError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"error": msg})
		return
	}
	s.render(w, r, status, "error", map[string]any{"Status": status, "Message": msg})
}

// handleNotFound never echoes the requested path: it may be crafted to inject markup.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.answerError(w, r, http.StatusNotFound, translate(langOf(r), "web.notfound"))
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.answerError(w, r, http.StatusMethodNotAllowed, translate(langOf(r), "web.notallowed"))
}

// faultIn is an error this package writes itself: its message comes from the catalogues, in
// the language of the answer to r. (The domain packages' messages stay French.)
func faultIn(r *http.Request, kind fault.Kind, id string, args ...any) *fault.Error {
	return &fault.Error{Kind: kind, Message: translate(langOf(r), id, args...)}
}

// wrapIn is faultIn with a cause kept for the log.
func wrapIn(r *http.Request, kind fault.Kind, cause error, id string, args ...any) *fault.Error {
	e := faultIn(r, kind, id, args...)
	e.Err = cause
	return e
}

func reference() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
