package notebooks

import (
	"context"
	"sync"

	"atelier/internal/fault"
	"atelier/notebooks/questions"
)

// Answers is the store of the rounds and answers of pages' questions. Its tables live in
// the same database as the pages, created by OpenStore.
func (s *Store) Answers() *questions.Store { return s.answers }

// questionMemo remembers each page's built questions for one generation of the page: at a
// meeting hundreds of phones answer within seconds, and a question is built (its truth
// queried) once per change of the page, not once per answer.
type questionMemo struct {
	mu     sync.Mutex
	byPage map[Slug]memoQuestions
}

type memoQuestions struct {
	generation int64
	blocks     []*QuestionBlock
}

// Question returns the page's n-th question block (1-based) and the page's stamp, which the
// caller checks against the visitor. A broken block is returned with its error.
func (s *Store) Question(ctx context.Context, slug Slug, n int) (*QuestionBlock, Stamp, error) {
	st, err := s.StampOf(ctx, slug)
	if err != nil {
		return nil, st, err
	}
	blocks, err := s.questionsAt(ctx, slug, st.Generation)
	if err != nil {
		return nil, st, err
	}
	if n < 1 || n > len(blocks) {
		return nil, st, fault.New(fault.NotFound, "la page « %s » n'a pas de question %d", slug, n)
	}
	return blocks[n-1], st, nil
}

// QuestionsOf returns every question block of the page, as of its current generation.
func (s *Store) QuestionsOf(ctx context.Context, slug Slug) ([]*QuestionBlock, error) {
	st, err := s.StampOf(ctx, slug)
	if err != nil {
		return nil, err
	}
	return s.questionsAt(ctx, slug, st.Generation)
}

func (s *Store) questionsAt(ctx context.Context, slug Slug, generation int64) ([]*QuestionBlock, error) {
	s.questionMemo.mu.Lock()
	m, ok := s.questionMemo.byPage[slug]
	s.questionMemo.mu.Unlock()
	if ok && m.generation == generation {
		return m.blocks, nil
	}
	p, err := s.Get(ctx, slug)
	if err != nil {
		return nil, err
	}
	blocks := s.renderer.Questions(ctx, p.Markdown)
	for _, b := range blocks {
		b.slug = slug
	}
	s.questionMemo.mu.Lock()
	if len(s.questionMemo.byPage) > 1024 {
		clear(s.questionMemo.byPage)
	}
	s.questionMemo.byPage[slug] = memoQuestions{generation: p.Generation, blocks: blocks}
	s.questionMemo.mu.Unlock()
	return blocks, nil
}
