package notebooks

import (
	"context"
	"strings"
)

// Problems lists what is wrong with p's chart and question blocks, in full (the line, the closest name),
// for its authors: the saved page, which residents and the wall see, shows only
// « Graphique indisponible » in a broken chart's place. It renders the page again, so it
// is for a logged-in facilitator's view (the presenter view), never for a public one.
func (s *Store) Problems(ctx context.Context, p *Page) ([]Problem, error) {
	if !strings.Contains(p.HTML, "chart-unavailable") && !strings.Contains(p.HTML, "question-error") {
		return nil, nil
	}
	r, err := s.renderer.Render(ctx, p.Markdown)
	if err != nil {
		return nil, err
	}
	return r.Problems, nil
}
