// Package web is atelier's HTTP side: the gorilla/mux routes of the DESIGN.md contract, the
// server-rendered French pages, the JSON API, the embedded static assets, and the middlewares
// every response goes through (security headers, gzip, panic recovery).
//
// Handlers parse, call the domain packages, and render; logic lives in datasets, charts and
// notebooks. Invariants: every response carries a Content-Security-Policy that allows no
// inline script and no other host; a domain error becomes the status of its fault kind and
// its French message, an internal one a generic message with a reference id.
package web
