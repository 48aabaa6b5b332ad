package query

import (
	"strings"
)

// The comparisons written with words rather than symbols, as people say them:
//
//	codgeo in ("13056", "13047")      codgeo not in (…)
//	annee between 2019 and 2023       annee not between …
//	nom contains "Saint"              nom not contains …
//	p21_pop is null                   p21_pop is not null

// MaxInValues bounds an in (…) list: a facilitator names a few communes, not a table.
const MaxInValues = 500

// In is "column in (v1, v2, …)": true when the column equals one of the values.
type In struct {
	Column   string
	ColumnAt int
	Values   []Literal
}

// Between is "column between Lo and Hi", both bounds included.
type Between struct {
	Column   string
	ColumnAt int
	Lo, Hi   Literal
}

// Pos is where the column is.
func (e *In) Pos() int { return e.ColumnAt }

// Pos is where the column is.
func (e *Between) Pos() int { return e.ColumnAt }

// String renders "`c` in (1, "a")"; values are separated by ", " so that numbers read back.
func (e *In) String() string {
	vals := make([]string, len(e.Values))
	for i, v := range e.Values {
		vals[i] = v.String()
	}
	return quoteColumn(e.Column) + " in (" + strings.Join(vals, ", ") + ")"
}

// String renders "(`c` between 1 and 2)", parenthesised because of its "and".
func (e *Between) String() string {
	return "(" + quoteColumn(e.Column) + " between " + e.Lo.String() + " and " + e.Hi.String() + ")"
}

func quoteColumn(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// special parses what follows a column when it is a word: is, in, between, contains, not.
func (p *parser) special(col operand) (Expr, error) {
	word := strings.ToLower(p.tok.text)
	at := p.tok.pos
	switch word {
	case "is":
		return p.isNull(col)
	case "in":
		return p.in(col)
	case "between":
		return p.between(col)
	case "contains":
		return p.contains(col)
	case "not":
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !p.keyword("in") && !p.keyword("between") && !p.keyword("contains") {
			return nil, errAt(at, "après « %s not », écrivez in (…), between … and … ou contains \"…\"", col.name)
		}
		x, err := p.special(col)
		if err != nil {
			return nil, err
		}
		return &Not{X: x, At: col.at}, nil
	}
	return nil, p.unexpected()
}

// isNull parses "is null" and "is not null" (also "is vide").
func (p *parser) isNull(col operand) (Expr, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	op := "="
	if p.keyword("not") {
		op = "!="
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if !p.keyword("null") && !p.keyword("vide") {
		return nil, errAt(p.tok.pos, "après « is », écrivez null ou not null")
	}
	lit := Literal{Kind: LitNull, At: p.tok.pos, Text: "null"}
	return &Comparison{Column: col.name, ColumnAt: col.at, Op: op, Value: lit}, p.advance()
}

// in parses "in (v1, v2, …)". In a list, "2019,2020" written without a space is two
// numbers, not the decimal 2019,2020: nobody lists decimals with a comma.
func (p *parser) in(col operand) (Expr, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tLParen {
		return nil, errAt(p.tok.pos, "après « in », ouvrez une parenthèse : %s in (\"a\", \"b\")", col.name)
	}
	open := p.tok.pos
	e := &In{Column: col.name, ColumnAt: col.at}
	for {
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == tRParen && len(e.Values) == 0 {
			return nil, errAt(p.tok.pos, "la liste de « in » est vide")
		}
		if p.tok.kind == tEOF {
			return nil, errAt(open, "parenthèse ouverte ici jamais fermée")
		}
		lits, err := p.listValue()
		if err != nil {
			return nil, err
		}
		e.Values = append(e.Values, lits...)
		if len(e.Values) > MaxInValues {
			return nil, errAt(open, "liste de « in » trop longue (%d valeurs au plus)", MaxInValues)
		}
		switch p.tok.kind {
		case tComma:
			continue
		case tRParen:
			return e, p.advance()
		case tEOF:
			return nil, errAt(open, "parenthèse ouverte ici jamais fermée")
		}
		return nil, p.unexpected()
	}
}

// listValue reads one literal of an in list (two when a comma joined two integers).
func (p *parser) listValue() ([]Literal, error) {
	t := p.tok
	if t.kind == tNumber && strings.Contains(t.text, ",") {
		a, b, _ := strings.Cut(t.text, ",")
		var out []Literal
		for i, part := range []string{a, b} {
			p.tok = token{kind: tNumber, text: part, pos: t.pos + i*(len(a)+1)}
			o, err := p.literal(i == 1)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, nil
	}
	o, err := p.literal(true)
	return []Literal{o}, err
}

// literal reads a value (not a column) and, when advance, moves past it.
func (p *parser) literal(advance bool) (Literal, error) {
	t := p.tok
	if t.kind == tIdent || t.kind == tQuoted {
		switch strings.ToLower(t.text) {
		case "true", "vrai", "false", "faux", "null", "vide":
		default:
			return Literal{}, errAt(t.pos, "« %s » : écrivez une valeur ici, pas une colonne (un texte se met entre guillemets)", t.describe())
		}
	}
	save := p.lex.i
	o, err := p.operand()
	if err != nil {
		return Literal{}, err
	}
	if !advance { // operand moved on: step back to the token that follows the pair
		p.lex.i = save
		p.tok = t
	}
	return o.lit, nil
}

// between parses "between lo and hi".
func (p *parser) between(col operand) (Expr, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	lo, err := p.literal(true)
	if err != nil {
		return nil, err
	}
	if !p.keyword("and") {
		return nil, errAt(p.tok.pos, "écrivez %s between 2019 and 2023 : il manque « and » et la seconde borne", col.name)
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	hi, err := p.literal(true)
	if err != nil {
		return nil, err
	}
	if lo.Kind == LitNull || hi.Kind == LitNull {
		return nil, errAt(col.at, "« between » demande deux valeurs, pas null")
	}
	return &Between{Column: col.name, ColumnAt: col.at, Lo: lo, Hi: hi}, nil
}

// contains parses `contains "text"`.
func (p *parser) contains(col operand) (Expr, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tString {
		return nil, errAt(p.tok.pos, "après « contains », écrivez un texte entre guillemets : %s contains \"Saint\"", col.name)
	}
	lit := Literal{Kind: LitString, Text: p.tok.text, At: p.tok.pos}
	return &Comparison{Column: col.name, ColumnAt: col.at, Op: "contains", Value: lit}, p.advance()
}
