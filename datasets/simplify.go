package datasets

import (
	"context"
	"encoding/json"
	"math"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// A map is drawn at most about mapPixels wide, so a GeoJSON file's shapes are simplified at
// import to what such a map can show: one polygon of 2 million vertices (38 MB) made pages
// of 38 MB. Each ring and line is simplified on its own (Douglas–Peucker) within a quarter
// of a pixel of the dataset's extent, so two communes that share a border, simplified
// apart, stay within half a pixel of each other: no gap shows. A ring never falls below 4
// positions, so no commune disappears. Coordinates are rounded to a sixteenth of a pixel.
// The original file is kept unchanged for download.
const (
	mapPixels          = 1280
	toleranceInPixels  = 0.25
	quantumInPixels    = 1.0 / 16
	minRingPositions   = 4
	simplifyCheckEvery = 1 << 14 // positions between two looks at the context
)

// geometry is a GeoJSON geometry, its coordinates decoded by type.
type geometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`

	lines    [][][]float64 // every line or ring, in order; points for Point and MultiPoint
	parts    []int         // MultiPolygon: how many rings each polygon has
	children []*geometry   // GeometryCollection
}

// shapes are a dataset's geometries, decoded once to be counted, measured and simplified.
type shapes struct {
	geoms    []*geometry // nil for a feature without a geometry
	vertices int
	minX     float64
	minY     float64
	maxX     float64
	maxY     float64
}

// simplifyGeometries returns each feature's geometry simplified for the screen, and a
// warning saying how far, or the geometries unchanged when none is a line or a polygon.
func simplifyGeometries(ctx context.Context, raws []json.RawMessage, lim Limits) ([]json.RawMessage, []Warning, error) {
	sh, err := decodeShapes(ctx, raws, lim)
	if err != nil || sh.vertices == 0 {
		return raws, nil, err
	}
	extent := max(sh.maxX-sh.minX, sh.maxY-sh.minY)
	if extent == 0 || math.IsNaN(extent) || math.IsInf(extent, 0) {
		return raws, nil, nil
	}
	pixel := extent / mapPixels
	digits := max(0, int(math.Ceil(-math.Log10(pixel*quantumInPixels))))
	out := make([]json.RawMessage, len(raws))
	kept := 0
	for i, g := range sh.geoms {
		if g == nil {
			continue
		}
		if i&255 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		n := g.simplify(pixel * toleranceInPixels)
		kept += n
		if lim.MaxDrawnVertices > 0 && kept > lim.MaxDrawnVertices {
			return nil, nil, fault.New(fault.Unprocessable,
				"même simplifiées pour l'écran, les formes gardent plus de %s points, la limite : simplifiez le fichier avant de l'importer (par exemple avec mapshaper.org)",
				localfmt.Int("fr", int64(lim.MaxDrawnVertices)))
		}
		out[i] = g.appendJSON(nil, digits)
	}
	if kept == sh.vertices {
		return out, nil, nil
	}
	return out, []Warning{{Column: "geometry", Message: "formes simplifiées pour l'écran : " + localfmt.Int("fr", int64(sh.vertices)) +
		" points ramenés à " + localfmt.Int("fr", int64(kept)) + " ; le fichier d'origine reste téléchargeable tel quel"}}, nil
}

// decodeShapes decodes every geometry, counting vertices against the limit first.
func decodeShapes(ctx context.Context, raws []json.RawMessage, lim Limits) (*shapes, error) {
	sh := &shapes{geoms: make([]*geometry, len(raws)), minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	for i, raw := range raws {
		if raw == nil {
			continue
		}
		if i&255 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g, err := decodeGeometry(raw, 0)
		if err != nil {
			return nil, fault.New(fault.Unprocessable, "objet n° %d : géométrie GeoJSON illisible (%v)", i+1, err)
		}
		sh.geoms[i] = g
		for _, l := range g.lines {
			sh.vertices += len(l)
			for _, p := range l {
				sh.minX, sh.maxX = min(sh.minX, p[0]), max(sh.maxX, p[0])
				sh.minY, sh.maxY = min(sh.minY, p[1]), max(sh.maxY, p[1])
			}
		}
		if lim.MaxVertices > 0 && sh.vertices > lim.MaxVertices {
			return nil, fault.New(fault.Unprocessable,
				"les formes du fichier ont plus de %s points, la limite : simplifiez le fichier avant de l'importer (par exemple avec mapshaper.org)",
				localfmt.Int("fr", int64(lim.MaxVertices)))
		}
	}
	return sh, nil
}
