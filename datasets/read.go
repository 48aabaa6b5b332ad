package datasets

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// Loaded is a file read into memory, with what the reader noticed on the way.
type Loaded struct {
	Table     arrow.Table // the caller releases it
	Format    string      // "csv", "xlsx", "json", "geojson", "parquet" or "arrow"
	Sheet     string      // the sheet read, for XLSX
	Sheets    []string    // every sheet of an XLSX workbook, in order
	Encoding  string      // "UTF-8", "UTF-8 (BOM)" or "Windows-1252"
	Delimiter string      // ";", ",", "\t" or "|"; empty for GeoJSON
	Warnings  []Warning
	// HeaderLine is the line (the sheet's row) that gave the column names, 1-based; title
	// lines above it were skipped. 0 for formats without a header line.
	HeaderLine int
}

// Warning is something the reader did that the facilitator should know about, such as
// padding a short row. Message is French.
type Warning struct {
	Line    int    `json:"line,omitempty"`   // physical line in the file where the record starts (1-based), or 0
	Column  string `json:"column,omitempty"` // the column it is about, or ""
	Message string `json:"message"`
	Dropped bool   `json:"dropped,omitempty"` // the row was left out (a total, a blank row, a note); KeepRows keeps it
}

// ReadOptions are the choices a facilitator may make about a file.
type ReadOptions struct {
	Sheet    string // XLSX: the sheet to read; default the first visible one with a value
	KeepRows bool   // XLSX: keep the blank, total and footnote rows read as data
}

// ReadWith is Read with the facilitator's choices.
func ReadWith(ctx context.Context, fileName string, r io.Reader, opts ReadOptions, lim Limits, mem memory.Allocator) (*Loaded, error) {
	raw, err := readAll(r, lim.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return readInput(ctx, fileName, raw, false, opts, lim, mem)
}

// Read reads a file (CSV/TSV/TXT in any French open-data dialect, or GeoJSON) into an Arrow
// table allocated with mem. fileName is only a hint: the content decides the format, the
// encoding and the delimiter. Errors are *fault.Error for anything the file itself causes.
func Read(ctx context.Context, fileName string, r io.Reader, lim Limits, mem memory.Allocator) (*Loaded, error) {
	if f, ok := r.(*os.File); ok {
		if data, unmap, ok := mapFile(f, lim.MaxFileBytes); ok {
			defer unmap()
			return readInput(ctx, fileName, data, true, ReadOptions{}, lim, mem)
		}
	}
	raw, err := readAll(r, lim.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return readBytes(ctx, fileName, raw, lim, mem)
}

// readBytes is Read on a file already in memory. It never writes to raw, and the table
// it returns does not point into it.
func readBytes(ctx context.Context, fileName string, raw []byte, lim Limits, mem memory.Allocator) (*Loaded, error) {
	return readInput(ctx, fileName, raw, false, ReadOptions{}, lim, mem)
}

// readInput is readBytes; mapped says raw is a file mapping whose pages may be dropped
// once read.
func readInput(ctx context.Context, fileName string, raw []byte, mapped bool, opts ReadOptions, lim Limits, mem memory.Allocator) (*Loaded, error) {
	if int64(len(raw)) > lim.MaxFileBytes && lim.MaxFileBytes > 0 {
		return nil, fault.New(fault.TooLarge,
			"le fichier dépasse la taille maximale de %s (MaxFileBytes)", localfmt.Bytes("fr", lim.MaxFileBytes))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, utf8BOM))) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide")
	}
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return readXLSX(ctx, raw, opts, lim, mem)
	case bytes.HasPrefix(raw, []byte("PAR1")):
		return readParquet(ctx, raw, lim, mem)
	case bytes.HasPrefix(raw, []byte("ARROW1")):
		return readArrowFile(ctx, raw, lim, mem)
	case bytes.HasPrefix(raw, []byte("\x1f\x8b")):
		plain, err := gunzip(raw, lim)
		if err != nil {
			return nil, err
		}
		return readInput(ctx, strings.TrimSuffix(fileName, ".gz"), plain, false, opts, lim, mem)
	}
	if err := sniffBinary(raw); err != nil {
		return nil, err
	}
	if int64(len(raw)) >= math.MaxUint32/2 { // offsets are uint32, unescaped fields above len(buf)
		return nil, fault.New(fault.TooLarge, "le fichier dépasse 2 Go une fois décodé")
	}
	if body, enc, ok := optimisticUTF8(fileName, raw); ok {
		var drop func(lo, hi int)
		if mapped {
			base := len(raw) - len(body)
			drop = func(lo, hi int) { dropPages(raw, base+lo, base+hi) }
		}
		l, err := readCSV(ctx, body, enc, 0, 1, drop, true, lim, mem)
		if !errors.Is(err, errNotUTF8) {
			return l, err
		}
	}
	buf, enc, err := decodeText(raw)
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) >= math.MaxUint32/2 {
		return nil, fault.New(fault.TooLarge, "le fichier dépasse 2 Go une fois décodé")
	}
	if looksJSON(fileName, buf) {
		return readJSON(ctx, buf, enc, lim, mem)
	}
	return readCSV(ctx, buf, enc, 0, 1, nil, false, lim, mem)
}

