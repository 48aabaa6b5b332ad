package datasets

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"atelier/internal/fault"
)

// csvTable is a parsed CSV before conversion: every cell is a [start, end) pair of offsets
// into buf, stored column by column so that converting a column reads memory in order.
// Short rows are padded with empty pairs, so a column can never shift.
type csvTable struct {
	buf      []byte
	names    []string
	stride   int        // fields kept per row (>= len(names))
	named    int        // header fields up to the last with a name: a shorter row is short
	cols     [][]uint32 // per column, [start, end) pairs
	rows     int
	warnings []Warning
}

// cell returns the bytes of row r, column c.
func (t *csvTable) cell(r, c int) []byte {
	col := t.cols[c]
	return t.buf[col[2*r]:col[2*r+1]]
}

// shortRow records a padded row for the warning.
type shortRow struct{ line, fields int }

// parseCSV splits buf (UTF-8, no BOM) into a csvTable. firstLine is the physical line of
// buf's first byte (2 when a `sep=;` line was skipped).
func parseCSV(ctx context.Context, buf []byte, delim byte, firstLine int, lim Limits) (*csvTable, error) {
	tk := newTokenizer(buf, delim, true)
	tk.line, tk.maxLine, tk.maxCell = firstLine, lim.MaxLineBytes, lim.MaxCellBytes
	var f []uint32
	var err error
	var ok bool
	for { // the header is the first non-blank record
		if f, _, ok, err = tk.next(f[:0]); err != nil {
			return nil, err
		}
		if !ok {
			return nil, fault.New(fault.Unprocessable, "le fichier est vide")
		}
		if !blank(f) {
			break
		}
	}
	width := len(f) / 2
	if lim.MaxColumns > 0 && width > lim.MaxColumns {
		return nil, fault.New(fault.Unprocessable,
			"le fichier a %d colonnes, plus que la limite de %d (MaxColumns)", width, lim.MaxColumns)
	}
	raw := make([]string, width)
	for i := range raw {
		raw[i] = strings.TrimSpace(string(buf[f[2*i]:f[2*i+1]]))
	}
	t := &csvTable{buf: buf, stride: width, named: width}
	for t.named > 1 && raw[t.named-1] == "" {
		t.named--
	}
	if err := t.readRows(ctx, tk, lim); err != nil {
		return nil, err
	}
	if t.rows == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : il n'a qu'une ligne d'en-tête, sans données")
	}
	if raw = t.dropEmptyTail(raw); len(raw) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : ni noms de colonnes ni valeurs")
	}
	t.names = columnNames(raw)
	return t, nil
}

// readRows reads every record after the header into t.cols.
func (t *csvTable) readRows(ctx context.Context, tk *tokenizer, lim Limits) error {
	var f []uint32
	var short []shortRow
	nShort, start := 0, tk.pos
	// Until row 1024 sizes them, guess the row count from the header's length: a file of
	// 200 short rows and 190 columns should not get 1024 rows each.
	guess := min(1024, (len(tk.buf)-start)/max(start, 1)+1)
	t.cols = make([][]uint32, t.stride)
	for c := range t.cols {
		t.cols[c] = make([]uint32, 0, 2*guess)
	}
	for {
		var line int
		var ok bool
		var err error
		if f, line, ok, err = tk.next(f[:0]); err != nil {
			return err
		}
		if !ok {
			break
		}
		if blank(f) {
			continue
		}
		n, err := t.add(f, line)
		if err != nil {
			return err
		}
		if n < t.named {
			if nShort++; len(short) < 10 {
				short = append(short, shortRow{line, n})
			}
		}
		if err := t.count(ctx, tk, start, lim); err != nil {
			return err
		}
	}
	if nShort > 0 {
		t.warnings = append(t.warnings, shortWarning(short, nShort, t.named))
	}
	return nil
}

