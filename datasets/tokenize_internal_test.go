package datasets

import (
	"context"
	"reflect"
	"testing"
)

// FuzzFastRecord checks that the fast path for plain lines splits every input exactly as
// the general tokenizer does: same cells, same rows, same line numbers in warnings, same
// errors.
func FuzzFastRecord(f *testing.F) {
	for _, s := range []string{
		"a;b;c\n1;2;3\n4;5\n\n6;7;8;9\n", "a;b\r\n1;2\r\n3;\"x\"\"y\"\r\n\r\n", "a,b\n1,2\r3,4\n",
		"a;b\n1;2", "a;b\n;\n \n\t;\t\n", "a|b|c\n1|2|\n", "a;b\n1;\"2\n3\";4\n5;6\n",
	} {
		f.Add([]byte(s), byte(';'))
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte) {
		if delim != ';' && delim != ',' && delim != '|' && delim != '\t' {
			delim = ';'
		}
		lim := DefaultLimits
		lim.MaxLineBytes, lim.MaxCellBytes, lim.MaxRows = 64, 16, 50
		read := func(general bool) (*csvTable, error) {
			generalOnly = general
			defer func() { generalOnly = false }()
			h, err := parseHeader(data, delim, 1, lim)
			if err != nil {
				return nil, err
			}
			return tokenizeSegment(context.Background(), data, segment{h.start, len(data), h.line}, delim, h, lim)
		}
		fast, errFast := read(false)
		slow, errSlow := read(true)
		if (errFast == nil) != (errSlow == nil) || (errFast != nil && errFast.Error() != errSlow.Error()) {
			t.Fatalf("errors differ: fast %v, general %v", errFast, errSlow)
		}
		if errFast != nil {
			return
		}
		if fast.rows != slow.rows || !reflect.DeepEqual(fast.short, slow.short) || fast.nShort != slow.nShort {
			t.Fatalf("rows %d/%d short %v/%v", fast.rows, slow.rows, fast.short, slow.short)
		}
		for r := 0; r < fast.rows; r++ {
			for c := range fast.cols {
				if a, b := string(fast.cell(r, c)), string(slow.cell(r, c)); a != b {
					t.Fatalf("row %d column %d: fast %q, general %q", r, c, a, b)
				}
			}
		}
	})
}
