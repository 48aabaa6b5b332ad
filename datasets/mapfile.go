package datasets

import (
	"os"
	"runtime"
	"sync"
	"unicode/utf8"
)

// A file to import is mapped, not read: the reader never writes to its input, so a
// read-only mapping saves the copy, the zeroing of a 1 GB buffer, and anonymous memory
// (mapped pages are the page cache's, and the kernel may drop them under pressure).

// maxInt is the largest int on this platform: 2 GiB - 1 on 32-bit systems.
const maxInt = int(^uint(0) >> 1)

// mapFile maps a regular file of at most max bytes; ok is false when f cannot be mapped
// (a pipe, an empty file), and the caller reads it instead.
func mapFile(f *os.File, max int64) (data []byte, unmap func(), ok bool) {
	fi, err := f.Stat()
	if !canMap || err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 || (max > 0 && fi.Size() > max) {
		return nil, nil, false
	}
	pos, err := f.Seek(0, 1)
	if err != nil || pos != 0 {
		return nil, nil, false
	}
	if fi.Size() > int64(maxInt) {
		return nil, nil, false // a 32-bit address space cannot map it; the reader's limits refuse it
	}
	data, err = mapping(f, int(fi.Size()), false)
	if err != nil {
		return nil, nil, false
	}
	adviseSequential(data)
	return data, func() { unmapping(data) }, true
}

// validUTF8 is utf8.Valid on both cores: the buffer is cut before bytes that start a
// character, so that each part is valid exactly when the whole is.
func validUTF8(b []byte) bool {
	n := runtime.GOMAXPROCS(0)
	if n < 2 || len(b) < 1<<20 {
		return utf8.Valid(b)
	}
	cuts := []int{0}
	for k := 1; k < n; k++ {
		p := k * len(b) / n
		for p < len(b) && p < cuts[len(cuts)-1]+len(b) && b[p]&0xC0 == 0x80 {
			p++
		}
		cuts = append(cuts, p)
	}
	cuts = append(cuts, len(b))
	ok := make([]bool, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { ok[k] = utf8.Valid(b[cuts[k]:cuts[k+1]]) })
	}
	wg.Wait()
	for _, v := range ok {
		if !v {
			return false
		}
	}
	return true
}

// dropPages tells the kernel that the mapped pages of b[lo:hi] will not be read again
// soon: they leave the process's resident set (a file mapping reads them back from the
// page cache if a segment must be converted again). b must be a mapping.
func dropPages(b []byte, lo, hi int) {
	page := os.Getpagesize()
	lo = (lo + page - 1) / page * page
	hi = hi / page * page
	if hi > lo {
		adviseDontNeed(b[lo:hi])
	}
}
