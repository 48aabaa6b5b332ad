package datasets_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/internal/fault"
)

// These files are big enough (a few MB) to be split into several segments, read by
// different goroutines: the result must be what one reader going through the whole file
// would give.

func bigCSV(rows int, row func(i int) string) []byte {
	var b strings.Builder
	b.WriteString("n;texte;valeur;quartier\n")
	for i := range rows {
		b.WriteString(row(i))
	}
	return []byte(b.String())
}

func TestSegmentsAgreeOnTypesDecidedByTheLastRows(t *testing.T) {
	const n = 120_000
	data := bigCSV(n, func(i int) string {
		v := fmt.Sprint(i) // integers, until the very last row has a decimal
		if i == n-1 {
			v = "0,5"
		}
		texte := fmt.Sprint(i % 7) // digits, until the last row has a letter
		if i == n-1 {
			texte = "x"
		}
		return fmt.Sprintf("%d;%s;%s;Q%d\n", i, texte, v, i%30)
	})
	l := mustRead(t, "x.csv", data)
	if chunks := len(l.Table.Column(0).Data().Chunks()); chunks < 2 {
		t.Fatalf("%d chunk: the file was not split, the test proves nothing", chunks)
	}
	want := map[string]string{"n": "int64", "texte": "utf8", "valeur": "float64", "quartier": "utf8"}
	for k, v := range want {
		if got := types(l)[k]; got != v {
			t.Errorf("%s: %s, want %s", k, got, v)
		}
	}
	if got := value(t, l, "valeur", 1000); got != 1000.0 {
		t.Errorf("valeur[1000] = %v", got)
	}
	if got := value(t, l, "texte", 8); got != "1" {
		t.Errorf("texte[8] = %v, want the text as written", got)
	}
	if _, ok := l.Table.Schema().Field(3).Type.(*arrow.DictionaryType); !ok {
		t.Errorf("quartier is %s, want one dictionary over all segments", l.Table.Schema().Field(3).Type)
	}
	if got := value(t, l, "quartier", n-1); got != fmt.Sprintf("Q%d", (n-1)%30) {
		t.Errorf("quartier[last] = %v", got)
	}
}

func TestSegmentsHandleQuotedNewlinesAndBareQuotes(t *testing.T) {
	const n = 100_000
	data := bigCSV(n, func(i int) string {
		texte := fmt.Sprintf("\"ligne %d\navec \"\"guillemets\"\"\nsur trois lignes\"", i)
		if i%1000 == 7 {
			texte = fmt.Sprintf("écran 12\" n°%d", i) // a bare quote: the quote count goes odd
		}
		return fmt.Sprintf("%d;%s;%d;Q%d\n", i, texte, i, i%3)
	})
	l := mustRead(t, "x.csv", data)
	if l.Table.NumRows() != n {
		t.Fatalf("%d rows, want %d", l.Table.NumRows(), n)
	}
	if got := value(t, l, "texte", 5); got != "ligne 5\navec \"guillemets\"\nsur trois lignes" {
		t.Errorf("texte[5] = %q", got)
	}
	if got := value(t, l, "texte", 99_007); got != "écran 12\" n°99007" {
		t.Errorf("texte[99007] = %q", got)
	}
	if got := value(t, l, "valeur", n-1); got != int64(n-1) {
		t.Errorf("valeur[last] = %v", got)
	}
}

func TestSegmentsReportShortRowsWithTheirLines(t *testing.T) {
	const n = 150_000
	data := bigCSV(n, func(i int) string {
		if i == 140_000 {
			return "140000;court\n"
		}
		return fmt.Sprintf("%d;t%d;%d;Q\n", i, i, i)
	})
	l := mustRead(t, "x.csv", data)
	if len(l.Warnings) == 0 || !strings.Contains(l.Warnings[0].Message, "ligne 140002 : 2 champs au lieu de 4") {
		t.Errorf("warnings %v", l.Warnings)
	}
	if got := value(t, l, "valeur", 140_000); got != nil {
		t.Errorf("padded cell = %v, want null", got)
	}
}

func TestALateNonUTF8ByteIsFoundInAnyColumn(t *testing.T) {
	head := strings.Repeat("Martigues;13056;1,5\n", 80_000) // 1.6 MB of ASCII
	tests := []struct {
		name, tail, enc, want string
	}{
		{"Latin-1 in a repeated value", "Ch\xe2teauneuf;13026;2\n", "Windows-1252", "Châteauneuf"},
		{"Latin-1 in a number column", "Martigues;13\xe9;2\n", "Windows-1252", "Martigues"},
		{"valid UTF-8 late", "Châteauneuf;13026;2\n", "UTF-8", "Châteauneuf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, "x.csv", []byte("commune;code;v\n"+head+tt.tail))
			if l.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", l.Encoding, tt.enc)
			}
			if got := value(t, l, "commune", 80_000); got != tt.want {
				t.Errorf("last commune %q, want %q", got, tt.want)
			}
		})
	}
	_, err := read(t, "x.csv", []byte("commune;code;v\nPré;1;2\n"+head+"\x00;1;2\n"))
	if msg, _ := fault.Message(err); !strings.Contains(msg, "octet nul à la position") {
		t.Errorf("late NUL: %v", err)
	}
}
