package datasets

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// WriteCSV writes t as a CSV that French Excel opens right: UTF-8 with a BOM, `;` between
// fields, CRLF line ends, a decimal comma, dates as yyyy-mm-dd. A text cell that starts
// with =, +, -, @, a tab or a carriage return gets a leading ' so that a spreadsheet never
// runs it as a formula (OWASP CSV injection); numbers are numbers and are left alone. Rows
// are written as they are read, through a small buffer: the file is never whole in memory.
func WriteCSV(ctx context.Context, w io.Writer, t arrow.Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(utf8BOM)
	var line []byte
	for i, f := range t.Schema().Fields() {
		if i > 0 {
			line = append(line, ';')
		}
		line = appendCSVText(line, f.Name)
	}
	line = append(line, '\r', '\n')
	if _, err := bw.Write(line); err != nil {
		return err
	}
	tr := array.NewTableReader(t, 4096)
	defer tr.Release()
	for tr.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := tr.RecordBatch()
		for r := 0; r < int(rec.NumRows()); r++ {
			line = line[:0]
			for c, col := range rec.Columns() {
				if c > 0 {
					line = append(line, ';')
				}
				line = appendCSVCell(line, col, r)
			}
			line = append(line, '\r', '\n')
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

func appendCSVCell(b []byte, a arrow.Array, i int) []byte {
	if a.IsNull(i) {
		return b
	}
	switch a := a.(type) {
	case *array.Int64:
		return strconv.AppendInt(b, a.Value(i), 10)
	case *array.Float64:
		start := len(b)
		b = strconv.AppendFloat(b, a.Value(i), 'f', -1, 64)
		for k := start; k < len(b); k++ {
			if b[k] == '.' {
				b[k] = ','
			}
		}
		return b
	case *array.Boolean:
		if a.Value(i) {
			return append(b, "oui"...)
		}
		return append(b, "non"...)
	case *array.Date32:
		return a.Value(i).ToTime().AppendFormat(b, time.DateOnly)
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(unit).UTC().AppendFormat(b, time.DateTime)
	}
	v := Value(a, i)
	s, ok := v.(string)
	if !ok {
		s = a.ValueStr(i)
	}
	return appendCSVText(b, s)
}

// appendCSVText writes a text cell, neutralised and quoted when needed.
func appendCSVText(b []byte, s string) []byte {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ";\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// WriteParquet writes t as a Parquet file (zstd, one row group per 128 K rows) with the
// Arrow schema stored, so that arrow readers get the same types back.
func WriteParquet(ctx context.Context, w io.Writer, t arrow.Table) error {
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithAllocator(memory.DefaultAllocator))
	fw, err := pqarrow.NewFileWriter(t.Schema(), w, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return err
	}
	tr := array.NewTableReader(t, ipcChunkRows)
	defer tr.Release()
	for tr.Next() {
		if err := ctx.Err(); err != nil {
			fw.Close()
			return err
		}
		if err := fw.Write(tr.RecordBatch()); err != nil {
			fw.Close()
			return err
		}
	}
	return fw.Close()
}
