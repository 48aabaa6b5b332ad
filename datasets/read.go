package datasets

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"math"
	"path"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
)

// Loaded is a file read into memory, with what the reader noticed on the way.
type Loaded struct {
	Table     arrow.Table // the caller releases it
	Format    string      // "csv" or "geojson"
	Encoding  string      // "UTF-8", "UTF-8 (BOM)" or "Windows-1252"
	Delimiter string      // ";", ",", "\t" or "|"; empty for GeoJSON
	Warnings  []Warning
}

// Warning is something the reader did that the facilitator should know about, such as
// padding a short row. Message is French.
type Warning struct {
	Line    int    // physical line in the file where the record starts (1-based), or 0
	Column  string // the column it is about, or ""
	Message string
}

// Read reads a file (CSV/TSV/TXT in any French open-data dialect, or GeoJSON) into an Arrow
// table allocated with mem. fileName is only a hint: the content decides the format, the
// encoding and the delimiter. Errors are *fault.Error for anything the file itself causes.
func Read(ctx context.Context, fileName string, r io.Reader, lim Limits, mem memory.Allocator) (*Loaded, error) {
	raw, err := readAll(r, lim.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, utf8BOM))) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide")
	}
	if err := sniffBinary(raw); err != nil {
		return nil, err
	}
	buf, enc, err := decodeText(raw)
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) >= math.MaxUint32 {
		return nil, fault.New(fault.TooLarge, "le fichier dépasse 4 Go une fois décodé")
	}
	if looksJSON(fileName, buf) {
		return readGeoJSON(ctx, buf, enc, lim, mem)
	}
	return readCSV(ctx, buf, enc, lim, mem)
}

// readAll reads the whole file: it is split in place, and a hint of its size (a file, a
// bytes.Reader) saves the copies of a growing buffer.
func readAll(r io.Reader, max int64) ([]byte, error) {
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
	b := buf.Bytes()
	if int64(len(b)) > max {
		return nil, fault.New(fault.TooLarge,
			"le fichier dépasse la taille maximale de %d octets (MaxFileBytes)", max)
	}
	return b, nil
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

func readCSV(ctx context.Context, buf []byte, enc string, lim Limits, mem memory.Allocator) (*Loaded, error) {
	delim, first := byte(0), 1
	if d, rest, ok := sepLine(buf); ok {
		delim, buf, first = d, rest, 2
	} else {
		delim = sniffDelimiter(buf)
	}
	t, err := parseCSV(ctx, buf, delim, first, lim)
	if err != nil {
		return nil, err
	}
	cols, err := convertColumns(ctx, t, mem)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Format: "csv", Encoding: enc, Delimiter: string(delim), Warnings: t.warnings}
	for _, c := range cols {
		if c.warning != "" {
			l.Warnings = append(l.Warnings, Warning{Column: c.field.Name, Message: c.warning})
		}
	}
	l.Table = newTable(cols)
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
