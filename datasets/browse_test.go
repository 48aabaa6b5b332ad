package datasets_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"atelier/datasets"
	"atelier/internal/fault"
)

func TestStoreRowsBrowsesInFileOrderOrSorted(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	if _, err := importString(t, s, "quartiers", "quartier;habitants\nJonquières;1200\nL'Île;800\nFerrières;3100\n"); err != nil {
		t.Fatal(err)
	}
	rows, meta, err := s.Rows(ctx, "quartiers", 0, datasets.Browse{Offset: 1, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if meta.Version != 1 || !reflect.DeepEqual(rows, [][]any{{"L'Île", int64(800)}, {"Ferrières", int64(3100)}}) {
		t.Errorf("file order from 1 = %v (version %d)", rows, meta.Version)
	}
	rows, _, err = s.Rows(ctx, "quartiers", 1, datasets.Browse{Limit: 2, Sort: "habitants", Desc: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, [][]any{{"Ferrières", int64(3100)}, {"Jonquières", int64(1200)}}) {
		t.Errorf("sorted by habitants, descending = %v", rows)
	}
	for _, b := range []datasets.Browse{{Limit: 2, Sort: "population"}, {Offset: datasets.MaxSortedRows, Limit: 1, Sort: "habitants"}} {
		if _, _, err := s.Rows(ctx, "quartiers", 0, b); fault.KindOf(err) != fault.Invalid {
			t.Errorf("Rows(%+v) = %v; want an Invalid fault", b, err)
		}
	}
}

func TestStoreExportWritesTheVersionAsked(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, t.TempDir())
	for _, body := range []string{"a;b\n1;2\n", "a;b\n3;4\n"} {
		if _, err := importString(t, s, "deux", body); err != nil {
			t.Fatal(err)
		}
	}
	var csv bytes.Buffer
	if err := s.Export(ctx, &csv, "deux", 1, datasets.CSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "1;2") || strings.Contains(csv.String(), "3;4") {
		t.Errorf("version 1 as CSV = %q", csv.String())
	}
	var parquet bytes.Buffer
	if err := s.Export(ctx, &parquet, "deux", 2, datasets.Parquet); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(parquet.Bytes(), []byte("PAR1")) {
		t.Errorf("Parquet export starts with %q", parquet.Bytes()[:min(4, parquet.Len())])
	}
}
