package datasets_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"atelier/datasets"
)

// municipalesRows are the first n rows of the real municipales file: header, then data.
func municipalesRows(t *testing.T, n int) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "municipales2014_t1_dep13.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	var rows [][]string
	for len(rows) <= n {
		row, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	return rows
}

// printedWorkbook lays rows out as a workbook made for printing: a title and a source
// above, a blank row inside, a total row and a footnote below.
func printedWorkbook(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	put := func(r int, cells ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	put(1, "Élections municipales 2014, premier tour")
	put(2, "Bouches-du-Rhône")
	r := 4
	total := 0
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = c
			if n, err := strconv.Atoi(c); err == nil && j == 3 && i > 0 {
				cells[j] = n
				total += n
			}
		}
		put(r, cells...)
		r++
		if i == 3 {
			r++ // a blank row between two blocks
		}
	}
	put(r, "Total", "", "", total)
	put(r+1, "Source : ministère de l'Intérieur, résultats du premier tour")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXTotalsBlankRowsAndNotesAreLeftOutAndNamed(t *testing.T) {
	rows := municipalesRows(t, 8)
	book := printedWorkbook(t, rows)
	l := mustRead(t, "resultats.xlsx", book)
	if l.Table.NumRows() != 8 {
		t.Errorf("rows = %d; want the 8 data rows, without the blank, total and note rows", l.Table.NumRows())
	}
	if l.HeaderLine != 4 {
		t.Errorf("header line = %d; want 4", l.HeaderLine)
	}
	var msgs []string
	dropped := 0
	for _, w := range l.Warnings {
		msgs = append(msgs, strconv.Itoa(w.Line)+": "+w.Message)
		if w.Dropped {
			dropped++
		}
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"les lignes 1 à 3 (un titre au-dessus du tableau) ont été sautées : la ligne 4 donne le nom des colonnes",
		"8: ligne vide : laissée de côté",
		"14: ligne de total (« Total ») : ses nombres sont la somme des lignes au-dessus",
		"15: note sous le tableau (« Source : ministère de l'Intérieur",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if dropped != 3 {
		t.Errorf("%d rows said left out; want 3:\n%s", dropped, all)
	}
	kept, err := datasets.ReadWith(context.Background(), "resultats.xlsx", bytes.NewReader(book), datasets.ReadOptions{KeepRows: true}, datasets.DefaultLimits, memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Table.Release()
	if kept.Table.NumRows() < 10 {
		t.Errorf("KeepRows kept %d rows; want the total and the note too", kept.Table.NumRows())
	}
}

func TestAWrongTotalIsData(t *testing.T) {
	rows := municipalesRows(t, 4)
	book := printedWorkbook(t, rows)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Sheet1", "D10", 1) // the « Total » row no longer adds up
	var buf bytes.Buffer
	f.Write(&buf)
	l := mustRead(t, "resultats.xlsx", buf.Bytes())
	if l.Table.NumRows() != 5 {
		t.Errorf("rows = %d; want the 4 data rows and the row that only says Total", l.Table.NumRows())
	}
}

func TestCSVTitleLinesAreSkippedWithANote(t *testing.T) {
	l := readTestdata(t, "municipales2014_t1_dep13_titre.csv")
	if l.HeaderLine != 4 || l.Table.NumCols() != 6 || col(t, l, "nb_voix").Len() == 0 {
		t.Fatalf("header line %d, %d columns %v", l.HeaderLine, l.Table.NumCols(), columnNames(l))
	}
	plain := readTestdata(t, "municipales2014_t1_dep13.csv")
	if l.Table.NumRows() != plain.Table.NumRows() {
		t.Errorf("rows = %d; want %d as without the title", l.Table.NumRows(), plain.Table.NumRows())
	}
	if len(l.Warnings) == 0 || !strings.Contains(l.Warnings[0].Message, "les lignes 1 à 3 (un titre au-dessus du tableau) ont été sautées : la ligne 4 donne le nom des colonnes") {
		t.Errorf("warnings = %+v", l.Warnings)
	}
}
