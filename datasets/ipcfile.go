package datasets

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
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

func writeIPC(w io.Writer, t arrow.Table, mem memory.Allocator) error {
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(t.Schema()), ipc.WithAllocator(mem))
	if err != nil {
		return err
	}
	tr := array.NewTableReader(t, ipcChunkRows)
	defer tr.Release()
	for tr.Next() {
		if err := fw.Write(tr.RecordBatch()); err != nil {
			fw.Close()
			return err
		}
	}
	return fw.Close()
}

// mappedTable is a table whose buffers point into a memory-mapped IPC file, so that opening a
// large dataset costs a page-table update, not a copy.
type mappedTable struct {
	table arrow.Table
	data  []byte
}

func mapTable(root *os.Root, name string) (*mappedTable, error) {
	f, err := root.Open(name)
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
	data, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap: %w", err)
	}
	t, err := tableFromIPC(data)
	if err != nil {
		syscall.Munmap(data)
		return nil, err
	}
	return &mappedTable{table: t, data: data}, nil
}

func tableFromIPC(data []byte) (arrow.Table, error) {
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
	return array.NewTableFromRecords(r.Schema(), recs), nil
}

func (t *mappedTable) close() {
	t.table.Release()
	syscall.Munmap(t.data)
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

// humanBytes writes a size the French way: « 200 Mo ».
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " Go"
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " Mo"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " Ko"
	}
	return strconv.FormatInt(n, 10) + " octets"
}
