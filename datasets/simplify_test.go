package datasets_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
	"atelier/internal/fault"
)

// jaggedPolygon is one GeoJSON polygon of n vertices: a circle of radius 1° whose border
// shakes by one part in a million, as an over-detailed survey would (38 MB for 2 million).
func jaggedPolygon(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[`)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n-1)
		r := 1 + 1e-5*float64(i%7)
		if i == n-1 {
			a, r = 0, 1
		}
		fmt.Fprintf(&b, "[%.7f,%.7f],", 5+r*math.Cos(a), 43+r*math.Sin(a))
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(`]]}}]}`)
	return b.Bytes()
}

// rings decodes a stored geometry column into each feature's rings.
func geometries(t *testing.T, l *datasets.Loaded) [][][][2]float64 {
	t.Helper()
	col := col(t, l, "geometry").(*array.String)
	out := make([][][][2]float64, col.Len())
	for i := range out {
		var g struct {
			Type        string
			Coordinates json.RawMessage
		}
		if err := json.Unmarshal([]byte(col.Value(i)), &g); err != nil {
			t.Fatalf("feature %d: %v", i, err)
		}
		var polys [][][][2]float64
		if g.Type == "Polygon" {
			var rings [][][2]float64
			json.Unmarshal(g.Coordinates, &rings)
			polys = [][][][2]float64{rings}
		} else {
			json.Unmarshal(g.Coordinates, &polys)
		}
		for _, p := range polys {
			out[i] = append(out[i], p...)
		}
	}
	return out
}

// area is the absolute shoelace area of a feature's rings (outer rings count, holes subtract
// through their opposite winding in well-formed files; here every ring counts).
func area(rings [][][2]float64) float64 {
	total := 0.0
	for _, r := range rings {
		s := 0.0
		for i := 0; i+1 < len(r); i++ {
			s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
		}
		total += math.Abs(s) / 2
	}
	return total
}

func TestAPolygonOfTwoMillionVerticesIsSimplifiedForTheScreen(t *testing.T) {
	src := jaggedPolygon(2_000_000)
	l := mustRead(t, "foret.geojson", src)
	g := geometries(t, l)[0]
	stored := col(t, l, "geometry").(*array.String).Value(0)
	t.Logf("%d bytes, 2,000,000 vertices -> %d bytes, %d vertices", len(src), len(stored), len(g[0]))
	if len(stored) > 100<<10 {
		t.Errorf("the simplified geometry is %d bytes; want a screen's worth (≤ 100 KiB)", len(stored))
	}
	if got := area(g); math.Abs(got-math.Pi)/math.Pi > 0.01 {
		t.Errorf("area %.4f; want π within 1%%: the shape changed", got)
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0].Message, "2\u202f000\u202f000 points ramenés à") {
		t.Errorf("warnings = %v; want one saying how far the shapes were simplified", l.Warnings)
	}
}

func TestTheDemoCommunesStayRecognisableWithoutGaps(t *testing.T) {
	src, err := os.ReadFile("testdata/communes-13-bouches-du-rhone.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Geometry json.RawMessage }
	}
	json.Unmarshal(src, &fc)
	l := mustRead(t, "communes-13.geojson", src)
	got := geometries(t, l)
	if len(got) != 119 {
		t.Fatalf("%d communes; want 119", len(got))
	}
	before, after, vertices := 0.0, 0.0, 0
	for i, rings := range got {
		orig := geometries(t, mustRead(t, "one.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":`+string(fc.Features[i].Geometry)+`}]}`)))[0]
		for _, r := range rings {
			vertices += len(r)
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Errorf("commune %d: a ring of %d positions, or open", i, len(r))
			}
		}
		if len(rings) != len(orig) {
			t.Errorf("commune %d: %d rings; want %d (none dropped)", i, len(rings), len(orig))
		}
		a, b := area(orig), area(rings)
		before, after = before+a, after+b
		if math.Abs(a-b)/a > 0.05 {
			t.Errorf("commune %d: area %.6f -> %.6f, more than 5%% off", i, a, b)
		}
	}
	t.Logf("9,375 vertices -> %d; total area %.6f -> %.6f", vertices, before, after)
	if math.Abs(after-before)/before > 0.002 {
		t.Errorf("total area %.6f -> %.6f: shared borders moved apart (gaps or overlaps)", before, after)
	}
}

func TestTooManyVerticesAreRefusedWithTheLimit(t *testing.T) {
	lim := datasets.DefaultLimits
	lim.MaxVertices = 1000
	_, err := datasets.Read(context.Background(), "foret.geojson", bytes.NewReader(jaggedPolygon(1001)), lim, memory.NewGoAllocator())
	if fault.KindOf(err) != fault.Unprocessable || !strings.Contains(err.Error(), "plus de 1\u202f000 points, la limite") {
		t.Errorf("err = %v (%v); want Unprocessable naming the limit", err, fault.KindOf(err))
	}
}
