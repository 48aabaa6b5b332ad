package charts

import (
	"encoding/csv"
	"io"
	"strings"
)

// WriteCSV writes the table as a French spreadsheet opens it: UTF-8 with a byte-order mark
// (so that Excel reads the accents), `;` between fields, decimal commas. Text that a
// spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return)
// is prefixed with « ' »; numbers are written as they are. The values are Raw's: exactly
// what the chart shows, unrounded.
func (t Table) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true // what Excel writes and expects
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = safeCell(c)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rows := t.Raw
	if rows == nil {
		rows = t.Rows
	}
	record := make([]string, len(t.Columns))
	for _, row := range rows {
		for i := range record {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			if i < len(t.Numeric) && t.Numeric[i] && t.Raw != nil && isPlainNumber(cell) {
				record[i] = strings.Replace(cell, ".", ",", 1)
			} else {
				record[i] = safeCell(cell)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell neutralises a cell a spreadsheet would take for a formula (OWASP CSV injection).
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// isPlainNumber reports whether s is a number as Raw writes them: an optional minus, digits,
// an optional decimal point. Such a cell is data, not a formula, even when negative.
func isPlainNumber(s string) bool {
	digits, point := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' && i == 0:
		case r == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}
