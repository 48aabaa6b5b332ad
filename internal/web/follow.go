package web

import (
	"encoding/json"
	"sync"
	"time"
)

// followHub relays a presenter's slide changes, and the page's other live events (questions
// opened, counted, revealed, closed: see broadcast), to the residents on the same page. Each
// follower holds a small channel: a slow phone loses its oldest events, never slows the
// presenter down, and the newest event always gets through.
type followHub struct {
	mu        sync.Mutex
	followers map[string]map[chan followEvent]struct{} // by page slug
	current   map[string][]byte                        // last slide event per page, for late joiners
	movedAt   map[string]time.Time                     // when the presenter last moved, per page
}

// liveFor is how long after the presenter's last move a presentation counts as going on:
// a council meeting's debate can leave one slide on the wall for a long time.
const liveFor = 3 * time.Hour

func newFollowHub() *followHub {
	return &followHub{followers: map[string]map[chan followEvent]struct{}{}, current: map[string][]byte{}, movedAt: map[string]time.Time{}}
}

// followEvent is one server-sent event: its name (slide, opened, count…) and its JSON data.
type followEvent struct {
	name string
	data []byte
}

// followBacklog is how many events a follower may have unread before it loses the oldest.
const followBacklog = 8

// slideEvent is what followers receive.
type slideEvent struct {
	Slide  int    `json:"slide"`
	Anchor string `json:"anchor"`
}

// subscribe registers a follower of slug; the channel first carries the current slide, if
// the presentation has started.
func (h *followHub) subscribe(slug string) chan followEvent {
	ch := make(chan followEvent, followBacklog)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.followers[slug] == nil {
		h.followers[slug] = map[chan followEvent]struct{}{}
	}
	h.followers[slug][ch] = struct{}{}
	if ev, ok := h.current[slug]; ok {
		ch <- followEvent{name: "slide", data: ev}
	}
	return ch
}

func (h *followHub) unsubscribe(slug string, ch chan followEvent) {
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
	h.sendLocked(slug, followEvent{name: "slide", data: ev})
	return len(h.followers[slug])
}

// broadcast sends a named event with a JSON payload to everyone on the page's stream, and
// reports how many received it.
func (h *followHub) broadcast(slug, event string, payload any) int {
	data, err := json.Marshal(payload)
	if err != nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sendLocked(slug, followEvent{name: event, data: data})
	return len(h.followers[slug])
}

func (h *followHub) sendLocked(slug string, ev followEvent) {
	for ch := range h.followers[slug] {
		select {
		case ch <- ev:
		default:
			select {
			case <-ch: // full: drop the oldest the follower has not read yet
			default:
			}
			ch <- ev
		}
	}
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
