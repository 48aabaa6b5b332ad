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

// fail answers err as JSON under /api/ and as a French page elsewhere. Internal errors are
// logged with a reference id that the user can quote; their detail never leaves the server.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf[fault.KindOf(err)]
	msg, ok := fault.Message(err)
	if !ok {
		ref := reference()
		s.log.Error("request failed", "ref", ref, "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "Une erreur interne est survenue. Si elle se répète, donnez cette référence à l'équipe : " + ref + "."
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
	s.answerError(w, r, http.StatusNotFound, "Cette adresse ne mène à aucune page. Vérifiez le lien, ou repartez de l'accueil.")
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.answerError(w, r, http.StatusMethodNotAllowed, "Cette action n'est pas possible à cette adresse.")
}

func reference() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