// Validating a whole file as UTF-8 before splitting it cost an eighth of the reader's time,
// and only text cells can hold anything but ASCII: numbers, dates and booleans are ASCII
// (or valid UTF-8 spaces) by construction. So a CSV whose first MiB is valid UTF-8 is read
// as UTF-8 at once, and every text value is checked as it is copied into the table (a
// dictionary checks each distinct value once). If one is not valid, the reader starts over
// with decodeText, which decides between Windows-1252 and a refusal naming the byte.
var errNotUTF8 = errors.New("not UTF-8 after all")

// optimisticUTF8 returns the text to read as UTF-8 when that is worth trying: a CSV (not
// JSON, which is checked whole) whose first MiB is valid. Segments look for NUL bytes as
// they are read (see runSegment).
func optimisticUTF8(fileName string, raw []byte) ([]byte, string, bool) {
	body, enc := raw, "UTF-8"
	if bytes.HasPrefix(raw, utf8BOM) {
		body, enc = raw[len(utf8BOM):], "UTF-8 (BOM)"
	}
	if looksJSON(fileName, body) {
		return nil, "", false
	}
	sample := body[:min(len(body), 1<<20)]
	for len(sample) < len(body) && len(sample) > 0 && !utf8.RuneStart(body[len(sample)]) {
		sample = sample[:len(sample)-1]
	}
	return body, enc, utf8.Valid(sample)
}

// readAll reads the whole file: it is split in place, and a hint of its size (a file, a
// bytes.Reader) saves the copies of a growing buffer.
func readAll(r io.Reader, max int64) ([]byte, error) {
	b, err := readUpTo(r, max)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max && max > 0 {
		return nil, fault.New(fault.TooLarge,
			"le fichier dépasse la taille maximale de %s (MaxFileBytes)", localfmt.Bytes("fr", max))
	}
	return b, nil
}

