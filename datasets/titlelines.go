package datasets

import (
	"bytes"
	"fmt"
)

// Files exported for printing often start with a title, a source line and a blank line
// above the column names. An XLSX sheet's header row is found past them (headerRow); a CSV
// gets the same treatment: lines with at most one field above a line with several, which
// the next lines agree with, are skipped with a note that says which line gave the names.

// maxTitleLines bounds how far down the header is looked for.
const maxTitleLines = 10

// titleSkipped is the note for the lines above the header at line h+1.
func titleSkipped(h int) Warning {
	above := "la ligne 1 (un titre au-dessus du tableau) a été sautée"
	if h > 1 {
		above = fmt.Sprintf("les lignes 1 à %d (un titre au-dessus du tableau) ont été sautées", h)
	}
	return Warning{Message: fmt.Sprintf("%s : la ligne %d donne le nom des colonnes", above, h+1)}
}

// skipTitleLines returns buf without its title lines, and how many it skipped (0 when the
// first line is the header).
func skipTitleLines(buf []byte) ([]byte, int) {
	lines := firstLines(buf, maxTitleLines+4)
	for _, d := range []byte{';', ',', '\t', '|'} {
		if k := headerAfterTitles(lines, d); k > 0 {
			off := 0
			for _, l := range lines[:k] {
				off += len(l)
			}
			return buf[off:], k
		}
	}
	return buf, 0
}

// headerAfterTitles is the index of the header line under delimiter d when the lines above
// it look like titles, else 0.
func headerAfterTitles(lines [][]byte, d byte) int {
	for k := 1; k <= maxTitleLines && k+3 < len(lines); k++ {
		n := fieldsOf(lines[k], d)
		if n < 2 {
			continue
		}
		for _, l := range lines[:k] {
			if !looksTitle(l, d, n) {
				return 0
			}
		}
		for _, l := range lines[k+1 : k+4] {
			if fieldsOf(l, d) != n {
				return 0
			}
		}
		return k
	}
	return 0
}

// firstLines splits off up to n lines of buf, each with its line ending.
func firstLines(buf []byte, n int) [][]byte {
	var out [][]byte
	for len(buf) > 0 && len(out) < n {
		i := bytes.IndexByte(buf, '\n')
		if i < 0 {
			out = append(out, buf)
			break
		}
		out = append(out, buf[:i+1])
		buf = buf[i+1:]
	}
	return out
}

// fieldsOf counts a line's fields under d, outside quotes; a blank line has none.
func fieldsOf(line []byte, d byte) int {
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return 0
	}
	n, quoted := 1, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == d && !quoted:
			n++
		}
	}
	return n
}

// looksTitle: at most half the header's n fields under d (a title may hold a comma), and
// no more than two under any other delimiter (a header under another delimiter has many).
func looksTitle(line []byte, d byte, n int) bool {
	if 2*fieldsOf(line, d) > n {
		return false
	}
	for _, other := range []byte{';', ',', '\t', '|'} {
		if other != d && fieldsOf(line, other) > 2 {
			return false
		}
	}
	return true
}
