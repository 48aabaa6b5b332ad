//go:build !unix

package datasets

import (
	"io"
	"os"
)

// mapping reads the file into memory where atelier does not memory-map (Windows, and any
// system without mmap): the same bytes, at the cost of a copy.
func mapping(f *os.File, size int, _ bool) ([]byte, error) {
	b := make([]byte, size)
	if _, err := io.ReadFull(io.NewSectionReader(f, 0, int64(size)), b); err != nil {
		return nil, err
	}
	return b, nil
}

// unmapping leaves the copy to the garbage collector.
func unmapping([]byte) {}

// canMap is false: mapFile's callers read their input through their own bounded path.
const canMap = false
