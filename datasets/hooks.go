package datasets

import (
	"context"
	"log/slog"
	"sync"
)

// A new version of a dataset changes what the pages drawn from it show. The rule « a new
// version refreshes its pages » has one owner: whoever opens the pages registers a hook
// here, and every way a version is made (Import, ImportStaged, Change) runs it, so no
// caller has to remember.
type hooks struct {
	mu  sync.Mutex
	fns []func(context.Context, Meta) error
}

// OnNewVersion registers f, called after each new version is stored, with its description.
// An error from f is logged: the version is stored whatever f says.
func (s *Store) OnNewVersion(f func(context.Context, Meta) error) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.fns = append(s.hooks.fns, f)
}

func (h *hooks) run(ctx context.Context, m Meta) {
	h.mu.Lock()
	fns := append([]func(context.Context, Meta) error(nil), h.fns...)
	h.mu.Unlock()
	for _, f := range fns {
		if err := f(ctx, m); err != nil {
			slog.Error("after a new version", "dataset", m.Name, "version", m.Version, "err", err)
		}
	}
}
