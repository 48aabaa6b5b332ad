package datasets

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrow-go v18.8.0's memory-mapped IPC reader cannot read a file with dictionary fields
// (its dictionary memo is never initialised: a nil-map panic in schema decoding). So a
// version is stored as two files: the table file, where each dictionary column holds only
// its indices, marked by the field metadata dictKey, and a small dictionaries file in
// "long" form (column number, value), read with the copying reader. Loading wraps the
// mapped indices with their dictionary again, without copying them.
const dictKey = "atelier.dictionary"

var dictFileSchema = arrow.NewSchema([]arrow.Field{
	{Name: "column", Type: arrow.PrimitiveTypes.Int32},
	{Name: "value", Type: arrow.BinaryTypes.String},
}, nil)

// splitDictionaries returns the storage schema and, per column, the dictionary to store
// (nil for other columns). Every chunk of a dictionary column must share one dictionary;
// columns whose chunks do not are decoded to plain utf8 by plainTable first.
func splitDictionaries(t arrow.Table) (*arrow.Schema, []arrow.Array) {
	fields := make([]arrow.Field, t.NumCols())
	dicts := make([]arrow.Array, t.NumCols())
	for i, f := range t.Schema().Fields() {
		fields[i] = f
		dt, ok := f.Type.(*arrow.DictionaryType)
		if !ok {
			continue
		}
		chunks := t.Column(i).Data().Chunks()
		if len(chunks) == 0 {
			continue
		}
		dicts[i] = chunks[0].(*array.Dictionary).Dictionary()
		fields[i].Type = dt.IndexType
		fields[i].Metadata = withMeta(f.Metadata, dictKey, "1")
	}
	return arrow.NewSchema(fields, nil), dicts
}

func withMeta(md arrow.Metadata, k, v string) arrow.Metadata {
	keys, vals := append([]string{}, md.Keys()...), append([]string{}, md.Values()...)
	return arrow.NewMetadata(append(keys, k), append(vals, v))
}

func withoutMeta(md arrow.Metadata, k string) arrow.Metadata {
	var keys, vals []string
	for i, key := range md.Keys() {
		if key != k {
			keys, vals = append(keys, key), append(vals, md.Values()[i])
		}
	}
	if len(keys) == 0 {
		return arrow.Metadata{}
	}
	return arrow.NewMetadata(keys, vals)
}

// sharedDictionaries reports whether every dictionary column's chunks share one dictionary.
func sharedDictionaries(t arrow.Table) bool {
	for i, f := range t.Schema().Fields() {
		if _, ok := f.Type.(*arrow.DictionaryType); !ok {
			continue
		}
		var first arrow.ArrayData
		for _, ch := range t.Column(i).Data().Chunks() {
			d := ch.Data().Dictionary()
			if first == nil {
				first = d
			} else if d != first {
				return false
			}
		}
	}
	return true
}

// writeDictionaries writes the dictionaries file; it writes nothing when there are none.
func writeDictionaries(w io.Writer, dicts []arrow.Array, mem memory.Allocator) error {
	cb := array.NewInt32Builder(mem)
	defer cb.Release()
	vb := array.NewStringBuilder(mem)
	defer vb.Release()
	for i, d := range dicts {
		if d == nil {
			continue
		}
		s := d.(*array.String)
		for j := 0; j < s.Len(); j++ {
			cb.Append(int32(i))
			vb.Append(s.Value(j))
		}
	}
	cols := []arrow.Array{cb.NewArray(), vb.NewArray()}
	defer cols[0].Release()
	defer cols[1].Release()
	rec := array.NewRecordBatch(dictFileSchema, cols, int64(cols[0].Len()))
	defer rec.Release()
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(dictFileSchema), ipc.WithAllocator(mem))
	if err != nil {
		return err
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}

// readDictionaries reads a dictionaries file into one utf8 array per column number.
func readDictionaries(root *os.Root, name string) (map[int]arrow.Array, error) {
	data, err := root.ReadFile(name)
	if err != nil {
		return nil, err
	}
	r, err := ipc.NewFileReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := map[int]arrow.Array{}
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.RecordBatchAt(i)
		if err != nil {
			releaseDicts(out)
			return nil, err
		}
		cols, vals := rec.Column(0).(*array.Int32), rec.Column(1).(*array.String)
		for lo := 0; lo < cols.Len(); {
			hi, c := lo, cols.Value(lo)
			for hi < cols.Len() && cols.Value(hi) == c {
				hi++
			}
			if _, dup := out[int(c)]; dup {
				rec.Release()
				releaseDicts(out)
				return nil, fmt.Errorf("dictionaries file: column %d twice", c)
			}
			out[int(c)] = array.NewSlice(vals, int64(lo), int64(hi))
			lo = hi
		}
		rec.Release()
	}
	return out, nil
}

func releaseDicts(m map[int]arrow.Array) {
	for _, a := range m {
		a.Release()
	}
}

// joinDictionaries turns the stored index columns of recs back into dictionary columns.
func joinDictionaries(schema *arrow.Schema, recs []arrow.RecordBatch, dicts map[int]arrow.Array) (*arrow.Schema, []arrow.RecordBatch, error) {
	fields := schema.Fields()
	for i, f := range fields {
		if _, ok := f.Metadata.GetValue(dictKey); !ok {
			continue
		}
		if dicts[i] == nil {
			return nil, nil, fmt.Errorf("column %s: dictionary %s missing", f.Name, strconv.Itoa(i))
		}
		fields[i].Type = &arrow.DictionaryType{IndexType: f.Type, ValueType: arrow.BinaryTypes.String}
		fields[i].Metadata = withoutMeta(f.Metadata, dictKey)
	}
	out := arrow.NewSchema(fields, nil)
	joined := make([]arrow.RecordBatch, len(recs))
	for r, rec := range recs {
		cols := make([]arrow.Array, rec.NumCols())
		for i := range cols {
			col := rec.Column(i)
			if d, ok := dicts[i]; ok && fields[i].Type.ID() == arrow.DICTIONARY {
				data := array.NewDataWithDictionary(fields[i].Type, col.Len(), col.Data().Buffers(), col.NullN(), col.Data().Offset(), d.Data().(*array.Data))
				cols[i] = array.MakeFromData(data)
				data.Release()
			} else {
				col.Retain()
				cols[i] = col
			}
		}
		joined[r] = array.NewRecordBatch(out, cols, rec.NumRows())
		for _, c := range cols {
			c.Release()
		}
	}
	return out, joined, nil
}
