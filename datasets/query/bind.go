package query

import (
	"math"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// pred is a bound where expression: it fills out[i] for the morsel's rows.
type pred interface {
	eval(m *morsel, out []bool, s *scratch)
	columns(add func(int))
}

// bind resolves the columns of e in the source and checks the literals against their kinds.
func (s *source) bind(e Expr) (pred, error) {
	switch e := e.(type) {
	case *Logical:
		l, err := s.bind(e.L)
		if err != nil {
			return nil, err
		}
		r, err := s.bind(e.R)
		if err != nil {
			return nil, err
		}
		return &logicalPred{or: e.Or, l: l, r: r}, nil
	case *Not:
		x, err := s.bind(e.X)
		if err != nil {
			return nil, err
		}
		return &notPred{x: x}, nil
	case *Comparison:
		return s.bindComparison(e)
	case *In:
		return s.bindIn(e)
	case *Between:
		lo, err := s.bindComparison(&Comparison{Column: e.Column, ColumnAt: e.ColumnAt, Op: ">=", Value: e.Lo})
		if err != nil {
			return nil, err
		}
		hi, err := s.bindComparison(&Comparison{Column: e.Column, ColumnAt: e.ColumnAt, Op: "<=", Value: e.Hi})
		if err != nil {
			return nil, err
		}
		return &logicalPred{l: lo, r: hi}, nil
	}
	return nil, errAt(0, "condition illisible")
}

func (s *source) bindComparison(c *Comparison) (pred, error) {
	col, err := s.column(c.Column, c.ColumnAt)
	if err != nil {
		return nil, err
	}
	name, lit := s.names[col], c.Value
	if lit.Kind == LitNull {
		return &nullPred{col: col, isNull: c.Op == "="}, nil
	}
	if c.Op == "contains" {
		if s.kinds[col] != Text {
			return nil, errAt(c.ColumnAt, "« contains » cherche un texte dans une colonne de texte ; « %s » est une colonne de type %s", name, s.kinds[col])
		}
		return &textPred{col: col, op: c.Op, lit: strings.ToLower(lit.Text)}, nil
	}
	switch k := s.kinds[col]; {
	case k == Text && lit.Kind == LitString:
		return &textPred{col: col, op: c.Op, lit: lit.Text}, nil
	case k == Text:
		return nil, errAt(lit.At, "« %s » est une colonne de texte : mettez la valeur entre guillemets, par exemple %s = \"%s\"", name, quoteName(name), lit.Text)
	case k.Numeric() && lit.Kind == LitNumber:
		return numberPred(col, k, c.Op, lit.Num), nil
	case k.Numeric():
		return nil, errAt(lit.At, "« %s » est une colonne de nombres : comparez-la à un nombre sans guillemets, par exemple %s > 10000", name, quoteName(name))
	case k == Date || k == Time:
		return s.bindDate(col, c, lit)
	case k == Bool && lit.Kind == LitBool && (c.Op == "=" || c.Op == "!="):
		return &boolPred{col: col, want: lit.Bool == (c.Op == "=")}, nil
	}
	return nil, errAt(lit.At, "« %s » est une colonne de booléens : écrivez %s = vrai ou %s = faux", name, quoteName(name), quoteName(name))
}

// bindDate compares a date or timestamp column with a date; a quoted date is accepted too.
func (s *source) bindDate(col int, c *Comparison, lit Literal) (pred, error) {
	d := lit.Date
	if lit.Kind == LitString {
		var err error
		if d, err = parseDate(lit.Text); err != nil {
			lit.Kind = LitNumber // fall through to the error below
		} else {
			lit.Kind = LitDate
		}
	}
	if lit.Kind != LitDate {
		return nil, errAt(lit.At, "« %s » est une colonne de dates : écrivez la date sous la forme 2020-01-31", s.names[col])
	}
	if s.kinds[col] == Date {
		return &numPred{col: col, op: c.Op, i: d.Unix() / 86400}, nil
	}
	// A timestamp compared with a day means the whole day: [midnight, next midnight).
	unit := s.t.Schema().Field(col).Type.(*arrow.TimestampType).Unit
	start := toUnit(d, unit)
	end := toUnit(d.Add(24*time.Hour), unit)
	ge := &numPred{col: col, op: ">=", i: start}
	lt := &numPred{col: col, op: "<", i: end}
	switch c.Op {
	case "=":
		return &logicalPred{l: ge, r: lt}, nil
	case "!=":
		return &logicalPred{or: true, l: &numPred{col: col, op: "<", i: start}, r: &numPred{col: col, op: ">=", i: end}}, nil
	case "<":
		return &numPred{col: col, op: "<", i: start}, nil
	case "<=":
		return lt, nil
	case ">":
		return &numPred{col: col, op: ">=", i: end}, nil
	}
	return ge, nil
}

func toUnit(t time.Time, u arrow.TimeUnit) int64 {
	switch u {
	case arrow.Second:
		return t.Unix()
	case arrow.Millisecond:
		return t.UnixMilli()
	case arrow.Microsecond:
		return t.UnixMicro()
	}
	return t.UnixNano()
}

// numberPred compares a numeric column; on an integer column a fractional or huge literal
// is turned into an equivalent integer comparison, so the kernel stays integral.
func numberPred(col int, k Kind, op string, f float64) pred {
	if k == Float {
		return &numPred{col: col, op: op, f: f, float: true}
	}
	if math.Abs(f) >= 9e18 {
		below := f > 0 // every integer is below the literal
		truth := map[string]bool{"=": false, "!=": true, "<": below, "<=": below, ">": !below, ">=": !below}[op]
		return &constPred{col: col, v: truth}
	}
	if f == math.Trunc(f) {
		return &numPred{col: col, op: op, i: int64(f)}
	}
	switch op {
	case "=":
		return &constPred{col: col, v: false}
	case "!=":
		return &constPred{col: col, v: true}
	case "<", "<=":
		return &numPred{col: col, op: "<=", i: int64(math.Floor(f))}
	}
	return &numPred{col: col, op: ">=", i: int64(math.Ceil(f))}
}

// quoteName writes a column name the way the where language needs it.
func quoteName(name string) string {
	for i, r := range name {
		if !(isIdentPart(r) && (i > 0 || isIdentStart(r))) {
			return "`" + name + "`"
		}
	}
	return name
}

// bindIn checks each value against the column; text gets a set looked up once per
// dictionary entry, other kinds an "or" of equalities.
func (s *source) bindIn(e *In) (pred, error) {
	col, err := s.column(e.Column, e.ColumnAt)
	if err != nil {
		return nil, err
	}
	var or pred
	set := map[string]bool{}
	for _, v := range e.Values {
		p, err := s.bindComparison(&Comparison{Column: e.Column, ColumnAt: e.ColumnAt, Op: "=", Value: v})
		if err != nil {
			return nil, err
		}
		if tp, ok := p.(*textPred); ok {
			set[tp.lit] = true
			continue
		}
		if or == nil {
			or = p
		} else {
			or = &logicalPred{or: true, l: or, r: p}
		}
	}
	if len(set) == 0 {
		return or, nil
	}
	in := &textInPred{col: col, set: set}
	if or == nil {
		return in, nil
	}
	return &logicalPred{or: true, l: in, r: or}, nil
}
