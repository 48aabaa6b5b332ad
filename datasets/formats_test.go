package datasets_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"atelier/datasets"
	"atelier/internal/fault"
)

// budgetXLSX is a workbook shaped like a city's: an empty first sheet, then a title, a
// source line and a blank row above a header with a merged cell, dates stored as serials,
// a formula and a code with a leading zero.
func budgetXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Vide")
	f.NewSheet("Budget")
	set := func(cell string, v any) {
		if err := f.SetCellValue("Budget", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "Budget participatif 2024 — Martigues")
	set("A2", "Source : Ville de Martigues")
	set("A4", "Quartier")
	set("B4", "Montants")
	f.MergeCell("Budget", "B4", "C4")
	set("D4", "Date du vote")
	set("E4", "Code")
	set("F4", "Total")
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	rows := []struct {
		q      string
		a, b   float64
		serial int
		code   string
	}{{"L'Île", 1200.5, 300, 45306, "01009"}, {"Jonquières", 800, 150.25, 45337, "13056"}}
	for i, r := range rows {
		n := i + 5
		cell := func(col string) string { return col + strings.Repeat("", 0) + itoa(n) }
		set(cell("A"), r.q)
		set(cell("B"), r.a)
		set(cell("C"), r.b)
		set(cell("D"), r.serial)
		f.SetCellStyle("Budget", cell("D"), cell("D"), dateStyle)
		set(cell("E"), r.code)
		f.SetCellFormula("Budget", cell("F"), "B"+itoa(n)+"+C"+itoa(n))
		set(cell("F"), r.a+r.b) // the cached value a spreadsheet would have saved
		f.SetCellFormula("Budget", cell("F"), "B"+itoa(n)+"+C"+itoa(n))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

func TestReadXLSX(t *testing.T) {
	l := mustRead(t, "budget.xlsx", budgetXLSX(t))
	if l.Format != "xlsx" || l.Sheet != "Budget" {
		t.Errorf("format %q sheet %q, want xlsx, Budget", l.Format, l.Sheet)
	}
	want := map[string]string{"Quartier": "utf8", "Montants": "float64", "Montants_2": "float64",
		"Date du vote": "date32", "Code": "utf8"}
	got := types(l)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("column %q: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if l.Table.NumRows() != 2 {
		t.Fatalf("%d rows, want 2", l.Table.NumRows())
	}
	if d := value(t, l, "Date du vote", 0); d != "2024-01-15" {
		t.Errorf("date %v, want 2024-01-15", d)
	}
	if c := value(t, l, "Code", 0); c != "01009" {
		t.Errorf("code %v, want 01009", c)
	}
	if got := value(t, l, "Total", 1); got != 950.25 {
		t.Errorf("formula cell read as %v, want its cached value 950.25", got)
	}
	if q := value(t, l, "Quartier", 0); q != "L'Île" {
		t.Errorf("quartier %v", q)
	}
}

func TestReadXLSXSheetChoice(t *testing.T) {
	data := budgetXLSX(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	_, err := datasets.ReadWith(context.Background(), "b.xlsx", bytes.NewReader(data), datasets.ReadOptions{Sheet: "Vide"}, datasets.DefaultLimits, mem)
	if msg, _ := fault.Message(err); !strings.Contains(msg, "vide") {
		t.Errorf("empty sheet: %v", err)
	}
	_, err = datasets.ReadWith(context.Background(), "b.xlsx", bytes.NewReader(data), datasets.ReadOptions{Sheet: "Nope"}, datasets.DefaultLimits, mem)
	if msg, _ := fault.Message(err); !strings.Contains(msg, "pas de feuille « Nope »") || !strings.Contains(msg, "Budget") {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestReadRefusesCompressionBombs(t *testing.T) {
	lim := datasets.DefaultLimits
	lim.MaxFileBytes = 1 << 20
	zeros := make([]byte, 3<<20)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, _ := zw.Create(name)
		if strings.HasSuffix(name, "sheet1.xml") {
			w.Write(zeros)
		}
	}
	zw.Close()
	var g bytes.Buffer
	gw := gzip.NewWriter(&g)
	gw.Write(zeros)
	gw.Close()
	for name, data := range map[string][]byte{"bomb.xlsx": z.Bytes(), "bomb.csv.gz": g.Bytes()} {
		t.Run(name, func(t *testing.T) {
			if len(data) > 1<<16 {
				t.Fatalf("the bomb is %d bytes: not a bomb", len(data))
			}
			_, err := datasets.Read(context.Background(), name, bytes.NewReader(data), lim, memory.NewGoAllocator())
			msg, _ := fault.Message(err)
			if fault.KindOf(err) != fault.Unprocessable || !strings.Contains(msg, "fichier trop volumineux une fois décompressé") {
				t.Errorf("got %v (%v), want 422 trop volumineux une fois décompressé", err, fault.KindOf(err))
			}
		})
	}
}

func TestReadGzippedCSV(t *testing.T) {
	var g bytes.Buffer
	gw := gzip.NewWriter(&g)
	gw.Write([]byte("code;n\n01009;1\n"))
	gw.Close()
	l := mustRead(t, "x.csv.gz", g.Bytes())
	if got := value(t, l, "code", 0); got != "01009" {
		t.Errorf("got %v", got)
	}
}

func TestReadTruncatedXLSX(t *testing.T) {
	data := budgetXLSX(t)
	for _, n := range []int{len(data) / 2, len(data) - 30, 100} {
		_, err := read(t, "x.xlsx", data[:n])
		if fault.KindOf(err) != fault.Unprocessable {
			t.Errorf("cut at %d: %v (%v), want 422", n, err, fault.KindOf(err))
		}
	}
}

func TestReadJSONRecords(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"array of objects", `[{"code": "13056", "nom": "Martigues", "pop": 48568, "date": "2024-01-31"},
			{"code": "13005", "nom": "Aubagne", "pop": 47208, "date": "2024-02-01"}]`},
		{"OpenDataSoft v1", `[{"datasetid": "x", "recordid": "a", "fields": {"code": "13056", "nom": "Martigues", "pop": 48568, "date": "2024-01-31"}},
			{"datasetid": "x", "recordid": "b", "fields": {"code": "13005", "nom": "Aubagne", "pop": 47208, "date": "2024-02-01"}}]`},
		{"OpenDataSoft v2", `{"total_count": 2, "results": [{"code": "13056", "nom": "Martigues", "pop": 48568, "date": "2024-01-31"},
			{"code": "13005", "nom": "Aubagne", "pop": 47208, "date": "2024-02-01"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, "x.json", []byte(tt.in))
			want := map[string]string{"code": "utf8", "nom": "utf8", "pop": "int64", "date": "date32"}
			if diff := cmp.Diff(want, types(l)); diff != "" {
				t.Errorf("types (-want +got):\n%s", diff)
			}
			if got := value(t, l, "date", 0); got != "2024-01-31" {
				t.Errorf("date %v", got)
			}
		})
	}
}

// sampleTable has the types that need converting: int32, float32, a decimal as text.
func sampleRecord(t testing.TB) arrow.RecordBatch {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "x", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
		{Name: "nom", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.Int32Builder).AppendValues([]int32{1, 2, 3}, nil)
	b.Field(1).(*array.Float32Builder).AppendValues([]float32{0.5, 1.5, 2.5}, nil)
	b.Field(2).(*array.StringBuilder).AppendValues([]string{"L'Île", "", "Carro"}, []bool{true, false, true})
	return b.NewRecordBatch()
}

// sampleFiles returns sampleRecord as a Parquet file and as an Arrow IPC file.
func sampleFiles(t testing.TB) (parquetFile, arrowFile []byte) {
	t.Helper()
	rec := sampleRecord(t)
	defer rec.Release()
	tbl := array.NewTableFromRecords(rec.Schema(), []arrow.RecordBatch{rec})
	defer tbl.Release()
	var pq bytes.Buffer
	if err := pqarrow.WriteTable(tbl, &pq, 1024, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps()); err != nil {
		t.Fatal(err)
	}
	var ar bytes.Buffer
	w, _ := ipc.NewFileWriter(&ar, ipc.WithSchema(rec.Schema()))
	w.Write(rec)
	w.Close()
	return pq.Bytes(), ar.Bytes()
}

func TestReadParquetAndArrow(t *testing.T) {
	pq, ar := sampleFiles(t)
	for name, data := range map[string][]byte{"x.parquet": pq, "x.arrow": ar} {
		t.Run(name, func(t *testing.T) {
			l := mustRead(t, name, data)
			want := map[string]string{"n": "int64", "x": "float64", "nom": "utf8"}
			if diff := cmp.Diff(want, types(l)); diff != "" {
				t.Errorf("types (-want +got):\n%s", diff)
			}
			if got := value(t, l, "n", 2); got != int64(3) {
				t.Errorf("n[2] = %v", got)
			}
			if got := value(t, l, "nom", 1); got != nil {
				t.Errorf("nom[1] = %v, want null", got)
			}
			for _, cut := range []int{len(data) / 2, len(data) - 8, 12} {
				if _, err := read(t, name, data[:cut]); fault.KindOf(err) != fault.Unprocessable {
					t.Errorf("cut at %d: %v, want 422", cut, err)
				}
			}
		})
	}
}

func TestStageOffersTheSheetsOfAWorkbook(t *testing.T) {
	s := openStore(t, t.TempDir())
	rv, err := s.Stage(context.Background(), "budget.xlsx", budgetXLSX(t))
	if err != nil {
		t.Fatal(err)
	}
	if rv.Format != "xlsx" || rv.Sheet != "Budget" || !cmp.Equal(rv.Sheets, []string{"Vide", "Budget"}) || rv.Rows != 2 {
		t.Errorf("review %+v", rv)
	}
	m, err := s.ImportStaged(context.Background(), rv.ID, datasets.ImportRequest{Name: "budget", Sheet: "Budget"})
	if err != nil || m.Sheet != "Budget" || m.Format != "xlsx" {
		t.Errorf("import: %+v %v", m, err)
	}
}

// BenchmarkReadXLSX reads a 50,000-row workbook with a date column.
func BenchmarkReadXLSX(b *testing.B) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"quartier", "montant", "date", "code"})
	for i := 2; i <= 50_001; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{"Jonquières", float64(i) / 4, excelize.Cell{StyleID: dateStyle, Value: 45000 + i%365}, fmt.Sprintf("%05d", i%1000)})
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		l, err := datasets.Read(context.Background(), "x.xlsx", bytes.NewReader(data), datasets.DefaultLimits, memory.NewGoAllocator())
		if err != nil {
			b.Fatal(err)
		}
		if l.Table.NumRows() != 50_000 || datasets.TypeName(l.Table.Schema().Field(2).Type) != "date32" {
			b.Fatalf("%d rows, %s", l.Table.NumRows(), l.Table.Schema())
		}
		l.Table.Release()
	}
}
