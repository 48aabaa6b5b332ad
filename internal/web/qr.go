package web

import (
	"fmt"
	"net/http"
	"strings"

	"rsc.io/qr"
)

// handlePageQR draws the page's public address as a QR code in SVG, so that residents in the
// room can join from their phones. It is drawn here, in pure Go: no external service.
func (s *Server) handlePageQR(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code, err := qr.Encode(s.shareURL(r, p), qr.M)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write([]byte(qrSVG(code)))
}

// qrSVG draws the code's dark modules as one path, with the four-module quiet zone scanners
// need.
func qrSVG(code *qr.Code) string {
	const quiet = 4
	size := code.Size + 2*quiet
	var path strings.Builder
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; x++ {
			if code.Black(x, y) {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`+
		`<rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="%s"/></svg>`, size, size, path.String())
}
