package web

import (
	"context"
	"sync"
	"time"
)

// announceQuestion is the one way question events reach the page's live stream (opened,
// count, revealed, closed), as named server-sent events beside the slides'.
func (s *Server) announceQuestion(slug string, event string, payload any) {
	s.follow.broadcast(slug, event, payload)
}

// countEvery bounds how often a question's count goes out: 500 phones answering within
// seconds make one event per interval, not 500 events to each of 500 phones.
const countEvery = 400 * time.Millisecond

// countBatcher coalesces answers into count events.
type countBatcher struct {
	mu      sync.Mutex
	pending map[questionKey]bool
}

type questionKey struct {
	slug string
	n    int
}

// countChanged schedules a count event for the question, unless one is already coming.
func (s *Server) countChanged(slug string, n int) {
	k := questionKey{slug, n}
	s.counts.mu.Lock()
	defer s.counts.mu.Unlock()
	if s.counts.pending == nil {
		s.counts.pending = map[questionKey]bool{}
	}
	if s.counts.pending[k] {
		return
	}
	s.counts.pending[k] = true
	time.AfterFunc(countEvery, func() {
		s.counts.mu.Lock()
		delete(s.counts.pending, k)
		s.counts.mu.Unlock()
		st, err := s.pages.Answers().StatusOf(context.Background(), slug, n)
		if err != nil {
			return
		}
		s.announceQuestion(slug, "count", map[string]any{"n": n, "state": st.State, "answers": st.Answers})
	})
}
