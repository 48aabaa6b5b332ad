package datasets

// Most cells of a big file are plain: 48568, 02, 43.4053, 78,94%. These paths read them in
// one loop, without the normalising copy and strconv call of the general path, and give the
// same results (number_internal_test.go checks them against strconv).

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

// plainDecimal is the fast path for the common decimals -12,5 43.4053 78,94% : a sign, an
// integer part without leading zero, one decimal mark, at most 15 digits in all, an
// optional % right after. Anything else takes the general path.
func plainDecimal(s []byte) (number, bool) {
	var n number
	p, neg := 0, len(s) > 0 && s[0] == '-'
	if neg {
		p++
	}
	q := skipDigits(s, p)
	if q == p || q == len(s) || (s[p] == '0' && q-p > 1) || (s[q] != '.' && s[q] != ',') {
		return n, false
	}
	e := skipDigits(s, q+1)
	if e == q+1 || e-p-1 > 15 {
		return n, false
	}
	if e < len(s) {
		if s[e] != '%' || e+1 != len(s) {
			return n, false
		}
		n.percent = true
	}
	var mant uint64
	for _, c := range s[p:e] {
		if c != '.' && c != ',' {
			mant = mant*10 + uint64(c-'0')
		}
	}
	n.f = float64(mant) / pow10[e-q-1]
	if neg {
		n.f = -n.f
	}
	return n, true
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
