package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"atelier/internal/accounts"
	"atelier/internal/fault"
)

// Admins manage the facilitators' accounts from /atelier/comptes.

// requireAdmin answers 401 to anonymous visitors and 403 to facilitators.
func (s *Server) requireAdmin(h http.HandlerFunc) http.HandlerFunc {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if u, _ := userOf(r); u.Role != accounts.Admin {
			s.fail(w, r, faultIn(r, fault.Forbidden, "web.admin.only"))
			return
		}
		h(w, r)
	})
}

func (s *Server) handleAccounts(w http.ResponseWriter, r *http.Request) {
	list, err := s.accounts.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "accounts", map[string]any{"Accounts": list, "Done": r.URL.Query().Get("fait")})
}

func (s *Server) handleAccountAdd(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	role, err := accounts.ParseRole(r.PostFormValue("role"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.accounts.Add(r.Context(), r.PostFormValue("email"), r.PostFormValue("password"), role); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/atelier/comptes?fait=ajout", http.StatusSeeOther)
}

func (s *Server) handleAccountChange(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if me, _ := userOf(r); me.ID == id && mux.Vars(r)["action"] == "desactiver" {
		s.fail(w, r, faultIn(r, fault.Invalid, "web.admin.self"))
		return
	}
	var err error
	switch mux.Vars(r)["action"] {
	case "desactiver":
		err = s.accounts.SetDisabled(r.Context(), id, true)
	case "activer":
		err = s.accounts.SetDisabled(r.Context(), id, false)
	case "mot-de-passe":
		err = s.accounts.ResetPassword(r.Context(), id, r.PostFormValue("password"))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/atelier/comptes?fait="+mux.Vars(r)["action"], http.StatusSeeOther)
}
