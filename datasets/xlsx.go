package datasets

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// An XLSX workbook is read by excelize into rows of raw cell values (numbers unformatted,
// formulas by their cached value), cells formatted as dates turned into ISO dates, and the
// rows then go through the CSV reader's inference, so that a column reads the same whether
// the city published it as CSV or XLSX.
//
// Which sheet: ReadOptions.Sheet when given, else the first visible sheet with a value.
// Which row is the header: portals' workbooks often start with a title, a source line and
// a blank row. The header is the first row with at least two values and at least half as
// many values as the widest of the first 30 rows (the first non-empty row when every row
// has one value). A header cell merged across columns gives its name to each of them
// (« Population », « Population_2 »).

// unzippedLimit is how far a compressed upload may expand.
func unzippedLimit(lim Limits) int64 {
	if lim.MaxFileBytes <= 0 {
		return 1 << 32
	}
	return lim.MaxFileBytes * max(lim.MaxDecodedMul, 1)
}

func tooBigUnzipped(lim Limits) error {
	return fault.New(fault.Unprocessable,
		"fichier trop volumineux une fois décompressé : plus de %s (limite MaxFileBytes × MaxDecodedMul)", localfmt.Bytes("fr", unzippedLimit(lim)))
}

// checkZip refuses an archive whose entries would expand beyond the limit, before anything
// is decompressed. archive/zip checks while reading that no entry outgrows its stated size.
func checkZip(raw []byte, lim Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fault.New(fault.Unprocessable, "classeur XLSX illisible : l'archive est tronquée ou abîmée")
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(unzippedLimit(lim)) {
			return nil, tooBigUnzipped(lim)
		}
	}
	return zr, nil
}

func readXLSX(ctx context.Context, raw []byte, opts ReadOptions, lim Limits, mem memory.Allocator) (l *Loaded, err error) {
	zr, err := checkZip(raw, lim)
	if err != nil {
		return nil, err
	}
	if !isXLSX(zr) {
		return nil, fault.New(fault.Unsupported,
			"cette archive ZIP n'est pas un classeur XLSX : atelier lit les CSV, XLSX, JSON, GeoJSON, Parquet et Arrow")
	}
	defer func() {
		if p := recover(); p != nil {
			l, err = nil, fault.New(fault.Unprocessable, "classeur XLSX illisible : il est tronqué ou abîmé")
		}
	}()
	limit := unzippedLimit(lim)
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{
		UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, 16<<20),
	})
	if err != nil {
		if strings.Contains(err.Error(), "size limit") {
			return nil, tooBigUnzipped(lim)
		}
		return nil, fault.New(fault.Unprocessable, "classeur XLSX illisible : il est tronqué ou abîmé")
	}
	defer f.Close()
	sheet, rows, err := pickSheet(f, opts.Sheet, lim)
	if err != nil {
		return nil, err
	}
	h := headerRow(rows)
	if h < 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : la feuille « %s » n'a aucune valeur", sheet)
	}
	if err := datesAsISO(f, sheet, rows, h); err != nil {
		return nil, err
	}
	fillMergedHeader(f, sheet, rows, h)
	var dropped []Warning
	if !opts.KeepRows {
		rows, dropped = leaveOutExtraRows(rows, h)
	}
	width := len(rows[h])
	for i := h; i < len(rows); i++ { // excelize drops a row's trailing empty cells
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	buf, err := rowsAsCSV(rows[h:])
	if err != nil {
		return nil, err
	}
	l, err = readCSV(ctx, buf, "XLSX", ',', h+1, nil, false, lim, mem)
	if err != nil {
		return nil, err
	}
	l.Format, l.Delimiter, l.Sheet, l.Sheets = "xlsx", "", sheet, f.GetSheetList()
	l.HeaderLine = h + 1
	if h > 0 {
		l.Warnings = append([]Warning{titleSkipped(h)}, l.Warnings...)
	}
	l.Warnings = append(l.Warnings, dropped...)
	return l, nil
}

func isXLSX(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// pickSheet returns the sheet asked for, else the first visible one with a value.
func pickSheet(f *excelize.File, want string, lim Limits) (string, [][]string, error) {
	list := f.GetSheetList()
	if want != "" {
		for _, s := range list {
			if s == want {
				rows, err := sheetRows(f, s, lim)
				return s, rows, err
			}
		}
		return "", nil, fault.New(fault.Invalid, "le classeur n'a pas de feuille « %s » ; ses feuilles : %s", want, strings.Join(list, ", "))
	}
	for _, s := range list {
		if visible, _ := f.GetSheetVisible(s); !visible {
			continue
		}
		rows, err := sheetRows(f, s, lim)
		if err != nil {
			return "", nil, err
		}
		if headerRow(rows) >= 0 {
			return s, rows, nil
		}
	}
	return "", nil, fault.New(fault.Unprocessable, "le fichier est vide : aucune feuille du classeur n'a de valeur")
}

// sheetRows reads a sheet's raw values row by row within the limits: a small file can
// declare a cell at XFD1048576.
func sheetRows(f *excelize.File, sheet string, lim Limits) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, xlsxFault(err)
	}
	defer it.Close()
	var out [][]string
	for it.Next() {
		if lim.MaxRows > 0 && len(out) > lim.MaxRows+30 {
			return nil, tooManyRows(lim)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, xlsxFault(err)
		}
		if lim.MaxColumns > 0 && len(cols) > lim.MaxColumns {
			return nil, fault.New(fault.Unprocessable,
				"la feuille « %s » a %d colonnes, plus que la limite de %d (MaxColumns)", sheet, len(cols), lim.MaxColumns)
		}
		out = append(out, cols)
	}
	return out, xlsxFault(it.Error())
}

