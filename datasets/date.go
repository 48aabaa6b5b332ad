package datasets

import "bytes"

// Dates come as dd/mm/yyyy (French, day and month also on one digit) or yyyy-mm-dd (ISO),
// date-times as ISO 8601. They are parsed by hand: time.Parse allocates and is ten times
// slower, and a column of ten million dates is common. A day that does not exist
// (31/02/2020) makes the value text.

// parseDate reads d/m/yyyy, dd/mm/yyyy or yyyy-mm-dd and returns days since 1970-01-01.
func parseDate(s []byte) (int32, bool) {
	var y, m, d int
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d = num(s[0:4]), num(s[5:7]), num(s[8:10])
	case len(s) >= 8 && len(s) <= 10:
		var ok bool
		if d, m, y, ok = frenchDate(s); !ok {
			return 0, false
		}
	default:
		return 0, false
	}
	if !validDay(y, m, d) {
		return 0, false
	}
	return int32(daysFromCivil(y, m, d)), true
}

// frenchDate splits d/m/yyyy, with one or two digits for the day and the month.
func frenchDate(s []byte) (d, m, y int, ok bool) {
	i := bytes.IndexByte(s, '/')
	if i < 1 || i > 2 {
		return 0, 0, 0, false
	}
	j := bytes.IndexByte(s[i+1:], '/') + i + 1
	if j-i-1 < 1 || j-i-1 > 2 || len(s)-j-1 != 4 {
		return 0, 0, 0, false
	}
	return num(s[:i]), num(s[i+1 : j]), num(s[j+1:]), true
}

// parseTimestamp reads an ISO date-time, yyyy-mm-ddThh:mm[:ss[.000]][Z|±hh:mm|±hhmm], with
// T or a space (or dd/mm/yyyy hh:mm[:ss], as French exports write them), and returns seconds since the epoch, in UTC when an offset is given. A
// non-zero fraction of a second would be lost in timestamp[s], so it makes the value text.
func parseTimestamp(s []byte) (int64, bool) {
	if len(s) < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' {
		return 0, false
	}
	days, ok := parseDate(s[:10])
	hh, mm, ss := num(s[11:13]), num(s[14:16]), 0
	if !ok || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	p := 16
	if p < len(s) && s[p] == ':' {
		if p+3 > len(s) {
			return 0, false
		}
		if ss = num(s[p+1 : p+3]); ss < 0 || ss > 59 {
			return 0, false
		}
		p += 3
		if p < len(s) && s[p] == '.' {
			p++
			for p < len(s) && s[p] == '0' {
				p++
			}
		}
	}
	off, ok := parseOffset(s[p:])
	if !ok {
		return 0, false
	}
	return int64(days)*86400 + int64(hh*3600+mm*60+ss) - off, true
}

// parseOffset reads "", "Z", "±hh:mm" or "±hhmm" and returns the offset in seconds.
func parseOffset(s []byte) (int64, bool) {
	switch {
	case len(s) == 0:
		return 0, true
	case len(s) == 1 && s[0] == 'Z':
		return 0, true
	case len(s) != 5 && len(s) != 6, s[0] != '+' && s[0] != '-':
		return 0, false
	}
	mins := s[3:]
	if len(s) == 6 {
		if s[3] != ':' {
			return 0, false
		}
		mins = s[4:]
	}
	h, m := num(s[1:3]), num(mins)
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	off := int64(h*3600 + m*60)
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// num reads a fixed-width run of ASCII digits, or returns -1.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		if c-'0' > 9 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func validDay(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// daysFromCivil is Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic
// Gregorian date.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
