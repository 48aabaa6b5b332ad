package query

import (
	"math"
	"strconv"
	"time"
)

// Kind is the kind of a column or value, as the engine sees it.
type Kind int

// The kinds. Int covers int8…int64 and unsigned integers; Date is date32; Time is timestamp.
const (
	Text Kind = iota
	Int
	Float
	Date
	Time
	Bool
)

// String names a kind the way French error messages speak of it.
func (k Kind) String() string {
	switch k {
	case Int, Float:
		return "nombre"
	case Date:
		return "date"
	case Time:
		return "horodatage"
	case Bool:
		return "booléen"
	}
	return "texte"
}

// Numeric reports whether sum and mean make sense on the kind.
func (k Kind) Numeric() bool { return k == Int || k == Float }

// Value is one cell of a result. Exactly one field besides Kind and Null is meaningful:
// Str for Text, Int for Int, Float for Float, Time for Date and Time (UTC), Bool for Bool.
type Value struct {
	Kind  Kind
	Null  bool
	Str   string
	Int   int64
	Float float64
	Time  time.Time
	Bool  bool
}

// Number reports the value as a float64 when it is a non-null number.
func (v Value) Number() (float64, bool) {
	if v.Null {
		return 0, false
	}
	switch v.Kind {
	case Int:
		return float64(v.Int), true
	case Float:
		return v.Float, true
	}
	return 0, false
}

// String is a plain, locale-neutral rendering for logs and tests; charts format values
// the French way themselves.
func (v Value) String() string {
	if v.Null {
		return "null"
	}
	switch v.Kind {
	case Int:
		return strconv.FormatInt(v.Int, 10)
	case Float:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case Date:
		return v.Time.Format("2006-01-02")
	case Time:
		return v.Time.Format(time.RFC3339Nano)
	case Bool:
		return strconv.FormatBool(v.Bool)
	}
	return v.Str
}

// Compare orders two values of the same kind: nulls last, numbers numerically (NaN
// first among numbers), text by the given collation function (byte order when nil).
func Compare(a, b Value, text func(a, b string) int) int {
	switch {
	case a.Null && b.Null:
		return 0
	case a.Null:
		return 1
	case b.Null:
		return -1
	}
	if x, ok := a.Number(); ok {
		if y, ok := b.Number(); ok {
			return cmpFloat(x, y)
		}
	}
	switch a.Kind {
	case Date, Time:
		return a.Time.Compare(b.Time)
	case Bool:
		return cmpBool(a.Bool, b.Bool)
	}
	if text != nil {
		return text(a.Str, b.Str)
	}
	switch {
	case a.Str < b.Str:
		return -1
	case a.Str > b.Str:
		return 1
	}
	return 0
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	case x == y:
		return 0
	case math.IsNaN(x) && !math.IsNaN(y):
		return -1
	case !math.IsNaN(x) && math.IsNaN(y):
		return 1
	}
	return 0
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Column describes one column of a result.
type Column struct {
	Name string
	Kind Kind
}

// Result is the outcome of Run: small, owned by the caller, independent of the table.
type Result struct {
	Columns []Column
	Rows    [][]Value
	// Total is the number of groups (or selected rows, without aggregates) before the
	// limit: callers say "10 premières valeurs sur 125".
	Total int
	// Matched is the number of table rows that passed the filter.
	Matched int64
}
