package web

import (
	"encoding/json"
	"sync"
	"time"
)

// followHub relays a presenter's slide changes to the residents following the same page.
// Each follower holds a one-slot channel: a slow phone gets the latest slide, never a
// backlog, and never slows the presenter down.
type followHub struct {
	mu        sync.Mutex
	followers map[string]map[chan []byte]struct{} // by page slug
	current   map[string][]byte                   // last event per page, for late joiners
	movedAt   map[string]time.Time                // when the presenter last moved, per page
}

// liveFor is how long after the presenter's last move a presentation counts as going on:
// a council meeting's debate can leave one slide on the wall for a long time.
const liveFor = 3 * time.Hour

func newFollowHub() *followHub {
	return &followHub{followers: map[string]map[chan []byte]struct{}{}, current: map[string][]byte{}, movedAt: map[string]time.Time{}}
}

// slideEvent is what followers receive.
type slideEvent struct {
	Slide  int    `json:"slide"`
	Anchor string `json:"anchor"`
}

// subscribe registers a follower of slug; the channel first carries the current slide, if
// the presentation has started.
func (h *followHub) subscribe(slug string) chan []byte {
	ch := make(chan []byte, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.followers[slug] == nil {
		h.followers[slug] = map[chan []byte]struct{}{}
	}
	h.followers[slug][ch] = struct{}{}
	if ev, ok := h.current[slug]; ok {
		ch <- ev
	}
	return ch
}

func (h *followHub) unsubscribe(slug string, ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.followers[slug], ch)
	if len(h.followers[slug]) == 0 {
		delete(h.followers, slug)
	}
}

// publish sends the slide to every follower of slug and reports how many there are.
func (h *followHub) publish(slug string, slide int) int {
	ev, _ := json.Marshal(slideEvent{Slide: slide, Anchor: "diapo-" + itoa(slide)})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.current[slug] = ev
	h.movedAt[slug] = time.Now()
	for ch := range h.followers[slug] {
		select {
		case <-ch: // drop the stale slide the follower has not read yet
		default:
		}
		ch <- ev
	}
	return len(h.followers[slug])
}

// live reports whether a presenter is showing the page now, and on which slide.
func (h *followHub) live(slug string, now time.Time) (bool, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	at, ok := h.movedAt[slug]
	if !ok || now.Sub(at) > liveFor {
		return false, 0
	}
	var ev slideEvent
	json.Unmarshal(h.current[slug], &ev)
	return true, ev.Slide
}
