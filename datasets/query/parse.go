package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"atelier/internal/fault"
)

// Limits of the where language, so that a hostile block cannot exhaust the stack.
const (
	MaxWhereLen   = 4000 // characters
	MaxWhereDepth = 64   // nested parentheses and not
)

// Error locates a user error inside a where source. Query functions return it wrapped in a
// *fault.Error (kind Invalid) whose Message is the French sentence with the position, so
// callers can either show the message or find Pos with errors.As and say more.
type Error struct {
	Pos int    // 1-based character position in the where source; 0 when not about one place
	Msg string // French, without the position
}

// Error renders « position 12 : … ».
func (e *Error) Error() string {
	if e.Pos > 0 {
		return fmt.Sprintf("position %d : %s", e.Pos, e.Msg)
	}
	return e.Msg
}

func errAt(pos int, format string, args ...any) error {
	e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	return &fault.Error{Kind: fault.Invalid, Message: e.Error(), Err: e}
}

// Expr is a node of a parsed where expression: *Logical, *Not, *Comparison (whose Op may
// also be "contains"), *In or *Between.
type Expr interface {
	// String renders the node in canonical where syntax; parsing it gives the same tree.
	String() string
	// Pos is the 1-based character position where the node starts.
	Pos() int
}

// Logical is "L and R" or "L or R".
type Logical struct {
	Or   bool
	L, R Expr
}

// Not is "not X".
type Not struct {
	X  Expr
	At int
}

// Comparison compares a column with a literal; "literal op column" is turned around.
type Comparison struct {
	Column   string
	ColumnAt int
	Op       string // = != < <= > >=
	Value    Literal
}

// LitKind is the kind of a literal.
type LitKind int

// The literal kinds.
const (
	LitNumber LitKind = iota
	LitString
	LitDate
	LitBool
	LitNull
)

// Literal is a constant of the where language.
type Literal struct {
	Kind LitKind
	At   int
	Text string    // as written for numbers; the unquoted text for strings
	Num  float64   // LitNumber
	Date time.Time // LitDate, UTC midnight
	Bool bool      // LitBool
}

// Pos is where the left operand starts.
func (e *Logical) Pos() int { return e.L.Pos() }

// Pos is where "not" is.
func (e *Not) Pos() int { return e.At }

// Pos is where the comparison starts, whichever side the column is on.
func (e *Comparison) Pos() int { return min(e.ColumnAt, e.Value.At) }

// String parenthesises every operation, so the tree reads back unchanged.
func (e *Logical) String() string {
	op := " and "
	if e.Or {
		op = " or "
	}
	return "(" + e.L.String() + op + e.R.String() + ")"
}

// String renders "not X".
func (e *Not) String() string { return "not " + e.X.String() }

// String always backquotes the column, which any name survives.
func (e *Comparison) String() string {
	return "`" + strings.ReplaceAll(e.Column, "`", "``") + "` " + e.Op + " " + e.Value.String()
}

// String renders the literal in canonical syntax.
func (l Literal) String() string {
	switch l.Kind {
	case LitString:
		return `"` + strings.ReplaceAll(strings.ReplaceAll(l.Text, `\`, `\\`), `"`, `\"`) + `"`
	case LitDate:
		return l.Date.Format("2006-01-02")
	case LitBool:
		return strconv.FormatBool(l.Bool)
	case LitNull:
		return "null"
	}
	return strconv.FormatFloat(l.Num, 'f', -1, 64)
}

// ParseWhere parses a where expression. The grammar:
//
//	expr       = and { "or" and }
//	and        = unary { "and" unary }
//	unary      = "not" unary | "(" expr ")" | comparison
//	comparison = column op literal | literal op column
//	           | column ["not"] "in" "(" literal { ("," | ";") literal } ")"
//	           | column ["not"] "between" literal "and" literal      (bounds included)
//	           | column ["not"] "contains" text                      (ignores case)
//	           | column "is" ["not"] "null"
//	op         = "=" | "!=" | "<" | "<=" | ">" | ">="   (also == <> ≠ ≤ ≥)
//	column     = identifier | "`" any text "`"
//	literal    = number | "text" | 'text' | « text » | date | true | false | vrai | faux | null
//	number     = [-] digits [ ("." | ",") digits ]      (12,5 and 12.5 are the same)
//	date       = yyyy-mm-dd | dd/mm/yyyy
//
// Keywords are case-insensitive. An identifier is letters (accents included), digits and _.
// "not" keeps exactly the rows its operand does not keep, rows with a null included.
func ParseWhere(src string) (Expr, error) {
	if n := utf8.RuneCountInString(src); n > MaxWhereLen {
		return nil, errAt(0, "condition trop longue (%d caractères, %d au plus)", n, MaxWhereLen)
	}
	p := &parser{lex: lexer{src: []rune(src)}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, errAt(0, "condition vide")
	}
	e, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected()
	}
	return e, nil
}

type parser struct {
	lex lexer
	tok token
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	p.tok = t
	return err
}

func (p *parser) keyword(k string) bool {
	return p.tok.kind == tIdent && strings.EqualFold(p.tok.text, k)
}

func (p *parser) unexpected() error {
	if p.tok.kind == tEOF {
		return errAt(p.tok.pos, "la condition s'arrête trop tôt")
	}
	hint := map[string]string{"et": " — écrivez « and »", "ou": " — écrivez « or »", "non": " — écrivez « not »"}[strings.ToLower(p.tok.text)]
	if p.tok.kind != tIdent {
		hint = ""
	}
	return errAt(p.tok.pos, "« %s » inattendu%s", p.tok.describe(), hint)
}

func (p *parser) or(depth int) (Expr, error) {
	l, err := p.and(depth)
	for err == nil && p.keyword("or") {
		var r Expr
		if err = p.advance(); err == nil {
			if r, err = p.and(depth); err == nil {
				l = &Logical{Or: true, L: l, R: r}
			}
		}
	}
	return l, err
}

func (p *parser) and(depth int) (Expr, error) {
	l, err := p.unary(depth)
	for err == nil && p.keyword("and") {
		var r Expr
		if err = p.advance(); err == nil {
			if r, err = p.unary(depth); err == nil {
				l = &Logical{L: l, R: r}
			}
		}
	}
	return l, err
}

func (p *parser) unary(depth int) (Expr, error) {
	if depth >= MaxWhereDepth {
		return nil, errAt(p.tok.pos, "condition trop imbriquée (%d niveaux au plus)", MaxWhereDepth)
	}
	switch {
	case p.keyword("not"):
		at := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, err
		}
		x, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &Not{X: x, At: at}, nil
	case p.tok.kind == tLParen:
		open := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			if p.tok.kind == tEOF {
				return nil, errAt(open, "parenthèse ouverte ici jamais fermée")
			}
			return nil, p.unexpected()
		}
		return e, p.advance()
	}
	return p.comparison()
}
