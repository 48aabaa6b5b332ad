package notebooks

import (
	"bytes"

	"atelier/internal/fault"
)

// goldmark's parser is quadratic in some kinds of nesting: 64 KiB of `>` took 5 s, `[a](`
// repeated 12 s. No workshop page nests that deep, so the source is read once, line by line,
// before goldmark sees it, and a page past these bounds is refused with the line to fix.
// The scan does not know which lines are code: a code block counts like text, which only
// makes the bounds stricter, and they are far above what code needs.
const (
	maxContainerDepth = 32 // `>` quotes and list markers opened at the start of one line
	maxIndentColumns  = 64 // leading spaces (a tab is 4): the depth a list could nest to
	maxOpenBrackets   = 32 // `[` not yet closed by `]`, within one paragraph
	maxOpenParens     = 32 // `(` not yet closed by `)`, within one paragraph
	maxOpenAngles     = 32 // `<` without a `>` after them, within one line
	maxEmphasisRuns   = 1000
)

// checkNesting refuses a source whose nesting is past the bounds above, naming the line.
func checkNesting(src []byte) error {
	var para paragraphScan
	line := 0
	for len(src) > 0 {
		line++
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if len(bytes.TrimSpace(l)) == 0 {
			para = paragraphScan{}
			continue
		}
		if err := checkLineStart(l, line); err != nil {
			return err
		}
		if err := para.scan(l, line); err != nil {
			return err
		}
	}
	return nil
}

// checkLineStart bounds what goldmark opens at the start of a line: block quotes and list
// items one inside the other, and the indentation that nests lists.
func checkLineStart(l []byte, line int) error {
	cols := 0
	for _, c := range l {
		if c == ' ' {
			cols++
		} else if c == '\t' {
			cols += 4
		} else {
			break
		}
	}
	if cols > maxIndentColumns {
		return nestingFault("la ligne %d commence par %d espaces : la limite est de %d ; retirez des niveaux de liste ou d'indentation", line, cols, maxIndentColumns)
	}
	if depth := containerDepth(l); depth > maxContainerDepth {
		return nestingFault("la ligne %d ouvre %d citations ou listes l'une dans l'autre (« > », « - », « 1. ») : la limite est de %d", line, depth, maxContainerDepth)
	}
	return nil
}

// containerDepth counts the `>` and list markers at the start of l, spaces between them
// allowed, as goldmark would open them.
func containerDepth(l []byte) int {
	depth := 0
	for {
		l = bytes.TrimLeft(l, " \t")
		if len(l) == 0 {
			return depth
		}
		switch {
		case l[0] == '>':
			l = l[1:]
		case (l[0] == '-' || l[0] == '*' || l[0] == '+') && (len(l) == 1 || l[1] == ' ' || l[1] == '\t'):
			l = l[1:]
		default:
			n := 0
			for n < len(l) && n < 9 && l[n] >= '0' && l[n] <= '9' {
				n++
			}
			if n == 0 || n == len(l) || (l[n] != '.' && l[n] != ')') {
				return depth
			}
			l = l[n+1:]
		}
		depth++
	}
}

// paragraphScan follows one paragraph (lines up to a blank one), where goldmark's inline
// parser looks for the end of every link, image and emphasis it may have opened.
type paragraphScan struct {
	brackets, parens, emphasis int
}

func (p *paragraphScan) scan(l []byte, line int) error {
	angles := 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; c {
		case '\\':
			i++ // an escaped character opens nothing
		case '[':
			p.brackets++
		case ']':
			p.brackets = max(p.brackets-1, 0)
		case '(':
			p.parens++
		case ')':
			p.parens = max(p.parens-1, 0)
		case '<':
			angles++
		case '>':
			angles = 0
		case '*', '_', '~':
			if i == 0 || l[i-1] != c {
				p.emphasis++
			}
		}
		switch {
		case p.brackets > maxOpenBrackets:
			return nestingFault("la ligne %d ouvre plus de %d crochets « [ » sans les fermer : fermez-les par « ] » ou écrivez « \\[ »", line, maxOpenBrackets)
		case p.parens > maxOpenParens:
			return nestingFault("la ligne %d ouvre plus de %d parenthèses « ( » sans les fermer : fermez-les par « ) » ou écrivez « \\( »", line, maxOpenParens)
		case angles > maxOpenAngles:
			return nestingFault("la ligne %d ouvre plus de %d chevrons « < » sans les fermer : fermez-les par « > » ou écrivez « \\< »", line, maxOpenAngles)
		case p.emphasis > maxEmphasisRuns:
			return nestingFault("le paragraphe de la ligne %d contient plus de %d marques d'emphase (« * », « _ », « ~ ») : séparez-le par une ligne vide", line, maxEmphasisRuns)
		}
	}
	return nil
}

func nestingFault(format string, args ...any) error {
	return fault.New(fault.Invalid, format, args...)
}
