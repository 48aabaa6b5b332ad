package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token of the where language.
type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tQuoted // a `backquoted` column name
	tNumber
	tString
	tDate
	tOp
	tLParen
	tRParen
	tComma // , or ; between the values of an in (…) list
)

// token is one lexical unit; pos is 1-based in runes, as users count characters.
type token struct {
	kind tokKind
	text string // the identifier, the unquoted string, the operator, the number as written
	pos  int
}

// lexer splits a where source into tokens. It works on runes so that positions in error
// messages match what the user sees, accents included.
type lexer struct {
	src []rune
	i   int
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func (l *lexer) peekRune(k int) rune {
	if l.i+k < len(l.src) {
		return l.src[l.i+k]
	}
	return 0
}

// next returns the next token, or a positioned error for a character that starts nothing.
func (l *lexer) next() (token, error) {
	for l.i < len(l.src) && unicode.IsSpace(l.src[l.i]) {
		l.i++
	}
	pos := l.i + 1
	if l.i >= len(l.src) {
		return token{kind: tEOF, pos: pos}, nil
	}
	r := l.src[l.i]
	switch {
	case r == '(':
		l.i++
		return token{tLParen, "(", pos}, nil
	case r == ')':
		l.i++
		return token{tRParen, ")", pos}, nil
	case r == ',' || r == ';':
		l.i++
		return token{tComma, ",", pos}, nil
	case r == '`':
		return l.quoted('`', tQuoted, pos)
	case r == '"' || r == '\'':
		return l.quoted(r, tString, pos)
	case r == '«':
		return l.guillemets(pos)
	case isDigit(r) || (r == '-' && isDigit(l.peekRune(1))):
		return l.number(pos), nil
	case isIdentStart(r):
		start := l.i
		for l.i < len(l.src) && isIdentPart(l.src[l.i]) {
			l.i++
		}
		return token{tIdent, string(l.src[start:l.i]), pos}, nil
	}
	return l.operator(pos)
}

// operator reads a comparison operator, accepting the spellings people type: == <> ≠ ≤ ≥.
func (l *lexer) operator(pos int) (token, error) {
	two := string(l.src[l.i:min(l.i+2, len(l.src))])
	switch two {
	case "!=", "<>":
		l.i += 2
		return token{tOp, "!=", pos}, nil
	case "<=", ">=":
		l.i += 2
		return token{tOp, two, pos}, nil
	case "==":
		l.i += 2
		return token{tOp, "=", pos}, nil
	}
	op := map[rune]string{'=': "=", '<': "<", '>': ">", '≠': "!=", '≤': "<=", '≥': ">="}[l.src[l.i]]
	if op == "" {
		return token{}, errAt(pos, "caractère « %c » inattendu", l.src[l.i])
	}
	l.i++
	return token{tOp, op, pos}, nil
}

// quoted reads a string or a backquoted name; the closing quote is escaped by doubling it
// or, in a string, with a backslash (column names keep their backslashes).
func (l *lexer) quoted(q rune, kind tokKind, pos int) (token, error) {
	var b strings.Builder
	l.i++
	for l.i < len(l.src) {
		r := l.src[l.i]
		switch {
		case kind == tString && r == '\\' && l.i+1 < len(l.src) && (l.src[l.i+1] == q || l.src[l.i+1] == '\\'):
			b.WriteRune(l.src[l.i+1])
			l.i += 2
		case r == q && l.peekRune(1) == q:
			b.WriteRune(q)
			l.i += 2
		case r == q:
			l.i++
			if kind == tQuoted && b.Len() == 0 {
				return token{}, errAt(pos, "nom de colonne vide entre ` `")
			}
			return token{kind, b.String(), pos}, nil
		default:
			b.WriteRune(r)
			l.i++
		}
	}
	if kind == tQuoted {
		return token{}, errAt(pos, "accent grave fermant ` manquant pour le nom de colonne")
	}
	return token{}, errAt(pos, "guillemet fermant %c manquant", q)
}

// guillemets reads a French-quoted string « … », spaces inside the quotes trimmed.
func (l *lexer) guillemets(pos int) (token, error) {
	start := l.i + 1
	for l.i = start; l.i < len(l.src); l.i++ {
		if l.src[l.i] == '»' {
			s := strings.TrimSpace(string(l.src[start:l.i]))
			l.i++
			return token{tString, s, pos}, nil
		}
	}
	return token{}, errAt(pos, "guillemet fermant » manquant")
}

// number reads 10000, -3, 12,5, 12.5, a date 2020-01-31 or a date 31/01/2020.
func (l *lexer) number(pos int) token {
	start := l.i
	if l.src[l.i] == '-' {
		l.i++
	}
	digits := l.digits()
	if digits == 4 && l.src[start] != '-' && l.lookDate('-', 2, 2) {
		return token{tDate, string(l.src[start:l.i]), pos}
	}
	if digits == 2 && l.src[start] != '-' && l.lookDate('/', 2, 4) {
		return token{tDate, string(l.src[start:l.i]), pos}
	}
	if (l.peekRune(0) == '.' || l.peekRune(0) == ',') && isDigit(l.peekRune(1)) {
		l.i++
		l.digits()
	}
	return token{tNumber, string(l.src[start:l.i]), pos}
}

func (l *lexer) digits() int {
	n := 0
	for l.i < len(l.src) && isDigit(l.src[l.i]) {
		l.i++
		n++
	}
	return n
}

// lookDate consumes sep d1 sep d2 when they follow, as in -01-31 or /01/2020.
func (l *lexer) lookDate(sep rune, d1, d2 int) bool {
	save := l.i
	if l.peekRune(0) == sep {
		l.i++
		if l.digits() == d1 && l.peekRune(0) == sep {
			l.i++
			if l.digits() == d2 && !isIdentPart(l.peekRune(0)) {
				return true
			}
		}
	}
	l.i = save
	return false
}

// describe renders a token for « … » inattendu messages.
func (t token) describe() string {
	switch t.kind {
	case tString:
		return `"` + t.text + `"`
	case tQuoted:
		return "`" + t.text + "`"
	}
	if utf8.RuneCountInString(t.text) > 30 {
		return string([]rune(t.text)[:30]) + "…"
	}
	return t.text
}