// readUpTo reads r up to max+1 bytes, so that the caller sees whether it had more than max.
func readUpTo(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = math.MaxInt64 - 1
	}
	var buf bytes.Buffer
	if n := sizeHint(r); n > 0 && n <= max {
		buf.Grow(int(n) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}

// looksJSON: a CSV never starts with "{"; "[" is JSON only when the name says so.
func looksJSON(fileName string, b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	ext := strings.ToLower(path.Ext(fileName))
	return len(b) > 0 && (b[0] == '{' || (b[0] == '[' && (ext == ".json" || ext == ".geojson")))
}

// readCSV reads a decoded CSV. delim 0 means sniff it; first is the physical line of
// buf's first byte.
// validate says that buf was not checked as UTF-8: its text values are, as they are built.
func readCSV(ctx context.Context, buf []byte, enc string, delim byte, first int, drop func(lo, hi int), validate bool, lim Limits, mem memory.Allocator) (*Loaded, error) {
	skipped := 0
	if delim == 0 {
		if d, rest, ok := sepLine(buf); ok {
			delim, buf, first = d, rest, first+1
		} else {
			buf, skipped = skipTitleLines(buf)
			first += skipped
			delim = sniffDelimiter(buf)
		}
	}
	h, err := parseHeader(buf, delim, first, lim)
	if err != nil {
		return nil, err
	}
	if validate && !utf8.ValidString(strings.Join(h.raw, "")) {
		return nil, errNotUTF8
	}
	cv := &converter{buf: buf, delim: delim, h: h, names: columnNames(h.raw), lim: lim, mem: mem,
		noDict: make([]atomic.Bool, h.stride), drop: drop, validate: validate}
	batches, err := cv.runSegments(ctx, splitSegments(buf, h.start, h.line))
	if err != nil {
		return nil, err
	}
	defer releaseBatches(batches)
	l := &Loaded{Format: "csv", Encoding: enc, Delimiter: string(delim), HeaderLine: first}
	if skipped > 0 {
		l.Warnings = append(l.Warnings, titleSkipped(skipped))
	}
	rows, nShort, short := 0, 0, []shortRow(nil)
	for _, b := range batches {
		rows += b.rows
		nShort += b.nShort
		short = append(short, b.short...)
	}
	switch {
	case rows == 0:
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : il n'a qu'une ligne d'en-tête, sans données")
	case lim.MaxRows > 0 && rows > lim.MaxRows:
		return nil, tooManyRows(lim)
	}
	if nShort > 0 {
		l.Warnings = append(l.Warnings, shortWarning(short[:min(len(short), 10)], nShort, h.named))
	}
	cols, err := cv.columnsOfBatches(ctx, batches)
	if err != nil {
		return nil, err
	}
	if cv.notUTF8.Load() {
		for _, c := range cols {
			c.release()
		}
		return nil, errNotUTF8
	}
	// Trailing columns with no name and no value come from a delimiter at the end of every
	// line, header included.
	n := len(cols)
	for n > 0 && h.raw[n-1] == "" && cols[n-1].nonNull == 0 {
		n--
		cols[n].release()
	}
	if n == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : ni noms de colonnes ni valeurs")
	}
	names := columnNames(h.raw[:n])
	fields := make([]arrow.Field, n)
	chunked := make([]arrow.Column, n)
	for i, c := range cols[:n] {
		c.field.Name = names[i]
		fields[i] = c.field
		ch := arrow.NewChunked(c.field.Type, c.chunks)
		chunked[i] = *arrow.NewColumn(c.field, ch)
		ch.Release()
		c.release()
		if c.warning != "" {
			l.Warnings = append(l.Warnings, Warning{Column: names[i], Message: c.warning})
		}
	}
	l.Table = array.NewTable(arrow.NewSchema(fields, nil), chunked, int64(rows))
	for i := range chunked {
		chunked[i].Release()
	}
	return l, nil
}

// sepLine recognises Excel's "sep=;" first line, which states the delimiter.
func sepLine(b []byte) (byte, []byte, bool) {
	if len(b) < 6 || !bytes.HasPrefix(b, []byte("sep=")) || (b[5] != '\n' && b[5] != '\r') {
		return 0, b, false
	}
	d, rest := b[4], b[6:]
	if b[5] == '\r' && len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	return d, rest, d == ',' || d == ';' || d == '\t' || d == '|'
}

// newTable assembles converted columns into a table and drops the columns' own references.
func newTable(cols []column) arrow.Table {
	fields := make([]arrow.Field, len(cols))
	data := make([][]arrow.Array, len(cols))
	for i, c := range cols {
		fields[i], data[i] = c.field, []arrow.Array{c.arr}
	}
	tbl := array.NewTableFromSlice(arrow.NewSchema(fields, nil), data)
	releaseColumns(cols)
	return tbl
}
