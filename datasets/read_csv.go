package datasets

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"atelier/internal/fault"
)

// csvTable is one segment of a CSV file, split but not converted: every cell is a
// [start, end) pair of offsets, into buf or (from base up) into side, stored column by
// column so that converting a column reads memory in order. Short rows are padded with
// empty pairs, so a column can never shift.
type csvTable struct {
	buf    []byte // the whole decoded file
	side   []byte // unescaped quoted fields of this segment
	base   int
	stride int        // fields kept per row (>= the header's named fields)
	named  int        // header fields up to the last with a name: a shorter row is short
	cols   [][]uint32 // per column, [start, end) pairs
	rows   int
	short  []shortRow // the first padded rows
	nShort int

	notUTF8 *atomic.Bool // non-nil: text values must be checked, and this set if one is invalid
}

// cell returns the bytes of row r, column c.
func (t *csvTable) cell(r, c int) []byte {
	col := t.cols[c]
	s, e := int(col[2*r]), int(col[2*r+1])
	if s >= t.base {
		return t.side[s-t.base : e-t.base]
	}
	return t.buf[s:e]
}

// shortRow records a padded row for the warning.
type shortRow struct{ line, fields int }

// csvHeader is the first non-blank record.
type csvHeader struct {
	raw         []string
	stride      int
	named       int
	start, line int // where the records after it start
}

// parseHeader reads the header of buf (UTF-8, no BOM). firstLine is the physical line of
// buf's first byte (2 when a `sep=;` line was skipped).
func parseHeader(buf []byte, delim byte, firstLine int, lim Limits) (*csvHeader, error) {
	tk := newTokenizer(buf, delim, true)
	tk.line, tk.maxLine, tk.maxCell = firstLine, lim.MaxLineBytes, lim.MaxCellBytes
	var f []uint32
	for {
		var ok bool
		var err error
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
	h := &csvHeader{raw: make([]string, width), stride: width, named: width, start: tk.pos, line: tk.line}
	t := &csvTable{buf: buf, side: tk.side, base: tk.base, cols: make([][]uint32, width)}
	for i := range h.raw {
		t.cols[i] = f[2*i : 2*i+2]
		h.raw[i] = strings.TrimSpace(string(t.cell(0, i)))
	}
	for h.named > 1 && h.raw[h.named-1] == "" {
		h.named--
	}
	return h, nil
}

// tokenizeSegment splits the records of seg into a csvTable.
func tokenizeSegment(ctx context.Context, buf []byte, seg segment, delim byte, h *csvHeader, lim Limits) (*csvTable, error) {
	tk := newTokenizer(buf[:seg.end], delim, true)
	tk.pos, tk.line, tk.base = seg.start, seg.line, len(buf)
	tk.maxLine, tk.maxCell = lim.MaxLineBytes, lim.MaxCellBytes
	t := &csvTable{buf: buf, base: len(buf), stride: h.stride, named: h.named}
	// Until row 1024 sizes them, guess the row count from the header's length: a file of
	// 200 short rows and 190 columns should not get 1024 rows each.
	guess := min(1024, (seg.end-seg.start)/max(h.start, 1)+1)
	t.cols = make([][]uint32, t.stride)
	for c := range t.cols {
		t.cols[c] = make([]uint32, 0, 2*guess)
	}
	var f []uint32
	for {
		if tk.pos < len(tk.buf) && !generalOnly {
			if done, row := t.fastRecord(tk); done {
				if row {
					if err := t.count(ctx, tk, seg.start, lim); err != nil {
						return nil, err
					}
				}
				continue
			}
		}
		var line int
		var ok bool
		var err error
		if f, line, ok, err = tk.next(f[:0]); err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if blank(f) {
			continue
		}
		n, err := t.add(f, line)
		if err != nil {
			return nil, err
		}
		if n < t.named {
			if t.nShort++; len(t.short) < 10 {
				t.short = append(t.short, shortRow{line, n})
			}
		}
		if err := t.count(ctx, tk, seg.start, lim); err != nil {
			return nil, err
		}
	}
	t.side = tk.side
	return t, nil
}

// generalOnly turns fastRecord off, for the test that compares both ways of reading.
var generalOnly = false

// fastRecord reads the record at tk.pos when it is a plain line: no quote, no lone
// carriage return, exactly as many fields as the header, within the size limits. Such a
// line is most lines of most files, and is split with a few vectorised searches instead
// of a loop over its bytes. Anything else is left to tk.next (done is false), which reads
// it the same way a plain line would be read. row is false for a blank line.
func (t *csvTable) fastRecord(tk *tokenizer) (done, row bool) {
	buf, p := tk.buf, tk.pos
	rest := buf[p:]
	n := bytes.IndexByte(rest, '\n')
	next := p + n + 1
	if n < 0 {
		n, next = len(rest), len(buf)
	}
	line := rest[:n]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if (tk.maxLine > 0 && len(line) > tk.maxLine) || bytes.IndexByte(line, '"') >= 0 || bytes.IndexByte(line, '\r') >= 0 {
		return false, false
	}
	if len(line) == 0 {
		tk.pos, tk.line = next, tk.line+1
		return true, false
	}
	// Split into t.stride fields; more or fewer go the general way (padding, warnings).
	var ends [64]int
	if t.stride > len(ends) {
		return false, false
	}
	at := 0
	for c := 0; c < t.stride-1; c++ {
		q := bytes.IndexByte(line[at:], tk.delim)
		if q < 0 {
			return false, false
		}
		at += q
		ends[c] = at
		at++
	}
	if bytes.IndexByte(line[at:], tk.delim) >= 0 {
		return false, false
	}
	ends[t.stride-1] = len(line)
	start := 0
	for c := 0; c < t.stride; c++ {
		if tk.maxCell > 0 && ends[c]-start > tk.maxCell {
			return false, false
		}
		start = ends[c] + 1
	}
	start = 0
	for c := 0; c < t.stride; c++ {
		t.cols[c] = append(t.cols[c], uint32(p+start), uint32(p+ends[c]))
		start = ends[c] + 1
	}
	tk.pos, tk.line = next, tk.line+1
	return true, true
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
// sizes the columns for the whole segment, since growing them would copy them all.
func (t *csvTable) count(ctx context.Context, tk *tokenizer, start int, lim Limits) error {
	t.rows++
	if lim.MaxRows > 0 && t.rows > lim.MaxRows {
		return tooManyRows(lim)
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

func tooManyRows(lim Limits) error {
	return fault.New(fault.Unprocessable, "le fichier a plus de %d lignes, la limite (MaxRows)", lim.MaxRows)
}

// blank reports whether a record is an empty line.
func blank(f []uint32) bool { return len(f) == 2 && f[0] == f[1] }

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
