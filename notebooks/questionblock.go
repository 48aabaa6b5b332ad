package notebooks

import (
	"context"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"atelier/charts"
	"atelier/datasets"
	"atelier/notebooks/questions"
)

// QuestionBlock is a ```question block of a page, built against the catalogue: the question,
// its truth and (draw) the start of its series; or why it is broken.
type QuestionBlock struct {
	N        int
	Line     int // page line of the block's first content line
	Question *questions.Question
	Truth    *questions.Truth // nil without answer
	Drawn    *questions.Drawn // draw only
	Err      error
	slug     Slug
}

var kindQuestion = ast.NewNodeKind("Question")

type questionNode struct {
	ast.BaseBlock
	block *QuestionBlock
}

func (n *questionNode) Kind() ast.NodeKind { return kindQuestion }

func (n *questionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"n": fmt.Sprint(n.block.N)}, nil)
}

// buildQuestion parses a block and computes its truth; a mistake in the answer leaves the
// question broken, like a chart, so that the room is never told a wrong truth.
func buildQuestion(ctx context.Context, cat charts.Catalogue, n, line int, src string) *QuestionBlock {
	b := &QuestionBlock{N: n, Line: line}
	b.Question, b.Err = questions.Parse(src)
	if b.Err == nil {
		b.Question.N = n
		b.Truth, b.Drawn, b.Err = b.Question.Compute(ctx, cat)
	}
	return b
}

// replaceQuestions turns every ```question block into a questionNode, in page order.
func (b *chartBuilder) replaceQuestions(doc ast.Node, source []byte) {
	var blocks []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && string(fb.Language(source)) == "question" {
			blocks = append(blocks, fb)
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range blocks {
		qb := buildQuestion(b.ctx, b.cat, len(b.questions)+1, contentLine(fb, source), blockText(fb, source))
		qb.slug = b.slug
		if qb.Truth != nil && qb.Truth.Dataset != "" {
			b.sources[datasets.Name(qb.Truth.Dataset)] = true
		}
		b.questions = append(b.questions, qb)
		fb.Parent().ReplaceChild(fb.Parent(), fb, &questionNode{block: qb})
	}
}

// Questions builds the question blocks of a page's markdown, without rendering the page:
// the server asks it to answer a phone.
func (r *Renderer) Questions(ctx context.Context, source string) []*QuestionBlock {
	if len(source) > MaxSourceBytes {
		return nil
	}
	src := []byte(source)
	doc := r.md.Parser().Parse(text.NewReader(src))
	b := &chartBuilder{ctx: ctx, cat: r.cat, sources: map[datasets.Name]bool{}}
	b.replaceQuestions(doc, src)
	return b.questions
}

// questionProblem locates a broken question on the page's lines.
func questionProblem(b *QuestionBlock) Problem {
	p := Problem{Question: b.N, Line: b.Line, Message: chartErrorMessage(b.Err)}
	if ce := blockError(b.Err); ce != nil {
		p.Message = ce.Msg
		if ce.Line > 0 {
			p.Line = b.Line + ce.Line - 1
		}
	}
	return p
}

type questionRenderer struct{}

func (questionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindQuestion, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkSkipChildren, writeQuestion(w, n.(*questionNode).block)
		}
		return ast.WalkContinue, nil
	})
}