// add appends one record's fields to the columns, padding a short record with empty cells,
// and returns how many fields it had. Extra fields are dropped if empty, refused if not.
func (t *csvTable) add(f []uint32, line int) (int, error) {
	n := len(f) / 2
	if n > t.stride {
		if m := trimmedCount(f); m > t.stride {
			return 0, fault.New(fault.Unprocessable,
				"ligne %d : %d champs au lieu de %d ; vérifiez le séparateur et les guillemets de cette ligne", line, m, t.stride)
		}
		n = t.stride
	}
	for c := range n {
		t.cols[c] = append(t.cols[c], f[2*c], f[2*c+1])
	}
	for c := n; c < t.stride; c++ {
		t.cols[c] = append(t.cols[c], 0, 0)
	}
	return n, nil
}

// count counts a row against MaxRows, checks ctx now and then, and after the first rows
// sizes the columns for the whole file, since growing them would copy them all.
func (t *csvTable) count(ctx context.Context, tk *tokenizer, start int, lim Limits) error {
	t.rows++
	if lim.MaxRows > 0 && t.rows > lim.MaxRows {
		return fault.New(fault.Unprocessable,
			"le fichier a plus de %d lignes, la limite (MaxRows)", lim.MaxRows)
	}
	if t.rows == 1024 {
		est := int(float64(len(tk.buf)-start) / float64(tk.pos-start+1) * 1.05 * float64(t.rows))
		for c := range t.cols {
			t.cols[c] = slices.Grow(t.cols[c], 2*max(est-t.rows, 0))
		}
	}
	if t.rows&0xFFFF == 0 {
		return ctx.Err()
	}
	return nil
}

// blank reports whether a record is an empty line.
func blank(f []uint32) bool { return len(f) == 2 && f[0] == f[1] }

// dropEmptyTail removes trailing columns with no name and no value: they come from a
// delimiter at the end of every line, header included.
func (t *csvTable) dropEmptyTail(raw []string) []string {
	for len(raw) > 0 && raw[len(raw)-1] == "" && t.emptyColumn(len(raw)-1) {
		raw = raw[:len(raw)-1]
	}
	return raw
}

func (t *csvTable) emptyColumn(c int) bool {
	for r := 0; r < t.rows; r++ {
		if len(trimSpace(t.cell(r, c))) > 0 {
			return false
		}
	}
	return true
}

// columnNames trims names, names empty ones colonne_N (N from 1) and makes them unique
// with _2, _3… so that every column can be named in a chart block.
func columnNames(raw []string) []string {
	names := make([]string, len(raw))
	seen := make(map[string]bool, len(raw))
	for i, n := range raw {
		n = strings.TrimSpace(n)
		if n == "" {
			n = fmt.Sprintf("colonne_%d", i+1)
		}
		names[i] = n
	}
	for _, n := range names {
		seen[n] = true
	}
	count := make(map[string]int, len(raw))
	for i, n := range names {
		if count[n]++; count[n] == 1 {
			continue
		}
		for k := count[n]; ; k++ {
			cand := fmt.Sprintf("%s_%d", n, k)
			if !seen[cand] {
				names[i], seen[cand] = cand, true
				break
			}
		}
	}
	return names
}

// shortWarning lists the padded rows in one warning, in French.
func shortWarning(short []shortRow, n, want int) Warning {
	parts := make([]string, len(short))
	for i, s := range short {
		parts[i] = fmt.Sprintf("ligne %d : %s au lieu de %d", s.line, plural(s.fields, "champ"), want)
	}
	msg := strings.Join(parts, " ; ")
	if n > len(short) {
		msg += fmt.Sprintf(" ; et %d autres lignes", n-len(short))
	}
	if n == 1 {
		msg += " ; complétée par des valeurs vides"
	} else {
		msg += " ; complétées par des valeurs vides"
	}
	return Warning{Line: short[0].line, Message: msg}
}

func plural(n int, word string) string {
	if n > 1 {
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%d %s", n, word)
}
