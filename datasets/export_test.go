package datasets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"atelier/datasets"
)

func TestWriteCSVForFrenchExcel(t *testing.T) {
	in := "nom;montant;n;quand\n=1+1;-12,5;-3;2024-01-31\n+33 6;1,25;4;\n@SUM(A1);;;\n\"\ttab\";2;5;\n-;3;6;\n\"a;b \"\"c\"\"\";4;7;\n"
	l := mustRead(t, "x.csv", []byte(in))
	var b bytes.Buffer
	if err := datasets.WriteCSV(context.Background(), &b, l.Table); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if !strings.HasPrefix(got, "\xef\xbb\xbfnom;montant;n;quand\r\n") {
		t.Errorf("no BOM or header: %q", got[:min(len(got), 40)])
	}
	for _, want := range []string{
		"'=1+1;-12,5;-3;2024-01-31\r\n", // formula neutralised, negative numbers untouched
		"'+33 6;1,25;4;\r\n",
		"'@SUM(A1);;;\r\n",
		"'\ttab;2;5;\r\n",
		"'-;3;6;\r\n",
		"\"a;b \"\"c\"\"\";4;7;\r\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	// The export reads back as the same table.
	back := mustRead(t, "back.csv", b.Bytes())
	if back.Table.NumRows() != l.Table.NumRows() || types(back)["montant"] != "float64" {
		t.Errorf("round trip: %d rows, types %v", back.Table.NumRows(), types(back))
	}
}

func TestWriteParquetReadsBack(t *testing.T) {
	l := mustRead(t, "x.csv", []byte("quartier;montant;vote\nL'Île;1,5;2024-01-01\nL'Île;2;2024-01-02\nCarro;;\n"))
	var b bytes.Buffer
	if err := datasets.WriteParquet(context.Background(), &b, l.Table); err != nil {
		t.Fatal(err)
	}
	back := mustRead(t, "x.parquet", b.Bytes())
	if diff := types(back); diff["quartier"] != "utf8" || diff["montant"] != "float64" || diff["vote"] != "date32" {
		t.Errorf("types %v", diff)
	}
	if got := value(t, back, "quartier", 0); got != "L'Île" {
		t.Errorf("quartier %v", got)
	}
}
