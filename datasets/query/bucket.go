package query

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// A group key may be a date bucket instead of a column: year(jour), month(jour) or
// weekday(jour), so that a council sees a budget per year from a file of daily lines.

// bucket is how a date column's value becomes a group key; 0 means the value itself.
type bucket int

const (
	noBucket bucket = iota
	yearBucket
	monthBucket
	weekdayBucket
)

// Buckets lists the date bucket functions of group keys.
var Buckets = []string{"year", "month", "weekday"}

// ParseBucket reads "year(jour)" into its function and column; ok is false for anything
// else, which is then a plain column name.
func ParseBucket(s string) (fn, column string, ok bool) {
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	fn = strings.ToLower(strings.TrimSpace(s[:open]))
	column = strings.TrimSpace(s[open+1 : len(s)-1])
	if len(column) >= 2 && column[0] == '`' && column[len(column)-1] == '`' {
		column = column[1 : len(column)-1]
	}
	for _, b := range Buckets {
		if fn == b && column != "" {
			return fn, column, true
		}
	}
	return "", "", false
}

// groupKey resolves a GroupBy entry: a column, or a date bucket of one. A column whose
// name merely looks like a bucket wins over the bucket.
func (s *source) groupKey(name string) (int, bucket, error) {
	if c, err := s.column(name, 0); err == nil {
		return c, noBucket, nil
	}
	fn, colName, ok := ParseBucket(name)
	if !ok {
		_, err := s.column(name, 0)
		return -1, noBucket, err
	}
	c, err := s.column(colName, 0)
	if err != nil {
		return -1, noBucket, err
	}
	if k := s.kinds[c]; k != Date && k != Time {
		return -1, noBucket, errAt(0, "%s(%s) : la colonne « %s » est de type %s ; %s demande une colonne de dates", fn, colName, s.names[c], k, fn)
	}
	b := map[string]bucket{"year": yearBucket, "month": monthBucket, "weekday": weekdayBucket}[fn]
	return c, b, nil
}

// kind is the kind of a bucket's keys: a year or weekday number (1 is Monday), or the
// first day of the month.
func (b bucket) kind(col Kind) Kind {
	switch b {
	case noBucket:
		return col
	case monthBucket:
		return Date
	}
	return Int
}

// of turns a day number (days since 1970-01-01) into the bucket's key.
func (b bucket) of(days int64) int64 {
	switch b {
	case weekdayBucket:
		return (days%7+7+3)%7 + 1 // 1970-01-01 was a Thursday (4)
	case yearBucket:
		y, _, _ := civil(days)
		return y
	}
	y, m, _ := civil(days)
	return daysFromCivil(y, m, 1)
}

// civil converts a day number to a proleptic Gregorian date (Howard Hinnant's algorithm):
// no time.Time per row.
func civil(z int64) (y, m, d int64) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// bucketIDs writes the group key id of each selected row of a date column's bucket.
func (k *keyCache) bucketIDs(m *morsel, col int, b bucket, sel []int32, out []int32, tmp *[]int64) {
	sl := m.cols[col]
	days := (*tmp)[:0]
	switch a := sl.arr.(type) {
	case *array.Date32:
		for _, v := range a.Date32Values()[sl.lo : sl.lo+m.n] {
			days = append(days, b.of(int64(v)))
		}
	case *array.Timestamp:
		per := unitsPerDay(a.DataType().(*arrow.TimestampType).Unit)
		for _, v := range a.TimestampValues()[sl.lo : sl.lo+m.n] {
			d := int64(v) / per
			if int64(v) < 0 && int64(v)%per != 0 {
				d--
			}
			days = append(days, b.of(d))
		}
	}
	*tmp = days
	if len(days) < m.n {
		return
	}
	if sl.arr.NullN() > 0 {
		null := int32(-1)
		forRows(sel, out, func(j, r int) {
			if sl.arr.IsNull(sl.lo + r) {
				if null < 0 {
					null = k.d.nullID()
				}
				out[j] = null
				return
			}
			out[j] = k.num(uint64(days[r]))
		})
		return
	}
	intIDs(k, days, sel, out)
}

func unitsPerDay(u arrow.TimeUnit) int64 {
	switch u {
	case arrow.Second:
		return 86400
	case arrow.Millisecond:
		return 86400e3
	case arrow.Microsecond:
		return 86400e6
	}
	return 86400e9
}