func xlsxFault(err error) error {
	if err == nil {
		return nil
	}
	return fault.New(fault.Unprocessable, "classeur XLSX illisible : %s", err.Error())
}

// headerRow applies the header rule above; -1 when the sheet has no value.
func headerRow(rows [][]string) int {
	widest, first := 0, -1
	for i, r := range rows[:min(len(rows), 30)] {
		n := filled(r)
		widest = max(widest, n)
		if n > 0 && first < 0 {
			first = i
		}
	}
	if widest <= 1 {
		return first
	}
	for i, r := range rows {
		if n := filled(r); n >= 2 && 2*n >= widest {
			return i
		}
	}
	return first
}

func filled(r []string) int {
	n := 0
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// datesAsISO rewrites the numeric cells below the header that are formatted as dates:
// Excel stores a date as a number of days since 1899-12-30. Looking a cell's style up makes
// excelize load the whole worksheet (half a second for 50,000 rows), so it is skipped when
// the workbook defines no date format at all, and otherwise each column is judged on the
// styles of its first and last 25 numeric cells: all dates, none, or mixed (then every
// numeric cell is looked up). (Streaming the sheet again with formats applied, to spot
// dates by their text, was slower still: 2.7 s.)
func datesAsISO(f *excelize.File, sheet string, rows [][]string, h int) error {
	dateStyle := map[int]bool{}
	if !hasDateStyle(f, dateStyle) {
		return nil
	}
	isDate := func(i, j int) bool {
		cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
		style, err := f.GetCellStyle(sheet, cell)
		return err == nil && dateStyle[style]
	}
	width := 0
	for _, r := range rows[h:] {
		width = max(width, len(r))
	}
	for j := 0; j < width; j++ {
		var numeric []int // rows of the column's numeric cells
		for i := h + 1; i < len(rows); i++ {
			if j < len(rows[i]) {
				if _, ok := excelSerial(rows[i][j]); ok {
					numeric = append(numeric, i)
				}
			}
		}
		sample := numeric
		if len(sample) > 50 {
			sample = append(append([]int{}, numeric[:25]...), numeric[len(numeric)-25:]...)
		}
		dates := 0
		for _, i := range sample {
			if isDate(i, j) {
				dates++
			}
		}
		for _, i := range numeric {
			if dates == 0 || (dates < len(sample) && !isDate(i, j)) {
				continue
			}
			x, _ := excelSerial(rows[i][j])
			if t, err := excelize.ExcelDateToTime(x, false); err == nil {
				if x == math.Trunc(x) {
					rows[i][j] = t.Format("2006-01-02")
				} else {
					rows[i][j] = t.Format("2006-01-02T15:04:05")
				}
			}
		}
	}
	return nil
}

// hasDateStyle fills isDate with every cell style of the workbook and reports whether one
// shows numbers as dates.
func hasDateStyle(f *excelize.File, isDate map[int]bool) bool {
	any := false
	for i := 0; i < 1<<16; i++ {
		s, err := f.GetStyle(i)
		if err != nil || s == nil {
			break
		}
		isDate[i] = isDateStyle(s)
		any = any || isDate[i]
	}
	return any
}

// isDateStyle reports whether a cell style shows numbers as dates: a built-in date format
// (14–22, 45–47) or a custom format with a day or year outside quotes.
func isDateStyle(s *excelize.Style) bool {
	if s.CustomNumFmt != nil {
		code, inQuote := strings.ToLower(*s.CustomNumFmt), false
		for _, r := range code {
			switch {
			case r == '"':
				inQuote = !inQuote
			case !inQuote && (r == 'd' || r == 'y'):
				return true
			}
		}
		return false
	}
	return (s.NumFmt >= 14 && s.NumFmt <= 22) || (s.NumFmt >= 45 && s.NumFmt <= 47)
}

// excelSerial reads a raw cell value as a number that could be a date (up to 9999-12-31).
func excelSerial(v string) (float64, bool) {
	x, err := strconv.ParseFloat(v, 64)
	return x, err == nil && x >= 0 && x <= 2958465
}

// fillMergedHeader copies a merged header cell's name to every column it spans.
func fillMergedHeader(f *excelize.File, sheet string, rows [][]string, h int) {
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || h+1 < r1 || h+1 > r2 || c2-c1 > 10000 {
			continue
		}
		name := m.GetCellValue()
		for len(rows[h]) < c2 {
			rows[h] = append(rows[h], "")
		}
		for c := c1; c <= c2; c++ {
			if rows[h][c-1] == "" {
				rows[h][c-1] = name
			}
		}
	}
}

// rowsAsCSV writes rows as a comma-separated text for the CSV reader.
func rowsAsCSV(rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			return nil, fmt.Errorf("xlsx rows: %w", err)
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
