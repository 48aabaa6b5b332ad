package datasets_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"atelier/datasets"
)

func TestLowCardinalityTextIsDictionaryEncoded(t *testing.T) {
	var b strings.Builder
	b.WriteString("quartier;libelle;code\n")
	quartiers := []string{"L'Île", "Jonquières", "Ferrières", "Canto-Perdrix"}
	for i := range 1000 {
		q := quartiers[i%len(quartiers)]
		if i%10 == 0 {
			q = ""
		}
		fmt.Fprintf(&b, "%s;achat %d;%03d\n", q, i, i%300)
	}
	l := mustRead(t, "x.csv", []byte(b.String()))
	tests := []struct {
		column    string
		wantIndex arrow.Type // NULL: not a dictionary
	}{
		{"quartier", arrow.INT8},
		{"libelle", arrow.NULL},
		{"code", arrow.INT16},
	}
	for _, tt := range tests {
		f := l.Table.Schema().Field(l.Table.Schema().FieldIndices(tt.column)[0])
		if got := datasets.TypeName(f.Type); got != "utf8" {
			t.Errorf("%s: TypeName = %s, want utf8", tt.column, got)
		}
		dt, isDict := f.Type.(*arrow.DictionaryType)
		switch {
		case tt.wantIndex == arrow.NULL && isDict:
			t.Errorf("%s: dictionary-encoded, want plain utf8 (all values distinct)", tt.column)
		case tt.wantIndex != arrow.NULL && !isDict:
			t.Errorf("%s: %s, want a dictionary", tt.column, f.Type)
		case isDict && dt.IndexType.ID() != tt.wantIndex:
			t.Errorf("%s: index %s, want %s", tt.column, dt.IndexType, tt.wantIndex)
		}
	}
	if got := value(t, l, "quartier", 1); got != "Jonquières" {
		t.Errorf("quartier[1] = %v", got)
	}
	if got := value(t, l, "quartier", 0); got != nil {
		t.Errorf("quartier[0] = %v, want null", got)
	}
	if got := value(t, l, "code", 299); got != "299" {
		t.Errorf("code[299] = %v", got)
	}
	rows := datasets.Rows(l.Table, 2, 1)
	if rows[0][0] != "Ferrières" {
		t.Errorf("Rows: %v", rows)
	}
}

func TestDictionaryColumnsSurviveTheStoreAcrossChunks(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("quartier;n\n")
	const n = 300_000 // more than two IPC batches
	for i := range n {
		fmt.Fprintf(&b, "Q%d;%d\n", i%30, i)
	}
	s := openStore(t, dir)
	m, err := importString(t, s, "grand", b.String())
	if err != nil {
		t.Fatal(err)
	}
	if m.Columns[0].Type != "utf8" {
		t.Errorf("Meta type %q, want utf8", m.Columns[0].Type)
	}
	s.Close()
	s = openStore(t, dir)
	tbl, _, err := s.Table(context.Background(), "grand", 0)
	if err != nil {
		t.Fatal(err)
	}
	if tbl.NumRows() != n {
		t.Fatalf("%d rows", tbl.NumRows())
	}
	chunks := tbl.Column(0).Data().Chunks()
	if len(chunks) < 2 {
		t.Errorf("%d chunks, want several", len(chunks))
	}
	last := chunks[len(chunks)-1].(*array.Dictionary)
	if got := datasets.Value(last, last.Len()-1); got != fmt.Sprintf("Q%d", (n-1)%30) {
		t.Errorf("last value %v", got)
	}
	rows := datasets.Rows(tbl, n-1, 1)
	if rows[0][0] != fmt.Sprintf("Q%d", (n-1)%30) || rows[0][1] != int64(n-1) {
		t.Errorf("Rows: %v", rows)
	}
}
