package datasets

import (
	"bytes"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// The tokenizer splits records at the byte level and hands out fields as offsets into the
// decoded buffer, never as Go strings: a 10-million-row file would otherwise cost one
// allocation per cell. The buffer is never written: a quoted field that needs unescaping
// ("" inside, or text after the closing quote) is copied, unescaped, to the tokenizer's
// side buffer, and its offsets are side offsets plus base (>= len(buffer)). So a segment
// of the file can be tokenized again and give the same fields, and an upload can be read
// where it lies.

// tokenizer reads records one by one from buf.
type tokenizer struct {
	buf      []byte
	pos      int
	line     int // physical line at pos, 1-based
	delim    byte
	stop     [256]bool // bytes that end an unquoted field
	unescape bool      // copy unescaped fields to side; off while sniffing
	side     []byte    // unescaped quoted fields
	base     int       // offset of side[0]; >= the whole decoded buffer's length
	maxLine  int       // 0: no limit
	maxCell  int       // 0: no limit
}

func newTokenizer(buf []byte, delim byte, unescape bool) *tokenizer {
	t := &tokenizer{buf: buf, line: 1, delim: delim, unescape: unescape, base: len(buf)}
	t.stop[delim], t.stop['\n'], t.stop['\r'] = true, true, true
	return t
}

// next appends the [start, end) offsets of each field of the next record to fields.
// It reports the physical line where the record starts, and ok=false at the end of buf.
func (t *tokenizer) next(fields []uint32) (_ []uint32, line int, ok bool, err error) {
	buf, p := t.buf, t.pos
	if p >= len(buf) {
		return fields, t.line, false, nil
	}
	recStart, line := p, t.line
	for {
		var s, e int
		if p < len(buf) && buf[p] == '"' {
			s, e, p, err = t.quoted(p, line)
			if err != nil {
				return fields, line, false, err
			}
		} else {
			s = p
			for p < len(buf) && !t.stop[buf[p]] {
				p++
			}
			e = p
		}
		fields = append(fields, uint32(s), uint32(e))
		if (t.maxCell > 0 && e-s > t.maxCell) || (t.maxLine > 0 && p-recStart > t.maxLine) {
			return fields, line, false, t.checkSize(s, e, p-recStart, line)
		}
		if p >= len(buf) {
			t.pos = p
			return fields, line, true, nil
		}
		if buf[p] == t.delim {
			p++
			continue
		}
		if buf[p] == '\r' && p+1 < len(buf) && buf[p+1] == '\n' {
			p++
		}
		t.pos, t.line = p+1, t.line+1
		return fields, line, true, nil
	}
}

// quoted reads the quoted field that starts at p and returns its content's offsets and the
// position after it. Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
func (t *tokenizer) quoted(p, line int) (s, e, next int, err error) {
	buf := t.buf
	p++
	s = p
	n, side := 0, -1 // content length; where the content starts in t.side, once copied
	for {
		q := bytes.IndexByte(buf[p:], '"')
		if q < 0 {
			return 0, 0, 0, fault.New(fault.Unprocessable,
				"ligne %d : un guillemet ouvert n'est jamais fermé", line)
		}
		t.line += bytes.Count(buf[p:p+q], []byte{'\n'})
		if side >= 0 {
			t.side = append(t.side, buf[p:p+q]...)
		}
		n += q
		p += q + 1
		if p < len(buf) && buf[p] == '"' { // a doubled quote
			if t.unescape && side < 0 {
				side = len(t.side)
				t.side = append(t.side, buf[s:p-1]...)
			}
			if side >= 0 {
				t.side = append(t.side, '"')
			}
			n++
			p++
			continue
		}
		break
	}
	if after := p; p < len(buf) && !t.stop[buf[p]] {
		for p < len(buf) && !t.stop[buf[p]] {
			p++
		}
		if t.unescape && side < 0 {
			side = len(t.side)
			t.side = append(t.side, buf[s:after-1]...)
		}
		if side >= 0 {
			t.side = append(t.side, buf[after:p]...)
		}
		n += p - after
	}
	if side >= 0 {
		return t.base + side, t.base + len(t.side), p, nil
	}
	return s, s + n, p, nil
}

func (t *tokenizer) checkSize(s, e, recLen, line int) error {
	if t.maxCell > 0 && e-s > t.maxCell {
		return fault.New(fault.Unprocessable,
			"ligne %d : une cellule dépasse la taille maximale de %s (limite MaxCellBytes)", line, localfmt.Bytes("fr", int64(t.maxCell)))
	}
	if t.maxLine > 0 && recLen > t.maxLine {
		return fault.New(fault.Unprocessable,
			"ligne %d : un enregistrement dépasse la taille maximale de %s (limite MaxLineBytes)", line, localfmt.Bytes("fr", int64(t.maxLine)))
	}
	return nil
}

// sniffDelimiter picks the delimiter under which the first records agree best with the
// header's field count. Counting is quote-aware, and a candidate that makes the header a
// single column loses to any that splits it: that is how DuckDB read the 2014 municipal
// file as one column under `|` (its one ragged line made `,` look inconsistent).
func sniffDelimiter(buf []byte) byte {
	const sampleBytes, sampleRecords = 256 << 10, 100
	sample, cut := buf, false
	if len(sample) > sampleBytes {
		sample, cut = sample[:sampleBytes], true
	}
	best, bestScore, bestCols := byte(','), -1.0, 0
	for _, d := range []byte{';', ',', '\t', '|'} {
		cols, score := delimiterScore(sample, d, cut, sampleRecords)
		if cols < 2 {
			continue
		}
		if score > bestScore || (score == bestScore && cols > bestCols) {
			best, bestScore, bestCols = d, score, cols
		}
	}
	return best
}

// delimiterScore returns the header's field count under d and the share of the following
// records that have as many fields (trailing empty fields ignored).
func delimiterScore(sample []byte, d byte, cut bool, maxRecords int) (int, float64) {
	t := newTokenizer(sample, d, false)
	var f []uint32
	header, headerRaw, agree, total := -1, 0, 0, 0
	for total <= maxRecords {
		var ok bool
		var err error
		f, _, ok, err = t.next(f[:0])
		if err != nil || !ok || (cut && t.pos >= len(sample)) {
			break // the last record of a cut sample may be incomplete
		}
		n := trimmedCount(f)
		if header < 0 {
			header, headerRaw = n, len(f)/2
			continue
		}
		if n == 0 {
			continue // a blank line
		}
		total++
		if n <= headerRaw && len(f)/2 >= header {
			agree++
		}
	}
	if total == 0 {
		return max(header, 0), 0
	}
	return header, float64(agree) / float64(total)
}

// trimmedCount is the number of fields once trailing empty ones are dropped.
func trimmedCount(f []uint32) int {
	n := len(f) / 2
	for n > 0 && f[2*n-1] == f[2*n-2] {
		n--
	}
	return n
}
