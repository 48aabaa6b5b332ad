package datasets_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
)

// read reads data named name with the default limits and a checked allocator; the table is
// released, and the allocator checked for leaks, when the test ends.
func read(t *testing.T, name string, data []byte) (*datasets.Loaded, error) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	l, err := datasets.Read(context.Background(), name, bytes.NewReader(data), datasets.DefaultLimits, mem)
	if err != nil {
		return nil, err
	}
	t.Cleanup(l.Table.Release)
	return l, nil
}

// mustRead is read for input that must load.
func mustRead(t *testing.T, name string, data []byte) *datasets.Loaded {
	t.Helper()
	l, err := read(t, name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return l
}

// readTestdata reads a file of testdata/.
func readTestdata(t *testing.T, name string) *datasets.Loaded {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return mustRead(t, name, data)
}

// col returns the single chunk of the column called name.
func col(t *testing.T, l *datasets.Loaded, name string) arrow.Array {
	t.Helper()
	idx := l.Table.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("column %q: found %d times in %v", name, len(idx), columnNames(l))
	}
	chunks := l.Table.Column(idx[0]).Data().Chunks()
	if len(chunks) == 1 {
		return plain(t, chunks[0])
	}
	plains := make([]arrow.Array, len(chunks))
	for i, c := range chunks {
		plains[i] = plain(t, c)
	}
	whole, err := array.Concatenate(plains, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(whole.Release)
	return whole
}

// plain decodes a dictionary of strings into a plain utf8 array, so that tests read text
// columns one way whatever their encoding.
func plain(t *testing.T, a arrow.Array) arrow.Array {
	t.Helper()
	d, ok := a.(*array.Dictionary)
	if !ok {
		return a
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < d.Len(); i++ {
		if d.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(d.Dictionary().(*array.String).Value(d.GetValueIndex(i)))
	}
	s := b.NewArray()
	t.Cleanup(s.Release)
	return s
}

func columnNames(l *datasets.Loaded) []string {
	var names []string
	for _, f := range l.Table.Schema().Fields() {
		names = append(names, f.Name)
	}
	return names
}

// types maps each column name to its Arrow type name.
func types(l *datasets.Loaded) map[string]string {
	m := map[string]string{}
	for _, f := range l.Table.Schema().Fields() {
		m[f.Name] = datasets.TypeName(f.Type)
	}
	return m
}

// rowOf returns the first row whose text column name holds value.
func rowOf(t *testing.T, l *datasets.Loaded, name, value string) int {
	t.Helper()
	s, ok := col(t, l, name).(*array.String)
	if !ok {
		t.Fatalf("column %q is %s, want utf8", name, col(t, l, name).DataType())
	}
	for i := 0; i < s.Len(); i++ {
		if s.IsValid(i) && s.Value(i) == value {
			return i
		}
	}
	t.Fatalf("column %q: no row holds %q", name, value)
	return -1
}

// value returns a cell as a Go value (nil for null), for comparisons with go-cmp.
func value(t *testing.T, l *datasets.Loaded, name string, row int) any {
	t.Helper()
	a := col(t, l, name)
	if a.IsNull(row) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(row)
	case *array.Int64:
		return a.Value(row)
	case *array.Float64:
		return a.Value(row)
	case *array.Boolean:
		return a.Value(row)
	case *array.Date32:
		return a.Value(row).FormattedString()
	case *array.Timestamp:
		return a.Value(row).ToTime(arrow.Second).UTC().Format("2006-01-02T15:04:05")
	}
	t.Fatalf("column %q: unexpected type %s", name, a.DataType())
	return nil
}
