package web

import (
	"math"
	"sync"
	"time"
)

// answerLimiter is a token bucket per client address and per participant: a room behind
// one address (a venue's Wi-Fi) still answers, a script sending thousands is refused.
type answerLimiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	perAddr rate
	perUser rate
}

type rate struct {
	burst  float64
	perSec float64
}

type bucket struct {
	tokens float64
	at     time.Time
}

// The default rates: a room of several hundred phones behind one address answers a
// question at once; one phone answers (and changes its answer) a few times a second at most.
var (
	addressRate     = rate{burst: 600, perSec: 10}
	participantRate = rate{burst: 10, perSec: 1}
)

func newAnswerLimiter() *answerLimiter {
	return &answerLimiter{buckets: map[string]*bucket{}, perAddr: addressRate, perUser: participantRate}
}

// take spends a token of the address and one of the participant ("" for a phone without
// its cookie yet); it returns 0, or how long to wait.
func (l *answerLimiter) take(addr, participant string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buckets) > 100000 {
		clear(l.buckets) // bounded memory against a flood of fresh cookies
	}
	wait := l.spend("a:"+addr, l.perAddr, now)
	if participant != "" && wait == 0 {
		wait = l.spend("p:"+participant, l.perUser, now)
	}
	return wait
}

func (l *answerLimiter) spend(key string, r rate, now time.Time) time.Duration {
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: r.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(r.burst, b.tokens+now.Sub(b.at).Seconds()*r.perSec)
	b.at = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / r.perSec * float64(time.Second))
	}
	b.tokens--
	return 0
}
