package datasets

import (
	"bytes"
	"runtime"
	"sync"
)

// A file is split into segments of whole records so that each core tokenizes and converts
// its own. Boundaries are chosen after a newline where the number of quotes so far is even,
// which is outside any quoted field in a well-formed file. A bare quote inside an unquoted
// field (`12" pouces`) can fool that count; then the segment before the wrong boundary ends
// inside a quoted field, its tokenizer reports an unclosed quote, and the reader tokenizes
// the rest of the file again in one piece (see readSegments). No boundary is trusted
// without that check.

// segmentBytes is the target size of a segment: about 128 K rows of a typical ledger, the
// chunk size the IPC writer and the query engine like, and small enough that a segment's
// cell offsets stay in cache-friendly sizes. Smaller files get at least two segments per
// core so that both cores work.
const (
	segmentBytes    = 12 << 20
	minSegmentBytes = 256 << 10
)

// segment is a byte range of whole records and the physical line where it starts.
type segment struct {
	start, end int
	line       int
}

// splitSegments cuts buf[start:] into segments; line is the physical line at start.
func splitSegments(buf []byte, start, line int) []segment {
	body := len(buf) - start
	size := min(segmentBytes, max(minSegmentBytes, body/(2*runtime.GOMAXPROCS(0))))
	if body <= size {
		return []segment{{start, len(buf), line}}
	}
	n := (body + size - 1) / size
	// Count newlines and quotes of each fixed chunk in parallel.
	nl, qt := make([]int, n), make([]int, n)
	var wg sync.WaitGroup
	for w := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := w; k < n; k += runtime.GOMAXPROCS(0) {
				lo, hi := start+k*size, min(start+(k+1)*size, len(buf))
				nl[k], qt[k] = bytes.Count(buf[lo:hi], []byte{'\n'}), bytes.Count(buf[lo:hi], []byte{'"'})
			}
		})
	}
	wg.Wait()
	segs := []segment{{start: start, line: line}}
	lines, quotes := line, 0 // at the start of chunk k
	for k := 0; k < n; k++ {
		if k > 0 {
			if b, l, ok := boundary(buf, start+k*size, start+(k+1)*size, lines, quotes); ok && b > segs[len(segs)-1].start {
				segs[len(segs)-1].end = b
				segs = append(segs, segment{start: b, line: l})
			}
		}
		lines += nl[k]
		quotes += qt[k]
	}
	segs[len(segs)-1].end = len(buf)
	return segs
}

// boundary finds, from target (where lines and quotes are known), the first position after
// a newline with an even number of quotes before it, before limit.
func boundary(buf []byte, target, limit, lines, quotes int) (int, int, bool) {
	limit = min(limit, len(buf))
	p := target
	for p < limit {
		i := bytes.IndexByte(buf[p:limit], '\n')
		if i < 0 {
			return 0, 0, false
		}
		quotes += bytes.Count(buf[p:p+i], []byte{'"'})
		lines++
		p += i + 1
		if quotes%2 == 0 {
			return p, lines, p < len(buf)
		}
	}
	return 0, 0, false
}
