package datasets

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
)

// ipcChunkRows bounds the rows of one IPC record batch, which keeps every message far below
// the reader's 256 MiB body limit and lets the query engine work chunk by chunk.
const ipcChunkRows = 1 << 17

// writeIPC writes t as an IPC file whose dictionary columns hold only their indices (see
// ipcdict.go) and returns the dictionaries to store beside it (all nil when there are none).
func writeIPC(w io.Writer, t arrow.Table, mem memory.Allocator) ([]arrow.Array, error) {
	if !sharedDictionaries(t) {
		t = plainTable(t, mem)
		defer t.Release()
	}
	schema, dicts := splitDictionaries(t)
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(schema), ipc.WithAllocator(mem))
	if err != nil {
		return nil, err
	}
	tr := array.NewTableReader(t, ipcChunkRows)
	defer tr.Release()
	for tr.Next() {
		rec := tr.RecordBatch()
		cols := make([]arrow.Array, rec.NumCols())
		for i := range cols {
			cols[i] = rec.Column(i)
			if d, ok := cols[i].(*array.Dictionary); ok {
				cols[i] = d.Indices()
			}
		}
		stored := array.NewRecordBatch(schema, cols, rec.NumRows())
		err := fw.Write(stored)
		stored.Release()
		if err != nil {
			fw.Close()
			return nil, err
		}
	}
	return dicts, fw.Close()
}

// mappedTable is a table whose buffers point into a memory-mapped IPC file, so that opening a
// large dataset costs a page-table update, not a copy.
type mappedTable struct {
	table arrow.Table
	data  []byte
}

func mapTable(root *os.Root, name, dictName string) (*mappedTable, error) {
	f, err := openStored(root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, errors.New("empty table file")
	}
	var dicts map[int]arrow.Array
	if err := checkStored(root, dictName); err == nil {
		if dicts, err = readDictionaries(root, dictName); err != nil {
			return nil, err
		}
		defer releaseDicts(dicts)
	} else if !errors.Is(err, fs.ErrNotExist) { // a table without dictionaries has no such file
		return nil, err
	}
	if st.Size() > int64(maxInt) {
		return nil, errors.New("table file larger than this platform's address space")
	}
	data, err := mapping(f, int(st.Size()), true)
	if err != nil {
		return nil, fmt.Errorf("mmap: %w", err)
	}
	t, err := tableFromIPC(data, dicts)
	if err != nil {
		unmapping(data)
		return nil, err
	}
	return &mappedTable{table: t, data: data}, nil
}

func tableFromIPC(data []byte, dicts map[int]arrow.Array) (arrow.Table, error) {
	r, err := ipc.NewMappedFileReader(data)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	recs := make([]arrow.RecordBatch, 0, r.NumRecords())
	defer func() {
		for _, rec := range recs {
			rec.Release()
		}
	}()
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.RecordBatchAt(i)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	schema, joined, err := joinDictionaries(r.Schema(), recs, dicts)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, rec := range joined {
			rec.Release()
		}
	}()
	return array.NewTableFromRecords(schema, joined), nil
}

// plainTable decodes every dictionary column of t to plain utf8.
func plainTable(t arrow.Table, mem memory.Allocator) arrow.Table {
	fields := t.Schema().Fields()
	cols := make([]arrow.Column, len(fields))
	for i, f := range fields {
		chunks := t.Column(i).Data().Chunks()
		if _, ok := f.Type.(*arrow.DictionaryType); !ok {
			cols[i] = *arrow.NewColumn(f, t.Column(i).Data())
			continue
		}
		fields[i].Type = arrow.BinaryTypes.String
		plain := make([]arrow.Array, len(chunks))
		for j, ch := range chunks {
			plain[j] = decodeDictionary(ch.(*array.Dictionary), mem)
		}
		chunked := arrow.NewChunked(arrow.BinaryTypes.String, plain)
		cols[i] = *arrow.NewColumn(fields[i], chunked)
		chunked.Release()
		for _, p := range plain {
			p.Release()
		}
	}
	out := array.NewTable(arrow.NewSchema(fields, nil), cols, t.NumRows())
	for i := range cols {
		cols[i].Release()
	}
	return out
}

// decodeDictionary returns a dictionary array's values as plain utf8.
func decodeDictionary(d *array.Dictionary, mem memory.Allocator) arrow.Array {
	b := array.NewStringBuilder(mem)
	defer b.Release()
	vals := d.Dictionary()
	for i := 0; i < d.Len(); i++ {
		if d.IsNull(i) || vals.IsNull(d.GetValueIndex(i)) {
			b.AppendNull()
			continue
		}
		b.Append(vals.ValueStr(d.GetValueIndex(i)))
	}
	return b.NewArray()
}

func (t *mappedTable) close() {
	t.table.Release()
	unmapping(t.data)
}

// diskFault turns a full disk into the message SECURITY.md asks for.
func diskFault(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fault.Wrap(fault.InsufficientStorage, err,
			"le disque est plein : rien n'a été enregistré et la version précédente est intacte")
	}
	return err
}

func trimExtension(fileName string) string {
	base := path.Base(strings.ReplaceAll(fileName, `\`, "/"))
	if base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
