package datasets

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// maxCollectionDepth bounds GeometryCollections inside one another.
const maxCollectionDepth = 4

// decodeGeometry reads one GeoJSON geometry; every line, ring or set of points lands in
// g.lines, in the order appendJSON writes them back.
func decodeGeometry(raw json.RawMessage, depth int) (*geometry, error) {
	g := &geometry{}
	if err := json.Unmarshal(raw, g); err != nil {
		return nil, err
	}
	var err error
	switch g.Type {
	case "Point":
		var p []float64
		err = json.Unmarshal(g.Coordinates, &p)
		g.lines = [][][]float64{{p}}
	case "MultiPoint", "LineString":
		var l [][]float64
		err = json.Unmarshal(g.Coordinates, &l)
		g.lines = [][][]float64{l}
	case "MultiLineString", "Polygon":
		err = json.Unmarshal(g.Coordinates, &g.lines)
	case "MultiPolygon":
		var polys [][][][]float64
		err = json.Unmarshal(g.Coordinates, &polys)
		for _, rings := range polys {
			g.parts = append(g.parts, len(rings))
			g.lines = append(g.lines, rings...)
		}
	case "GeometryCollection":
		if depth >= maxCollectionDepth {
			return nil, errors.New("GeometryCollection trop imbriquée")
		}
		for _, c := range g.Geometries {
			child, err := decodeGeometry(c, depth+1)
			if err != nil {
				return nil, err
			}
			g.children = append(g.children, child)
			g.lines = append(g.lines, child.lines...)
		}
	default:
		return nil, fmt.Errorf("type « %s » inconnu", g.Type)
	}
	if err != nil {
		return nil, err
	}
	for _, l := range g.lines {
		for _, p := range l {
			if len(p) < 2 {
				return nil, errors.New("une position a moins de deux coordonnées")
			}
		}
	}
	return g, nil
}

// simplify simplifies every line and ring of g within tol and reports the positions kept.
func (g *geometry) simplify(tol float64) int {
	if g.Type == "GeometryCollection" {
		n := 0
		for _, c := range g.children {
			n += c.simplify(tol)
		}
		return n
	}
	n := 0
	for i, l := range g.lines {
		switch g.Type {
		case "LineString", "MultiLineString":
			l = simplifyLine(l, tol, 2)
		case "Polygon", "MultiPolygon":
			l = simplifyLine(l, tol, minRingPositions)
		}
		g.lines[i] = l
		n += len(l)
	}
	return n
}

// simplifyLine is Douglas–Peucker over l, keeping at least min positions (a ring's first
// and last are the same position, and count twice).
func simplifyLine(l [][]float64, tol float64, min int) [][]float64 {
	n := len(l)
	if n <= min {
		return l
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	if samePosition(l[0], l[n-1]) { // a ring: split it at its farthest point from the start
		far := farthest(l, 0, n-1, l[0], l[0])
		if far > 0 {
			keep[far] = true
			douglasPeucker(l, 0, far, tol, keep)
			douglasPeucker(l, far, n-1, tol, keep)
		}
	} else {
		douglasPeucker(l, 0, n-1, tol, keep)
	}
	keepAtLeast(l, keep, min)
	out := make([][]float64, 0, n)
	for i, k := range keep {
		if k {
			out = append(out, l[i])
		}
	}
	return out
}

// douglasPeucker marks in keep the positions strictly between lo and hi that lie farther
// than tol from the simplified line. It uses a stack: a 2-million-position ring would nest
// too deep for recursion.
func douglasPeucker(l [][]float64, lo, hi int, tol float64, keep []bool) {
	stack := [][2]int{{lo, hi}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s[1]-s[0] < 2 {
			continue
		}
		i := farthest(l, s[0]+1, s[1], l[s[0]], l[s[1]])
		if segmentDistance(l[i], l[s[0]], l[s[1]]) > tol {
			keep[i] = true
			stack = append(stack, [2]int{s[0], i}, [2]int{i, s[1]})
		}
	}
}

// keepAtLeast adds, while fewer than min positions are kept, the one farthest from the
// simplified line: a small island stays a shape instead of collapsing to a segment.
func keepAtLeast(l [][]float64, keep []bool, min int) {
	for count(keep) < min {
		best, bestD, prev := -1, -1.0, 0
		for i := 1; i < len(l); i++ {
			if !keep[i] {
				continue
			}
			if j := farthest(l, prev+1, i, l[prev], l[i]); j < i {
				if d := segmentDistance(l[j], l[prev], l[i]); d > bestD {
					best, bestD = j, d
				}
			}
			prev = i
		}
		if best < 0 {
			return
		}
		keep[best] = true
	}
}

func count(keep []bool) int {
	n := 0
	for _, k := range keep {
		if k {
			n++
		}
	}
	return n
}

// farthest is the index in [from, to) farthest from the segment a–b, or from when empty.
func farthest(l [][]float64, from, to int, a, b []float64) int {
	best, bestD := from, -1.0
	for i := from; i < to; i++ {
		if d := segmentDistance(l[i], a, b); d > bestD {
			best, bestD = i, d
		}
	}
	return best
}

// segmentDistance is the distance from p to the segment a–b.
func segmentDistance(p, a, b []float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

func samePosition(a, b []float64) bool { return a[0] == b[0] && a[1] == b[1] }

// appendJSON writes g back as GeoJSON, positions in two dimensions rounded to digits.
func (g *geometry) appendJSON(b []byte, digits int) []byte {
	b = append(b, `{"type":`...)
	b = strconv.AppendQuote(b, g.Type)
	if g.Type == "GeometryCollection" {
		b = append(b, `,"geometries":[`...)
		for i, c := range g.children {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.appendJSON(b, digits)
		}
		return append(b, "]}"...)
	}
	b = append(b, `,"coordinates":`...)
	switch g.Type {
	case "Point":
		b = appendPosition(b, g.lines[0][0], digits)
	case "MultiPoint", "LineString":
		b = appendLine(b, g.lines[0], digits)
	case "MultiLineString", "Polygon":
		b = appendLines(b, g.lines, digits)
	case "MultiPolygon":
		b = append(b, '[')
		at := 0
		for i, n := range g.parts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendLines(b, g.lines[at:at+n], digits)
			at += n
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendLines(b []byte, lines [][][]float64, digits int) []byte {
	b = append(b, '[')
	for i, l := range lines {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendLine(b, l, digits)
	}
	return append(b, ']')
}

func appendLine(b []byte, l [][]float64, digits int) []byte {
	b = append(b, '[')
	for i, p := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPosition(b, p, digits)
	}
	return append(b, ']')
}

func appendPosition(b []byte, p []float64, digits int) []byte {
	b = append(b, '[')
	b = appendRounded(b, p[0], digits)
	b = append(b, ',')
	b = appendRounded(b, p[1], digits)
	return append(b, ']')
}

// appendRounded writes x with at most digits decimals, without trailing zeros.
func appendRounded(b []byte, x float64, digits int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', digits, 64)
	if digits == 0 {
		return b
	}
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}
