package datasets_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"

	"atelier/datasets"
)

// TestInferColumn reads a one-column CSV and checks the type and every value.
func TestInferColumn(t *testing.T) {
	tests := []struct {
		name   string
		header string
		cells  []string
		typ    string
		want   []any
	}{
		{"plain ints", "n", []string{"12", "-3", "0"}, "int64", []any{int64(12), int64(-3), int64(0)}},
		{"accounting negatives", "n", []string{"(12,50)", "3", "4,5-", "( 1 234 )"}, "float64", []any{-12.5, 3.0, -4.5, -1234.0}},
		{"accounting negative ints", "n", []string{"(12)", "7-", "5"}, "int64", []any{int64(-12), int64(-7), int64(5)}},
		{"parentheses around text stay text", "n", []string{"(voir note)", "5"}, "utf8", []any{"(voir note)", "5"}},
		{"a dash inside is text", "n", []string{"216-0", "5"}, "utf8", []any{"216-0", "5"}},
		{"space thousands", "n", []string{"1 234", "12 345 678", "-1 000"}, "int64", []any{int64(1234), int64(12345678), int64(-1000)}},
		{"nbsp thousands", "n", []string{"1\u00a0234,5", "999"}, "float64", []any{1234.5, 999.0}},
		{"narrow nbsp thousands", "n", []string{"1\u202f234", "2\u202f000\u202f000"}, "int64", []any{int64(1234), int64(2000000)}},
		{"dot thousands decimal comma", "n", []string{"1.234,56", "-12,5"}, "float64", []any{1234.56, -12.5}},
		{"dots and a decimal dot are text", "n", []string{"1.234.5"}, "utf8", []any{"1.234.5"}},
		{"dot thousands only", "n", []string{"1.234.567"}, "int64", []any{int64(1234567)}},
		{"decimal point and comma mixed", "n", []string{"1.5", "2,25", "3"}, "float64", []any{1.5, 2.25, 3.0}},
		{"ints then a float widen", "n", []string{"1", "", "-2", "2,5"}, "float64", []any{1.0, nil, -2.0, 2.5}},
		{"dates then a date-time widen", "t", []string{"2023-04-26", "", "2023-04-25T10:30:00"}, "timestamp[s]", []any{"2023-04-26T00:00:00", nil, "2023-04-25T10:30:00"}},
		{"exponent", "n", []string{"1e3", "2.5E-2"}, "float64", []any{1000.0, 0.025}},
		{"int64 max", "n", []string{"9223372036854775807"}, "int64", []any{int64(9223372036854775807)}},
		{"1e309 stays text", "n", []string{"1", "1e309"}, "utf8", []any{"1", "1e309"}},
		{"NaN and Inf stay text", "n", []string{"1,5", "NaN", "Inf"}, "utf8", []any{"1,5", "NaN", "Inf"}},
		{"20-digit id kept exactly", "n", []string{"12345678901234567890", "5"}, "utf8", []any{"12345678901234567890", "5"}},
		{"too many significant digits", "n", []string{"0.123456789012345678901"}, "utf8", []any{"0.123456789012345678901"}},
		{"leading zero is a code", "n", []string{"01009", "1000"}, "utf8", []any{"01009", "1000"}},
		{"corsica", "n", []string{"2A004", "13056"}, "utf8", []any{"2A004", "13056"}},
		{"plus sign is text", "n", []string{"+33612345678"}, "utf8", []any{"+33612345678"}},
		{"bad grouping is text", "n", []string{"1234 567"}, "utf8", []any{"1234 567"}},
		{"empty cells do not block", "n", []string{"1", "", "   ", "3"}, "int64", []any{int64(1), nil, nil, int64(3)}},
		{"percent", "p", []string{"78,94%", "5 %", "12,5\u00a0%", ""}, "float64", []any{78.94, 5.0, 12.5, nil}},
		{"percent mixed with numbers", "p", []string{"78,94%", "5"}, "utf8", []any{"78,94%", "5"}},
		{"french dates", "d", []string{"02/03/2010", "29/02/2024"}, "date32", []any{"2010-03-02", "2024-02-29"}},
		{"one-digit day and month", "d", []string{"2/3/2010", "12/03/2010", "1/12/2010"}, "date32", []any{"2010-03-02", "2010-03-12", "2010-12-01"}},
		{"two-digit year is text", "d", []string{"02/03/10"}, "utf8", []any{"02/03/10"}},
		{"french date-time", "t", []string{"25/04/2023 10:30", "26/04/2023 08:00:05"}, "timestamp[s]", []any{"2023-04-25T10:30:00", "2023-04-26T08:00:05"}},
		{"iso and french dates mixed", "d", []string{"02/03/2010", "2010-03-02"}, "date32", []any{"2010-03-02", "2010-03-02"}},
		{"impossible date", "d", []string{"02/03/2010", "31/02/2020"}, "utf8", []any{"02/03/2010", "31/02/2020"}},
		{"timestamps", "t", []string{"2023-04-25T10:30:00", "2023-04-25 08:00", "2023-04-25T12:30:00+02:00", "2023-04-26"},
			"timestamp[s]", []any{"2023-04-25T10:30:00", "2023-04-25T08:00:00", "2023-04-25T10:30:00", "2023-04-26T00:00:00"}},
		{"timestamp with fraction is text", "t", []string{"2023-04-25T10:30:00.5"}, "utf8", []any{"2023-04-25T10:30:00.5"}},
		{"booleans", "b", []string{"oui", "NON", "Vrai", "faux", "TRUE", "false"}, "bool", []any{true, false, true, false, true, false}},
		{"DVF letters stay text", "b", []string{"T", "S", "AB"}, "utf8", []any{"T", "S", "AB"}},
		{"digits under a code header", "code_commune", []string{"13056", "13001"}, "utf8", []any{"13056", "13001"}},
		{"digits under an accented code header", "Département", []string{"13", "83"}, "utf8", []any{"13", "83"}},
		{"digits under an id header", "Num_Acc", []string{"201800000001"}, "utf8", []any{"201800000001"}},
		{"digits under a cp header", "CP", []string{"13500"}, "utf8", []any{"13500"}},
		{"negative under a code header is a number", "code", []string{"-1"}, "int64", []any{int64(-1)}},
		{"numero is not a code", "Numéro de panneau", []string{"1", "2"}, "int64", []any{int64(1), int64(2)}},
		{"text kept as written", "s", []string{" Martigues "}, "utf8", []any{" Martigues "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			csv := tt.header + ";autre\n"
			for _, c := range tt.cells {
				csv += c + ";x\n"
			}
			l := mustRead(t, "t.csv", []byte(csv))
			if got := types(l)[tt.header]; got != tt.typ {
				t.Fatalf("type %q, want %q", got, tt.typ)
			}
			var got []any
			for i := range tt.cells {
				got = append(got, value(t, l, tt.header, i))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInferAllEmptyColumn(t *testing.T) {
	l := mustRead(t, "t.csv", []byte("a;vide;c\n1;;x\n2; ;y\n"))
	if got := types(l)["vide"]; got != "utf8" {
		t.Errorf("type %q, want utf8", got)
	}
	if got := col(t, l, "vide").NullN(); got != 2 {
		t.Errorf("%d nulls, want 2", got)
	}
}

func TestInferWarnings(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  []datasets.Warning
	}{
		{"almost numeric", append(repeat("12", 20), "-", "00 27"),
			[]datasets.Warning{{Column: "v", Message: "colonne gardée en texte : 2 valeurs non numériques, ex. « - », « 00 27 »"}}},
		{"almost numeric with a huge id", append(repeat("12", 20), "123456789012345678901"),
			[]datasets.Warning{{Column: "v", Message: "colonne gardée en texte : 1 nombre trop grand ou trop précis, ex. « 123456789012345678901 »"}}},
		{"almost dates", append(repeat("02/03/2010", 20), "inconnue"),
			[]datasets.Warning{{Column: "v", Message: "colonne gardée en texte : 1 valeur qui n'est pas une date, ex. « inconnue »"}}},
		{"percent mix", []string{"1%", "2%", "3"},
			[]datasets.Warning{{Column: "v", Message: "colonne gardée en texte : 2 valeurs avec « % » et 1 sans"}}},
		{"codes with leading zeros say nothing", append(repeat("12", 20), "01", "-"), nil},
		{"mostly text says nothing", []string{"a", "b", "1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, "t.csv", []byte("v\n"+strings.Join(tt.cells, "\n")+"\n"))
			if diff := cmp.Diff(tt.want, l.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// No shared file holds Windows-1252-only bytes (0x80–0x9F), so this test transcodes a sample
// with x/text's encoder: € is 0x80, œ 0x9C, the typographic apostrophe 0x92.
func TestReadWindows1252(t *testing.T) {
	sample := "libellé;montant\nCœur d’Œuvre;1 234,5\nPrix en €;3\n"
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []byte{0x80, 0x9C, 0x92} {
		if bytes.IndexByte(data, b) < 0 {
			t.Fatalf("sample lacks byte 0x%02X", b)
		}
	}
	l := mustRead(t, "t.csv", data)
	got := []any{l.Encoding, value(t, l, "libellé", 0), value(t, l, "libellé", 1), value(t, l, "montant", 0)}
	want := []any{"Windows-1252", "Cœur d’Œuvre", "Prix en €", 1234.5}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
