package datasets

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"atelier/internal/fault"
)

// Parquet and Arrow files already carry types; they are kept when the rest of atelier reads
// them (utf8, int64, float64, date32, timestamp, bool, dictionaries of utf8) and widened
// otherwise: smaller integers to int64, float32 to float64, and anything else (decimals,
// lists, structs) to its exact text. The readers of arrow-go have panicked on truncated
// files (fuzzing found several), so they run under recover and a panic is a 422. A reader
// that fails half-way can also leave buffers unreleased (fuzzing found that in ipc), so
// they allocate from a private Go allocator, whose buffers the garbage collector reclaims
// whatever happens, never from the caller's.

// gunzip decompresses a gzip upload, refusing more than the decompression limit.
func gunzip(raw []byte, lim Limits) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fault.New(fault.Unprocessable, "fichier gzip illisible : il est tronqué ou abîmé")
	}
	limit := unzippedLimit(lim)
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fault.New(fault.Unprocessable, "fichier gzip illisible : il est tronqué ou abîmé")
	}
	if int64(len(out)) > limit {
		return nil, tooBigUnzipped(lim)
	}
	return out, nil
}

func truncated(what string) error {
	return fault.New(fault.Unprocessable, "fichier %s illisible : il est tronqué ou abîmé", what)
}

func readParquet(ctx context.Context, raw []byte, lim Limits, _ memory.Allocator) (l *Loaded, err error) {
	mem := memory.NewGoAllocator()
	defer func() {
		if p := recover(); p != nil {
			l, err = nil, truncated("Parquet")
		}
	}()
	props := parquet.NewReaderProperties(mem)
	props.BufferedStreamEnabled = true // never a buffer as long as a column chunk claims to be
	pf, err := file.NewParquetReader(bytes.NewReader(raw), file.WithReadProps(props))
	if err != nil {
		return nil, truncated("Parquet")
	}
	defer pf.Close()
	if !parquetPlausible(pf, int64(len(raw))) {
		return nil, truncated("Parquet")
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: ipcChunkRows}, mem)
	if err != nil {
		return nil, truncated("Parquet")
	}
	t, err := fr.ReadTable(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, truncated("Parquet")
	}
	defer t.Release()
	for i := 0; i < int(t.NumCols()); i++ {
		for _, ch := range t.Column(i).Data().Chunks() {
			if array.ValidateFull(ch) != nil {
				return nil, truncated("Parquet")
			}
		}
	}
	return loadedTable(t, "parquet", lim, mem)
}

// parquetPlausible checks what pqarrow reads in goroutines of its own, where a panic could
// not be recovered (fuzzing found a negative column chunk length): every column chunk must
// lie inside the file.
func parquetPlausible(pf *file.Reader, size int64) bool {
	md := pf.MetaData()
	for rg := 0; rg < md.NumRowGroups(); rg++ {
		rgm := md.RowGroup(rg)
		for c := 0; c < rgm.NumColumns(); c++ {
			col, err := rgm.ColumnChunk(c)
			if err != nil {
				return false
			}
			start := col.DataPageOffset()
			if col.HasDictionaryPage() && col.DictionaryPageOffset() > 0 && start > col.DictionaryPageOffset() {
				start = col.DictionaryPageOffset()
			}
			n := col.TotalCompressedSize()
			if start < 0 || n < 0 || start > size || n > size-start+100 { // parquet-mr padding
				return false
			}
		}
	}
	return true
}

func readArrowFile(ctx context.Context, raw []byte, lim Limits, _ memory.Allocator) (l *Loaded, err error) {
	mem := memory.NewGoAllocator()
	defer func() {
		if p := recover(); p != nil {
			l, err = nil, truncated("Arrow")
		}
	}()
	if !arrowPlausible(raw) {
		return nil, truncated("Arrow")
	}
	r, err := ipc.NewFileReader(bytes.NewReader(raw), ipc.WithAllocator(mem))
	if err != nil {
		return nil, truncated("Arrow")
	}
	defer r.Close()
	var recs []arrow.RecordBatch
	defer func() {
		for _, rec := range recs {
			rec.Release()
		}
	}()
	for i := 0; i < r.NumRecords(); i++ {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, err := r.RecordBatchAt(i)
		if err != nil {
			return nil, truncated("Arrow")
		}
		recs = append(recs, rec)
		for _, col := range rec.Columns() { // offsets that point outside the buffers
			if array.ValidateFull(col) != nil {
				return nil, truncated("Arrow")
			}
		}
	}
	t := array.NewTableFromRecords(r.Schema(), recs)
	defer t.Release()
	return loadedTable(t, "arrow", lim, mem)
}

// loadedTable checks t against the limits and converts its columns to the types atelier
// reads.
func loadedTable(t arrow.Table, format string, lim Limits, mem memory.Allocator) (*Loaded, error) {
	switch {
	case t.NumCols() == 0 || t.NumRows() == 0:
		return nil, fault.New(fault.Unprocessable, "le fichier est vide")
	case lim.MaxColumns > 0 && t.NumCols() > int64(lim.MaxColumns):
		return nil, fault.New(fault.Unprocessable,
			"le fichier a %d colonnes, plus que la limite de %d (MaxColumns)", t.NumCols(), lim.MaxColumns)
	case lim.MaxRows > 0 && t.NumRows() > int64(lim.MaxRows):
		return nil, tooManyRows(lim)
	}
	raw := make([]string, t.NumCols())
	for i, f := range t.Schema().Fields() {
		raw[i] = f.Name
	}
	names := columnNames(raw)
	fields := make([]arrow.Field, t.NumCols())
	cols := make([]arrow.Column, t.NumCols())
	for i := range cols {
		chunks := t.Column(i).Data().Chunks()
		out := make([]arrow.Array, len(chunks))
		for j, ch := range chunks {
			out[j] = storable(ch, mem)
		}
		dt := t.Column(i).DataType()
		if len(out) > 0 {
			dt = out[0].DataType()
		}
		fields[i] = arrow.Field{Name: names[i], Type: dt, Nullable: true, Metadata: t.Schema().Field(i).Metadata}
		ch := arrow.NewChunked(dt, out)
		cols[i] = *arrow.NewColumn(fields[i], ch)
		ch.Release()
		for _, a := range out {
			a.Release()
		}
	}
	tbl := array.NewTable(arrow.NewSchema(fields, nil), cols, t.NumRows())
	for i := range cols {
		cols[i].Release()
	}
	return &Loaded{Table: tbl, Format: format}, nil
}

