package datasets_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadGeoJSONProperties(t *testing.T) {
	in := `{"type": "FeatureCollection", "features": [
	  {"type": "Feature", "properties": {"code": "13056", "n": 1, "x": 1, "m": "a", "b": true, "o": {"k": [1, 2]}, "geometry": "g"},
	   "geometry": {"type": "Point", "coordinates": [5.05, 43.40]}},
	  {"type": "Feature", "properties": {"code": "13001", "n": 2, "x": 2.5, "m": 3, "big": 12345678901234567890},
	   "geometry": null}
	]}`
	l := mustRead(t, "communes.json", []byte(in))
	if l.Format != "geojson" || l.Delimiter != "" {
		t.Errorf("format %q, delimiter %q", l.Format, l.Delimiter)
	}
	wantTypes := map[string]string{"code": "utf8", "n": "int64", "x": "float64", "m": "utf8", "b": "bool",
		"o": "utf8", "geometry_2": "utf8", "big": "utf8", "geometry": "utf8"}
	if diff := cmp.Diff(wantTypes, types(l)); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
	wantCols := []string{"code", "n", "x", "m", "b", "o", "geometry_2", "big", "geometry"}
	if diff := cmp.Diff(wantCols, columnNames(l)); diff != "" {
		t.Errorf("column order (-want +got):\n%s", diff)
	}
	var got [][]any
	for r := 0; r < 2; r++ {
		var row []any
		for _, c := range wantCols {
			row = append(row, value(t, l, c, r))
		}
		got = append(got, row)
	}
	want := [][]any{
		{"13056", int64(1), 1.0, "a", true, `{"k":[1,2]}`, "g", nil, `{"type":"Point","coordinates":[5.05,43.40]}`},
		{"13001", int64(2), 2.5, "3", nil, nil, nil, "12345678901234567890", nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}
