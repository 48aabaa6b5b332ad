package datasets

import (
	"fmt"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
)

// ColumnChange is a facilitator's correction of one column: a new name, a new type, or
// both. Type is an Arrow type name as Column.Type spells it: utf8, int64, float64, date32,
// bool or timestamp[s]; empty keeps the type. A conversion that would lose a value is
// refused, naming the column and the value.
type ColumnChange struct {
	Name    string `json:"name"`               // the column as read
	NewName string `json:"new_name,omitempty"` // empty: keep the name
	Type    string `json:"type,omitempty"`     // empty: keep the type
}

// ChangeTypes are the types a column may be given.
var ChangeTypes = []string{"utf8", "int64", "float64", "date32", "bool", "timestamp[s]"}

// applyChanges returns t with the changes made (a new reference; t is not released).
func applyChanges(t arrow.Table, changes []ColumnChange, mem memory.Allocator) (arrow.Table, error) {
	fields := t.Schema().Fields()
	cols := make([]*arrow.Chunked, len(fields))
	for i := range cols {
		cols[i] = t.Column(i).Data()
		cols[i].Retain()
	}
	release := func() {
		for _, c := range cols {
			c.Release()
		}
	}
	for _, ch := range changes {
		i := fieldIndex(fields, ch.Name)
		if i < 0 {
			release()
			return nil, fault.New(fault.Invalid, "colonne « %s » inconnue : elle ne peut être ni renommée ni convertie", ch.Name)
		}
		if ch.Type != "" && ch.Type != TypeName(fields[i].Type) {
			conv, err := convertChunked(cols[i], fields[i].Name, ch.Type, mem)
			if err != nil {
				release()
				return nil, err
			}
			cols[i].Release()
			cols[i] = conv
			fields[i].Type = conv.DataType()
			fields[i].Metadata = arrow.Metadata{}
		}
		if ch.NewName != "" && ch.NewName != fields[i].Name {
			if fieldIndex(fields, ch.NewName) >= 0 {
				release()
				return nil, fault.New(fault.Conflict, "la colonne « %s » ne peut pas s'appeler « %s » : ce nom est déjà pris", ch.Name, ch.NewName)
			}
			fields[i].Name = ch.NewName
		}
	}
	columns := make([]arrow.Column, len(cols))
	for i := range cols {
		columns[i] = *arrow.NewColumn(fields[i], cols[i])
	}
	out := array.NewTable(arrow.NewSchema(fields, nil), columns, t.NumRows())
	for i := range columns {
		columns[i].Release()
	}
	release()
	return out, nil
}

func fieldIndex(fields []arrow.Field, name string) int {
	for i, f := range fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// convertChunked converts every chunk of a column through its values' text.
func convertChunked(c *arrow.Chunked, name, to string, mem memory.Allocator) (*arrow.Chunked, error) {
	var dt arrow.DataType
	switch to {
	case "utf8":
		dt = arrow.BinaryTypes.String
	case "int64":
		dt = arrow.PrimitiveTypes.Int64
	case "float64":
		dt = arrow.PrimitiveTypes.Float64
	case "date32":
		dt = arrow.FixedWidthTypes.Date32
	case "bool":
		dt = arrow.FixedWidthTypes.Boolean
	case "timestamp[s]":
		dt = timestampSeconds
	default:
		return nil, fault.New(fault.Invalid, "type « %s » inconnu pour la colonne « %s » : les types possibles sont utf8, int64, float64, date32, bool et timestamp[s]", to, name)
	}
	out := make([]arrow.Array, 0, len(c.Chunks()))
	defer func() {
		for _, a := range out {
			a.Release()
		}
	}()
	for _, ch := range c.Chunks() {
		b := array.NewBuilder(mem, dt)
		err := convertArray(ch, b, name)
		if err != nil {
			b.Release()
			return nil, err
		}
		out = append(out, b.NewArray())
		b.Release()
	}
	return arrow.NewChunked(dt, out), nil
}

func convertArray(a arrow.Array, b array.Builder, name string) error {
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		s := textOf(a, i)
		if err := appendParsed(b, trimSpace([]byte(s))); err != nil {
			return fault.New(fault.Unprocessable, "colonne « %s » : la valeur « %s » (ligne %d du tableau) %s ; corrigez-la ou gardez le type actuel", name, s, i+1, err.Error())
		}
	}
	return nil
}

// textOf is the text of a non-null value, as a file would hold it.
func textOf(a arrow.Array, i int) string {
	switch v := Value(a, i).(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return a.ValueStr(i)
}

func appendParsed(b array.Builder, s []byte) error {
	switch b := b.(type) {
	case *array.StringBuilder:
		b.Append(string(s))
	case *array.Int64Builder:
		n := parseNumber(s)
		if n.reason == numLeadingZero && n.digits { // asked for: 01 is 1
			v, err := strconv.ParseInt(string(s), 10, 64)
			if err != nil {
				return errorf("est trop grand pour un nombre entier")
			}
			b.Append(v)
			return nil
		}
		if n.reason != numOK || !n.isInt || n.percent {
			if n.reason == numOK && n.f == float64(int64(n.f)) && !n.percent {
				b.Append(int64(n.f))
				return nil
			}
			return errorf("n'est pas un nombre entier")
		}
		b.Append(n.i)
	case *array.Float64Builder:
		n := parseNumber(s)
		if n.reason != numOK && !(n.reason == numLeadingZero && n.digits) {
			return errorf("n'est pas un nombre")
		}
		if n.reason == numLeadingZero {
			f, _ := strconv.ParseFloat(string(s), 64)
			b.Append(f)
			return nil
		}
		b.Append(n.f)
	case *array.Date32Builder:
		d, ok := parseDate(s)
		if !ok {
			return errorf("n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj)")
		}
		b.Append(arrow.Date32(d))
	case *array.TimestampBuilder:
		if d, ok := parseDate(s); ok {
			b.Append(arrow.Timestamp(int64(d) * 86400))
			return nil
		}
		ts, ok := parseTimestamp(s)
		if !ok {
			return errorf("n'est pas une date et heure")
		}
		b.Append(arrow.Timestamp(ts))
	case *array.BooleanBuilder:
		if !isBool(s) {
			return errorf("n'est ni oui/non, ni vrai/faux, ni true/false")
		}
		b.Append(parseBool(s))
	}
	return nil
}

type changeError string

func (e changeError) Error() string { return string(e) }

func errorf(format string, args ...any) error { return changeError(fmt.Sprintf(format, args...)) }
