//go:build unix

package datasets

import (
	"os"
	"syscall"
)

// mapping reads size bytes of f through a read-only memory mapping: the pages belong to the
// page cache, so a large file costs no copy and no anonymous memory. shared maps the
// file's own pages (an Arrow file that never changes once written); private is for input
// files that another process might still be writing.
func mapping(f *os.File, size int, shared bool) ([]byte, error) {
	flags := syscall.MAP_PRIVATE
	if shared {
		flags = syscall.MAP_SHARED
	}
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, flags)
}

// unmapping releases what mapping returned.
func unmapping(b []byte) { syscall.Munmap(b) }

// canMap says whether mapping really maps: mapFile's callers read the file instead when
// it does not.
const canMap = true
