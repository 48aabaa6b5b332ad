package datasets_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
	"atelier/internal/fault"
)

// FuzzRead checks that no input makes Read panic, leak, or return a ragged table, and that
// every refusal is a fault with a message for the user. Seeds are in testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add("a.csv", []byte("a;b\n1;2\n"))
	pq, ar := sampleFiles(f)
	f.Add("b.xlsx", budgetXLSX(f))
	f.Add("s.parquet", pq)
	f.Add("s.arrow", ar)
	f.Add("r.json", []byte(`[{"code": "13056", "pop": 48568, "date": "2024-01-31"}, {"fields": {"a": 1}}]`))
	f.Add("v2.json", []byte(`{"results": [{"a": "01/02/2024", "b": 1.5}]}`))
	f.Add("c.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0.5,0.4],[0,1],[0,0]]]]}},{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}]}}]}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		lim := datasets.DefaultLimits
		lim.MaxLineBytes, lim.MaxColumns, lim.MaxRows = 4096, 64, 1000
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		l, err := datasets.Read(context.Background(), name, bytes.NewReader(data), lim, mem)
		if err != nil {
			if fault.KindOf(err) == fault.Internal {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		defer l.Table.Release()
		schema := l.Table.Schema()
		if l.Table.NumCols() == 0 || int(l.Table.NumCols()) != len(schema.Fields()) {
			t.Fatalf("%d columns for %d fields", l.Table.NumCols(), len(schema.Fields()))
		}
		for i := 0; i < int(l.Table.NumCols()); i++ {
			if n := int64(l.Table.Column(i).Len()); n != l.Table.NumRows() {
				t.Fatalf("column %d has %d values for %d rows", i, n, l.Table.NumRows())
			}
		}
	})
}
