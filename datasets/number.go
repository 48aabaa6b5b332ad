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

// Outcomes of plainInt.
const (
	plainNo          = iota // not only digits, or too long: take the general path
	plainOK                 // an integer
	plainLeadingZero        // digits with a leading zero: a code
)

// plainInt is the fast path for the most common cells of all: up to 18 digits, which
// always fit int64, and codes such as 02 or 01009.
func plainInt(s []byte) (int64, int) {
	if len(s) == 0 || len(s) > 18 {
		return 0, plainNo
	}
	var v int64
	for _, c := range s {
		d := c - '0'
		if d > 9 {
			return 0, plainNo
		}
		v = v*10 + int64(d)
	}
	if s[0] == '0' && len(s) > 1 {
		return 0, plainLeadingZero
	}
	return v, plainOK
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

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastFloat is Clinger's fast path: a decimal of at most 15 digits without exponent is an
// exact integer divided by an exact power of ten, so one division rounds it correctly, as
// strconv.ParseFloat would, at a fraction of the cost.
func fastFloat(norm []byte) (float64, bool) {
	neg := len(norm) > 0 && norm[0] == '-'
	if neg {
		norm = norm[1:]
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for _, c := range norm {
		switch {
		case c == '.' && !dot:
			dot = true
			continue
		case c-'0' > 9:
			return 0, false
		}
		mant = mant*10 + uint64(c-'0')
		if mant > 0 {
			digits++
		}
		if dot {
			frac++
		}
	}
	if digits > 15 || frac >= len(pow10) {
		return 0, false
	}
	f := float64(mant) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
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