// storable returns a (new reference to an) array of a type atelier reads with a's values.
func storable(a arrow.Array, mem memory.Allocator) arrow.Array {
	switch dt := a.DataType(); dt.ID() {
	case arrow.STRING, arrow.INT64, arrow.FLOAT64, arrow.DATE32, arrow.BOOL, arrow.TIMESTAMP:
		a.Retain()
		return a
	case arrow.DICTIONARY:
		if v := dt.(*arrow.DictionaryType).ValueType.ID(); v == arrow.STRING {
			a.Retain()
			return a
		}
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.UINT8, arrow.UINT16, arrow.UINT32:
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for i := 0; i < a.Len(); i++ {
			if a.IsNull(i) {
				b.AppendNull()
				continue
			}
			b.Append(intAt(a, i))
		}
		return b.NewArray()
	case arrow.FLOAT32:
		f := a.(*array.Float32)
		b := array.NewFloat64Builder(mem)
		defer b.Release()
		for i := 0; i < a.Len(); i++ {
			if a.IsNull(i) {
				b.AppendNull()
				continue
			}
			b.Append(float64(f.Value(i)))
		}
		return b.NewArray()
	}
	b := array.NewStringBuilder(mem)
	defer b.Release()
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(a.ValueStr(i))
	}
	return b.NewArray()
}

func intAt(a arrow.Array, i int) int64 {
	switch a := a.(type) {
	case *array.Int8:
		return int64(a.Value(i))
	case *array.Int16:
		return int64(a.Value(i))
	case *array.Int32:
		return int64(a.Value(i))
	case *array.Uint8:
		return int64(a.Value(i))
	case *array.Uint16:
		return int64(a.Value(i))
	case *array.Uint32:
		return int64(a.Value(i))
	}
	return 0
}

// readJSON reads a GeoJSON FeatureCollection, an array of objects (one row each), or an
// OpenDataSoft export: an array of records whose values are under "fields" (v1), or an
// object whose "results" holds the records (explore API v2).
func readJSON(ctx context.Context, buf []byte, enc string, lim Limits, mem memory.Allocator) (*Loaded, error) {
	b := bytes.TrimLeft(buf, " \t\r\n")
	if b[0] == '{' {
		var probe struct {
			Type    string            `json:"type"`
			Results []json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return nil, jsonFault(err)
		}
		if probe.Type == "FeatureCollection" || probe.Results == nil {
			return readGeoJSON(ctx, buf, enc, lim, mem)
		}
		return readRecords(ctx, probe.Results, enc, lim, mem)
	}
	var recs []json.RawMessage
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, jsonFault(err)
	}
	return readRecords(ctx, recs, enc, lim, mem)
}

// readRecords makes one row per JSON object, one column per key in order of appearance.
func readRecords(ctx context.Context, recs []json.RawMessage, enc string, lim Limits, mem memory.Allocator) (*Loaded, error) {
	if len(recs) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : le tableau JSON n'a aucun objet")
	}
	if lim.MaxRows > 0 && len(recs) > lim.MaxRows {
		return nil, tooManyRows(lim)
	}
	objs := make([]json.RawMessage, len(recs))
	for i, r := range recs {
		var ods struct {
			Fields json.RawMessage `json:"fields"`
		}
		r = bytes.TrimSpace(r)
		if len(r) == 0 || r[0] != '{' {
			return nil, fault.New(fault.Unprocessable, "objet n° %d : le tableau JSON doit contenir des objets, un par ligne", i+1)
		}
		if json.Unmarshal(r, &ods) == nil && len(ods.Fields) > 0 && ods.Fields[0] == '{' {
			r = ods.Fields
		}
		objs[i] = r
	}
	props, err := collectObjects(ctx, objs, lim)
	if err != nil {
		return nil, err
	}
	raw := make([]string, len(props))
	for i, p := range props {
		raw[i] = p.name
	}
	names := columnNames(raw)
	cols := make([]column, len(props))
	for i, p := range props {
		cols[i] = buildGeoColumn(names[i], p.vals, mem)
	}
	if len(cols) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : les objets JSON n'ont aucune clé")
	}
	return &Loaded{Table: newTable(cols), Format: "json", Encoding: enc}, nil
}

// collectObjects gathers each key's values, one per object (nil when missing).
func collectObjects(ctx context.Context, objs []json.RawMessage, lim Limits) ([]*geoColumn, error) {
	var props []*geoColumn
	index := map[string]*geoColumn{}
	for i, obj := range objs {
		if i&1023 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		err := eachProperty(obj, func(k string, v json.RawMessage) error {
			p := index[k]
			if p == nil {
				if lim.MaxColumns > 0 && len(props) >= lim.MaxColumns {
					return fault.New(fault.Unprocessable,
						"le fichier a plus de %d clés, la limite (MaxColumns)", lim.MaxColumns)
				}
				p = &geoColumn{name: k, vals: make([]json.RawMessage, len(objs))}
				index[k] = p
				props = append(props, p)
			}
			p.vals[i] = v
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return props, nil
}
