package datasets

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Inference rules, applied to every non-empty cell of a column (a cell that is empty or
// only spaces and tabs is null and never decides a type):
//
//  1. bool: every value is oui/non, vrai/faux or true/false, in any case. DVF's T, S, AB are
//     not booleans.
//  2. int64: every value is an integer (sign, thousands separators allowed) that fits int64.
//     Exception: when every value is digits only and the header names a code (see
//     codeHeader), the column stays utf8: a département's INSEE codes may all lack a zero.
//     Accountants' negatives, (12,50) and 12,50-, are numbers like -12,50.
//  3. float64: every value is a number, at least one with a decimal part or an exponent,
//     with at most 17 significant digits and finite (1e309 is text).
//  4. float64 with field metadata atelier.format=percent: every value is a number followed
//     by %, stored as written (78,94% is 78.94). A mix of % and plain numbers stays text.
//  5. date32: every value is dd/mm/yyyy (d/m/yyyy too) or yyyy-mm-dd, and a real day.
//  6. timestamp[s]: every value is a date-time (ISO 8601 with T or a space, optional
//     seconds, zero fraction and offset, converted to UTC; or dd/mm/yyyy hh:mm[:ss]) or a
//     date (midnight), at least one a date-time.
//  7. otherwise utf8. A digit-only value with a leading zero (01009, 02), any letter
//     (2A004, NaN, Inf), an integer beyond int64 or a float beyond float64 makes it text.
//
// A column that stayed utf8 although at least 90 % of its values were numbers (or dates),
// with no leading-zero code among them and no code header, gets a warning that names the
// values that held it back, so the facilitator can fix them or override the type.

// colType is an inferred column type.
type colType uint8

const (
	tText colType = iota
	tBool
	tInt
	tFloat
	tPercent
	tDate
	tStamp
)

// Candidate bits: a cell keeps the types it could belong to.
const (
	cBool uint8 = 1 << iota
	cInt
	cFloat
	cPercent
	cDate
	cStamp
	cAll = 1<<iota - 1
)

// examples counts values of one kind and keeps the first three distinct ones.
type examples struct {
	n    int
	some []string
}

func (e *examples) add(s []byte) {
	e.n++
	if len(e.some) >= 3 {
		return
	}
	for _, x := range e.some {
		if x == string(s) {
			return
		}
	}
	e.some = append(e.some, string(s))
}

func (e *examples) merge(o examples) {
	n := e.n + o.n
	for _, s := range o.some {
		e.add([]byte(s))
	}
	e.n = n
}

func (e examples) String() string {
	quoted := make([]string, len(e.some))
	for i, s := range e.some {
		quoted[i] = "« " + s + " »"
	}
	return strings.Join(quoted, ", ")
}

// colStats is what inference learns from one column. While the column may still be
// typed, each value is also stored in its slot of values (see values.go), so that a
// numeric column is parsed once, not twice.
type colStats struct {
	mask                       uint8
	digitsOnly, leadingZero    bool
	nonNull, numbers, percents int
	dates                      int
	notNumber, tooBig, notDate examples
	values
}

// inferColumn reads column c of t under the candidate types in mask (cAll at first; the
// types the whole file still allows when a segment is converted again). Unless the
// column turned out text, st holds its values; the caller releases them.
func inferColumn(t *csvTable, c int, mask uint8, mem memory.Allocator) *colStats {
	st := &colStats{mask: mask, digitsOnly: true, values: values{mem: mem, rows: t.rows}}
	for r := 0; r < t.rows; r++ {
		s := trimSpace(t.cell(r, c))
		if len(s) == 0 {
			continue
		}
		bits, v := st.observe(s)
		st.store(r, bits, v)
		if st.mask == 0 && st.hopeless(t.rows) {
			break
		}
	}
	return st
}

// merge adds what another segment learnt of the same column.
func (st *colStats) merge(o *colStats) {
	st.mask &= o.mask
	st.digitsOnly = st.digitsOnly && o.digitsOnly
	st.leadingZero = st.leadingZero || o.leadingZero
	st.nonNull += o.nonNull
	st.numbers += o.numbers
	st.percents += o.percents
	st.dates += o.dates
	st.notNumber.merge(o.notNumber)
	st.tooBig.merge(o.tooBig)
	st.notDate.merge(o.notDate)
}

// why explains a text column that was almost numeric, or returns "".
func (st *colStats) why(typ colType, name string) string {
	if typ != tText || st.nonNull == 0 || codeHeader(name) {
		return ""
	}
	return st.reason()
}

// observe returns the candidate types of one non-empty cell and its value under each.
func (st *colStats) observe(s []byte) (uint8, cellValue) {
	st.nonNull++
	var bits uint8
	var v cellValue
	switch c := s[0]; {
	case c-'0' <= 9 || c == '-' || c == '(':
		if bits, v = dateBits(s); bits == 0 {
			bits, v = st.number(s)
		} else {
			st.digitsOnly = false
			st.notNumber.add(s)
		}
	default:
		st.digitsOnly = false
		st.notNumber.add(s)
		if isBool(s) {
			bits, v.b = cBool, parseBool(s)
		}
	}
	if bits&(cDate|cStamp) != 0 {
		st.dates++
	} else {
		st.notDate.add(s)
	}
	return bits, v
}

// number classifies a cell that starts like a number.
func (st *colStats) number(s []byte) (uint8, cellValue) {
	n := parseNumber(s)
	if n.reason == numText {
		if inner, ok := accountingNegative(s); ok {
			if m := parseNumber(inner); m.reason == numOK {
				m.i, m.f, m.digits = -m.i, -m.f, false
				n = m
			}
		}
	}
	st.digitsOnly = st.digitsOnly && n.digits
	switch n.reason {
	case numLeadingZero:
		st.leadingZero = true
		return 0, cellValue{}
	case numTooBig:
		st.tooBig.add(s)
		return 0, cellValue{}
	case numText:
		st.notNumber.add(s)
		return 0, cellValue{}
	}
	st.numbers++
	v := cellValue{i: n.i, f: n.f}
	switch {
	case n.percent:
		st.percents++
		return cPercent, v
	case n.isInt:
		return cInt | cFloat, v
	}
	return cFloat, v
}

// accountingNegative returns the number inside an accountant's negative: (12,50) or 12,50-.
// Such a value reads as a number only when the whole column is numbers, like any other.
func accountingNegative(s []byte) ([]byte, bool) {
	switch n := len(s); {
	case n >= 3 && s[0] == '(' && s[n-1] == ')':
		inner := trimSpace(s[1 : n-1])
		return inner, len(inner) > 0 && inner[0]-'0' <= 9
	case n >= 2 && s[n-1] == '-' && s[0]-'0' <= 9:
		return s[:n-1], true
	}
	return nil, false
}

// hopeless reports that no type and no warning can come out of the rest of the column:
// more than a tenth of the rows already failed both as numbers and as dates.
func (st *colStats) hopeless(rows int) bool {
	fail := st.notNumber.n + st.tooBig.n
	return (st.leadingZero || fail > rows/10) && st.notDate.n > rows/10
}

func dateBits(s []byte) (uint8, cellValue) {
	if len(s) < 8 {
		return 0, cellValue{}
	}
	if d, ok := parseDate(s); ok {
		return cDate | cStamp, cellValue{i: int64(d), secs: int64(d) * 86400}
	}
	if len(s) >= 16 {
		if ts, ok := parseTimestamp(s); ok {
			return cStamp, cellValue{secs: ts}
		}
	}
	return 0, cellValue{}
}

func (st *colStats) decide(name string) colType {
	m := st.mask
	switch {
	case st.nonNull == 0:
		return tText
	case m&cBool != 0:
		return tBool
	case m&cInt != 0:
		if st.digitsOnly && codeHeader(name) {
			return tText
		}
		return tInt
	case m&cFloat != 0:
		return tFloat
	case m&cPercent != 0:
		return tPercent
	case m&cDate != 0:
		return tDate
	case m&cStamp != 0:
		return tStamp
	}
	return tText
}

// reason explains why an almost-numeric or almost-date column stayed text, or returns "".
func (st *colStats) reason() string {
	almost := func(k int) bool { return k < st.nonNull && k*10 >= st.nonNull*9 }
	var parts []string
	switch {
	case st.leadingZero:
		return ""
	case st.numbers == st.nonNull && st.percents > 0:
		parts = append(parts, fmt.Sprintf("%d valeurs avec « %% » et %d sans",
			st.percents, st.numbers-st.percents))
	case almost(st.numbers):
		if st.notNumber.n > 0 {
			parts = append(parts, fmt.Sprintf("%s, ex. %s",
				countOf(st.notNumber.n, "valeur non numérique", "valeurs non numériques"), st.notNumber))
		}
		if st.tooBig.n > 0 {
			parts = append(parts, fmt.Sprintf("%s, ex. %s",
				countOf(st.tooBig.n, "nombre trop grand ou trop précis", "nombres trop grands ou trop précis"), st.tooBig))
		}
	case almost(st.dates):
		parts = append(parts, fmt.Sprintf("%s, ex. %s",
			countOf(st.notDate.n, "valeur qui n'est pas une date", "valeurs qui ne sont pas des dates"), st.notDate))
	default:
		return ""
	}
	return "colonne gardée en texte : " + strings.Join(parts, " ; ")
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

var boolWords = [][]byte{[]byte("oui"), []byte("non"), []byte("vrai"), []byte("faux"), []byte("true"), []byte("false")}

func isBool(s []byte) bool {
	if len(s) > 5 {
		return false
	}
	for _, w := range boolWords {
		if bytes.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// parseBool reads a value isBool accepted.
func parseBool(s []byte) bool {
	return bytes.EqualFold(s, boolWords[0]) || bytes.EqualFold(s, boolWords[2]) || bytes.EqualFold(s, boolWords[4])
}

// trimSpace drops ASCII spaces and tabs around a cell.
func trimSpace(s []byte) []byte {
	if len(s) > 0 && s[0] > ' ' && s[len(s)-1] > ' ' { // the common case: nothing to trim
		return s
	}
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
