package datasets_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"atelier/datasets"
)

// TestReadDialects checks splitting: each input must give these column names, delimiter
// and rows (as text, "" for null).
func TestReadDialects(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		delim string
		cols  []string
		rows  [][]any
	}{
		{"LF", "a;b\nx;y\n", ";", []string{"a", "b"}, [][]any{{"x", "y"}}},
		{"CRLF", "a;b\r\nx;y\r\n", ";", []string{"a", "b"}, [][]any{{"x", "y"}}},
		{"mixed line ends", "a;b\r\nx;y\nz;w\r\n", ";", []string{"a", "b"}, [][]any{{"x", "y"}, {"z", "w"}}},
		{"CR only", "a;b\rx;y\r", ";", []string{"a", "b"}, [][]any{{"x", "y"}}},
		{"no final newline", "a,b\nx,y", ",", []string{"a", "b"}, [][]any{{"x", "y"}}},
		{"tab", "a\tb\nx,1\ty;2\n", "\t", []string{"a", "b"}, [][]any{{"x,1", "y;2"}}},
		{"pipe", "a|b|c\nx|y|z\n", "|", []string{"a", "b", "c"}, [][]any{{"x", "y", "z"}}},
		{"commas in quoted text of a ; file", "a;b\n\"x, y, z\";w\n\"p, q\";r\n", ";", []string{"a", "b"}, [][]any{{"x, y, z", "w"}, {"p, q", "r"}}},
		{"quotes doubled and newlines", "a;b\n\"il a dit \"\"oui\"\"\";\"deux\r\nlignes\"\n", ";",
			[]string{"a", "b"}, [][]any{{`il a dit "oui"`, "deux\r\nlignes"}}},
		{"quote inside an unquoted field", "a;b\n5\" pouces;x\n", ";", []string{"a", "b"}, [][]any{{`5" pouces`, "x"}}},
		{"header trimmed, empty and duplicate names", " nom ;;nom;nom;nom_2\n1;2;3;4;5\n", ";",
			[]string{"nom", "colonne_2", "nom_3", "nom_4", "nom_2"}, [][]any{{int64(1), int64(2), int64(3), int64(4), int64(5)}}},
		{"#Id header is not a comment", "#Id;v\n11767A;1\n", ";", []string{"#Id", "v"}, [][]any{{"11767A", int64(1)}}},
		{"trailing delimiter on every line", "a;b;\n1;x;\n2;y;\n", ";", []string{"a", "b"}, [][]any{{int64(1), "x"}, {int64(2), "y"}}},
		{"trailing delimiter on the header only", "a;b;\n1;x\n2;y;\n", ";", []string{"a", "b"}, [][]any{{int64(1), "x"}, {int64(2), "y"}}},
		{"trailing empty extra fields dropped", "a;b\n1;x;;\n", ";", []string{"a", "b"}, [][]any{{int64(1), "x"}}},
		{"blank lines skipped", "a;b\n\n1;x\n\n\n2;y\n\n", ";", []string{"a", "b"}, [][]any{{int64(1), "x"}, {int64(2), "y"}}},
		{"sep= line", "sep=,\na;b,c\n1;2,3\n", ",", []string{"a;b", "c"}, [][]any{{"1;2", int64(3)}}},
		{"single column", "nom\nAix\nArles\n", ",", []string{"nom"}, [][]any{{"Aix"}, {"Arles"}}},
		{"BOM", "\ufeffa;b\n1;2\n", ";", []string{"a", "b"}, [][]any{{int64(1), int64(2)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, "t.csv", []byte(tt.in))
			if l.Delimiter != tt.delim {
				t.Errorf("delimiter %q, want %q", l.Delimiter, tt.delim)
			}
			if diff := cmp.Diff(tt.cols, columnNames(l)); diff != "" {
				t.Fatalf("columns (-want +got):\n%s", diff)
			}
			var rows [][]any
			for r := 0; r < int(l.Table.NumRows()); r++ {
				var row []any
				for _, c := range tt.cols {
					row = append(row, value(t, l, c, r))
				}
				rows = append(rows, row)
			}
			if diff := cmp.Diff(tt.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if len(l.Warnings) != 0 {
				t.Errorf("warnings %v, want none", l.Warnings)
			}
		})
	}
}

func TestReadShortRows(t *testing.T) {
	in := "a;b;c\n1;\"deux\nlignes\";3\n4\n5;6\n7;8;9\n"
	l := mustRead(t, "t.csv", []byte(in))
	want := []datasets.Warning{{Line: 4, Message: "ligne 4 : 1 champ au lieu de 3 ; ligne 5 : 2 champs au lieu de 3 ; complétées par des valeurs vides"}}
	if diff := cmp.Diff(want, l.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	got := []any{value(t, l, "a", 1), value(t, l, "b", 1), value(t, l, "c", 1), value(t, l, "c", 2)}
	if diff := cmp.Diff([]any{int64(4), nil, nil, nil}, got); diff != "" {
		t.Errorf("padded cells (-want +got):\n%s", diff)
	}
}
