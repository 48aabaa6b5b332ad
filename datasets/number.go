package datasets

import (
	"bytes"
	"math"
	"strconv"
	"unsafe"
)

// Numbers in French open data come as 1234, -1234,5, 1 234,5 (with a space, a no-break
// space U+00A0 or a narrow no-break space U+202F), 1.234,56, 1234.5 and 78,94 %. A value is
// a number only if it converts without loss: 01009 (a code), 20-digit ids and 1e309 are not.

// numReason says why a value that looks like a number is not one.
type numReason uint8

const (
	numOK          numReason = iota
	numText                  // not a number at all
	numLeadingZero           // 01009: a code
	numTooBig                // does not fit int64 / float64 without loss
)

// number is the result of scanning one cell as a number.
type number struct {
	reason  numReason
	isInt   bool // no decimal part, no exponent
	percent bool // ends with %
	digits  bool // only ASCII digits: the header decides whether it is a code
	i       int64
	f       float64
}

// maxSignificant is the number of significant digits a float64 keeps exactly enough for
// display; a longer decimal would be silently rounded.
const maxSignificant = 17

// parseNumber reads s (trimmed, non-empty) as a number.
func parseNumber(s []byte) (n number) {
	switch v, kind := plainInt(s); kind {
	case plainOK:
		return number{isInt: true, digits: true, i: v, f: float64(v)}
	case plainLeadingZero:
		return number{reason: numLeadingZero, digits: true}
	}
	if n, ok := plainDecimal(s); ok {
		return n
	}
	dec, thousandsDot, ok := separators(s)
	if !ok {
		return number{reason: numText}
	}
	var scratch [64]byte
	norm, p := scratch[:0], 0
	if s[0] == '-' {
		norm = append(norm, '-')
		p++
	}
	intStart := p
	if norm, p, ok = scanInteger(s, p, norm, thousandsDot); !ok {
		return number{reason: numText}
	}
	n.digits = intStart == 0 && p == len(s) && skipDigits(s, 0) == len(s)
	leadingZero := p-intStart > 1 && s[intStart] == '0'
	if norm, p, n.isInt, ok = scanFraction(s, p, dec, norm); !ok {
		return number{reason: numText}
	}
	if p, n.percent = scanPercent(s, p); p != len(s) {
		return number{reason: numText}
	}
	if leadingZero {
		return number{reason: numLeadingZero}
	}
	if len(norm) > len(scratch) {
		return number{reason: numTooBig}
	}
	return n.convert(norm)
}

// separators decides what the commas and dots of s are: one comma is the decimal mark
// (any dots before it group thousands), several dots group thousands and leave no decimal
// mark, one dot is the decimal mark. Several commas make s text.
func separators(s []byte) (dec byte, thousandsDot, ok bool) {
	nc, nd := 0, 0
	for _, c := range s {
		if c == ',' {
			nc++
		} else if c == '.' {
			nd++
		}
	}
	switch {
	case nc > 1:
		return 0, false, false
	case nc == 1:
		return ',', nd > 0, true
	case nd > 1:
		return 0, true, true // 1.234.567: no decimal part possible
	}
	return '.', false, true
}

// scanFraction reads an optional decimal part and exponent at p.
func scanFraction(s []byte, p int, dec byte, norm []byte) ([]byte, int, bool, bool) {
	isInt := true
	if p < len(s) && s[p] == dec {
		q := skipDigits(s, p+1)
		if q == p+1 {
			return norm, p, false, false
		}
		norm = append(append(norm, '.'), s[p+1:q]...)
		p, isInt = q, false
	}
	if p < len(s) && (s[p] == 'e' || s[p] == 'E') {
		var ok bool
		if norm, p, ok = scanExponent(s, p, norm); !ok {
			return norm, p, false, false
		}
		isInt = false
	}
	return norm, p, isInt, true
}

// convert turns the normalised ASCII form into a value, refusing any loss.
func (n number) convert(norm []byte) number {
	str := unsafe.String(unsafe.SliceData(norm), len(norm))
	if n.isInt && !n.percent {
		v, err := strconv.ParseInt(str, 10, 64)
		if err != nil {
			return number{reason: numTooBig}
		}
		n.i, n.f = v, float64(v)
		return n
	}
	if v, ok := fastFloat(norm); ok {
		n.f, n.isInt, n.digits = v, false, false
		return n
	}
	if significant(norm) > maxSignificant {
		return number{reason: numTooBig}
	}
	v, err := strconv.ParseFloat(str, 64)
	if err != nil || math.IsInf(v, 0) {
		return number{reason: numTooBig}
	}
	n.f, n.isInt, n.digits = v, false, false
	return n
}

// scanInteger appends the integer part's digits to norm, dropping thousands separators:
// groups of three after a first group of one to three digits, all with the same separator.
func scanInteger(s []byte, p int, norm []byte, thousandsDot bool) ([]byte, int, bool) {
	q := skipDigits(s, p)
	if q == p {
		return norm, p, false
	}
	first := q - p
	norm = append(norm, s[p:q]...)
	p = q
	var kind string
	for p < len(s) {
		sep := thousandsSep(s[p:], thousandsDot)
		if sep == "" || (kind != "" && sep != kind) {
			break
		}
		g := p + len(sep)
		if skipDigits(s, g)-g != 3 {
			break
		}
		if first > 3 {
			return norm, p, false
		}
		kind, norm, p = sep, append(norm, s[g:g+3]...), g+3
	}
	return norm, p, true
}

// thousandsSep returns the separator at the start of b, if any.
func thousandsSep(b []byte, dot bool) string {
	switch {
	case len(b) > 0 && b[0] == ' ':
		return " "
	case len(b) > 0 && b[0] == '.' && dot:
		return "."
	case bytes.HasPrefix(b, []byte("\u00a0")):
		return "\u00a0"
	case bytes.HasPrefix(b, []byte("\u202f")):
		return "\u202f"
	}
	return ""
}

func scanExponent(s []byte, p int, norm []byte) ([]byte, int, bool) {
	norm = append(norm, 'e')
	p++
	if p < len(s) && (s[p] == '-' || s[p] == '+') {
		norm = append(norm, s[p])
		p++
	}
	q := skipDigits(s, p)
	if q == p || q-p > 4 {
		return norm, p, false
	}
	return append(norm, s[p:q]...), q, true
}

// scanPercent accepts "%", " %", and "%" after a no-break space at p.
func scanPercent(s []byte, p int) (int, bool) {
	if p == len(s) {
		return p, false
	}
	if sep := thousandsSep(s[p:], false); sep != "" {
		p += len(sep)
	}
	if p < len(s) && s[p] == '%' {
		return p + 1, true
	}
	return -1, false
}

func skipDigits(s []byte, p int) int {
	for p < len(s) && s[p]-'0' <= 9 {
		p++
	}
	return p
}

// significant counts the digits of a normalised number, leading zeros and exponent excluded.
func significant(norm []byte) int {
	n, started := 0, false
	for _, c := range norm {
		if c == 'e' {
			break
		}
		if c < '0' || c > '9' || (c == '0' && !started) {
			continue
		}
		started = true
		n++
	}
	return n
}
