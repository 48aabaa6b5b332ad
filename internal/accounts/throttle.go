package accounts

import (
	"sync"
	"time"
)

// Throttle slows password guessing: after MaxFailures failed logins for one key (an e-mail,
// or a client address) within Window, further attempts are refused until the window of the
// oldest failure has passed. It lives in memory: a restart forgives, which is acceptable
// for a workshop server and keeps a login from writing to the database.
type Throttle struct {
	MaxFailures int
	Window      time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
}

// NewThrottle allows max failures per key per window.
func NewThrottle(max int, window time.Duration) *Throttle {
	return &Throttle{MaxFailures: max, Window: window, failures: map[string][]time.Time{}}
}

// Wait reports how long the key must wait before trying again; 0 means it may try now.
func (t *Throttle) Wait(key string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	recent := t.prune(key, now)
	if len(recent) < t.MaxFailures {
		return 0
	}
	return recent[len(recent)-t.MaxFailures].Add(t.Window).Sub(now)
}

// Fail records a failed attempt.
func (t *Throttle) Fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures[key] = append(t.prune(key, now), now)
}

// Forget clears a key after a successful login.
func (t *Throttle) Forget(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, key)
}

func (t *Throttle) prune(key string, now time.Time) []time.Time {
	list := t.failures[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= t.Window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.failures, key)
		return nil
	}
	t.failures[key] = list
	return list
}
