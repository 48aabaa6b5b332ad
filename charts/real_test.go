package charts_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
)

// realFiles are public French open-data files copied from ../shared/data (see its
// MANIFEST.md), read by the importer as a facilitator's upload would be.
var realFiles = map[datasets.Name]struct{ file, source, licence string }{
	"population-communes": {"insee_population_municipale_2021_latin1.csv", "INSEE, 2021", "Licence Ouverte"},
	"communes-13":         {"communes-13-bouches-du-rhone.geojson", "IGN Admin Express", "Licence Ouverte"},
	"legislatives-2024":   {"legislatives2024_t1_bureaux_finistere_circo2-3.csv", "Ministère de l'Intérieur", ""},
	"dvf-2020":            {"dvf_valeursfoncieres-2020_extrait.txt", "DGFiP", ""},
}

var (
	realOnce   sync.Once
	realTables map[datasets.Name]arrow.Table
	realErr    error
)

// realCatalogue loads the real files once per test binary (the tables are read-only and
// shared, as the Store shares them).
func realCatalogue(t testing.TB) *realCat {
	t.Helper()
	realOnce.Do(func() {
		realTables = map[datasets.Name]arrow.Table{}
		for name, f := range realFiles {
			fh, err := os.Open(filepath.Join("testdata", "real", f.file))
			if err != nil {
				realErr = err
				return
			}
			loaded, err := datasets.Read(context.Background(), f.file, fh, datasets.DefaultLimits, memory.NewGoAllocator())
			fh.Close()
			if err != nil {
				realErr = err
				return
			}
			realTables[name] = loaded.Table
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return &realCat{}
}

// realCat serves the real tables as version 1 of their datasets.
type realCat struct{}

func (realCat) Table(_ context.Context, name datasets.Name, version int) (arrow.Table, datasets.Meta, error) {
	tbl, ok := realTables[name]
	if !ok || version > 1 {
		return (&fakeCatalogue{}).Table(context.Background(), name, version)
	}
	f := realFiles[name]
	return tbl, datasets.Meta{Name: name, Version: 1, Source: f.source, Licence: f.licence, Rows: tbl.NumRows()}, nil
}

func (realCat) Names(context.Context) ([]datasets.Name, error) {
	var out []datasets.Name
	for n := range realFiles {
		out = append(out, n)
	}
	return out, nil
}

// TestRealSchemas pins what the chart tests rely on in the imported files: if the importer
// reads a column differently, these say so before the charts do.
func TestRealSchemas(t *testing.T) {
	realCatalogue(t)
	tests := []struct {
		name      datasets.Name
		rows      int64
		col, kind string
	}{
		{"population-communes", 34995, "p21_pop", "int64"},
		{"population-communes", 34995, "codgeo", "utf8"},
		{"communes-13", 119, "geometry", "utf8"},
		{"legislatives-2024", 201, "% Votants", "float64"},
		{"dvf-2020", 172, "Date mutation", "date32"},
		{"dvf-2020", 172, "Valeur fonciere", "float64"},
	}
	for _, tt := range tests {
		tbl := realTables[tt.name]
		idx := tbl.Schema().FieldIndices(tt.col)
		if tbl.NumRows() != tt.rows || len(idx) != 1 {
			t.Errorf("%s: %d rows, column %q found %d times", tt.name, tbl.NumRows(), tt.col, len(idx))
			continue
		}
		typ := tbl.Schema().Field(idx[0]).Type
		if d, ok := typ.(*arrow.DictionaryType); ok {
			typ = d.ValueType // text may come dictionary-encoded
		}
		if typ.String() != tt.kind {
			t.Errorf("%s.%s is %s, want %s", tt.name, tt.col, typ, tt.kind)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return f
}
