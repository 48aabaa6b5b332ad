package web

import "github.com/gorilla/mux"

// Walk lets the black-box tests walk every registered route.
func (s *Server) Walk(fn mux.WalkFunc) error { return s.router.Walk(fn) }
