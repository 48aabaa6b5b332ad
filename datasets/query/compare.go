package query

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// operand is one side of a comparison: a column or a literal.
type operand struct {
	column bool
	name   string
	at     int
	lit    Literal
}

func (p *parser) comparison() (Expr, error) {
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	if left.column && p.tok.kind == tIdent {
		return p.special(left)
	}
	if p.tok.kind != tOp {
		if p.tok.kind == tEOF {
			return nil, errAt(p.tok.pos, "il manque une comparaison après « %s » (=, !=, <, <=, >, >=)", left.describe())
		}
		return nil, p.unexpected()
	}
	op, opAt := p.tok.text, p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, errAt(p.tok.pos, "il manque une valeur après « %s »", op)
	}
	right, err := p.operand()
	if err != nil {
		return nil, err
	}
	switch {
	case left.column && right.column:
		return nil, errAt(left.at, "« %s » et « %s » sont deux colonnes : comparez une colonne à une valeur", left.name, right.name)
	case !left.column && !right.column:
		return nil, errAt(left.at, "une comparaison doit porter sur une colonne, pas sur deux valeurs")
	case !left.column:
		left, right = right, left
		op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op] + map[string]string{"=": "=", "!=": "!="}[op]
	}
	if right.lit.Kind == LitNull && op != "=" && op != "!=" {
		return nil, errAt(opAt, "seuls = et != s'appliquent à null")
	}
	return &Comparison{Column: left.name, ColumnAt: left.at, Op: op, Value: right.lit}, nil
}

func (o operand) describe() string {
	if o.column {
		return o.name
	}
	return o.lit.String()
}

func (p *parser) operand() (operand, error) {
	t := p.tok
	o := operand{at: t.pos}
	switch t.kind {
	case tQuoted:
		o.column, o.name = true, t.text
	case tIdent:
		switch strings.ToLower(t.text) {
		case "and", "or", "not", "in", "is", "between", "contains":
			return o, p.unexpected()
		case "true", "vrai":
			o.lit = Literal{Kind: LitBool, Bool: true}
		case "false", "faux":
			o.lit = Literal{Kind: LitBool}
		case "null", "vide":
			o.lit = Literal{Kind: LitNull}
		default:
			o.column, o.name = true, t.text
		}
	case tString:
		o.lit = Literal{Kind: LitString, Text: t.text}
	case tNumber:
		f, err := strconv.ParseFloat(strings.Replace(t.text, ",", ".", 1), 64)
		if err != nil || math.IsInf(f, 0) {
			return o, errAt(t.pos, "nombre « %s » illisible", t.describe())
		}
		o.lit = Literal{Kind: LitNumber, Num: f}
	case tDate:
		d, err := parseDate(t.text)
		if err != nil {
			return o, errAt(t.pos, "date « %s » invalide", t.text)
		}
		o.lit = Literal{Kind: LitDate, Date: d}
	default:
		return o, p.unexpected()
	}
	if !o.column {
		o.lit.At = t.pos
		if o.lit.Text == "" && o.lit.Kind != LitString {
			o.lit.Text = t.text
		}
	}
	return o, p.advance()
}

// parseDate reads 2020-01-31 or 31/01/2020, rejecting impossible dates such as 2020-02-30.
func parseDate(s string) (time.Time, error) {
	layout := "2006-01-02"
	if strings.Contains(s, "/") {
		layout = "02/01/2006"
	}
	return time.ParseInLocation(layout, s, time.UTC)
}
