package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// followHub is the one live stream of each page (GET /p/{slug}/follow): every open page,
// slide deck and wall holds one connection, and learns on it that a presentation started
// (event etat), where the presenter is (event slide), that it ended (event etat again), and
// whatever other part of atelier broadcasts to the room (questions, with broadcast).
//
// Each connection holds a small buffer of frames: a phone that stops reading loses its
// oldest frames, never slows the presenter down, and never grows the server's memory.
// Connections are capped per client address and in total (SECURITY.md: followers without
// end); a page's entry is dropped when nobody follows it and nobody presents it.
type followHub struct {
	mu     sync.Mutex
	now    func() time.Time // the clock; tests inject their own
	limits FollowLimits
	pages  map[string]*followedPage // by page slug
	byAddr map[string]int           // open connections per client address
	codes  map[string]string        // short codes of the presentations going on, to slugs
	total  int
	// sweeping: a goroutine ends the presentations whose presenter went quiet.
	sweeping bool
}

// FollowLimits caps the live stream's connections; zero fields take the defaults.
type FollowLimits struct {
	PerAddress int // a phone, a laptop, a household behind one address
	Total      int // the whole server
}

// DefaultFollowLimits hold a big meeting (hundreds of phones, each with a tab or two open)
// and keep one address from opening thousands of streams.
var DefaultFollowLimits = FollowLimits{PerAddress: 32, Total: 2000}

// A presentation is over when the presenter says « Terminer », or when their screen has not
// said it is still there for presenterGone (it beats every presenterBeat; see atelier.js).
const (
	presenterGone  = 8 * time.Second
	sweepEvery     = time.Second
	followerBuffer = 16 // frames a slow follower may lag behind before losing the oldest
)

// followedPage is the live state of one page.
type followedPage struct {
	followers map[chan []byte]struct{}
	live      bool
	slide     int
	beatAt    time.Time // the presenter's last word
	code      string    // the short address's code, while live
}

// followState is the etat event, and the /follow/etat answer.
type followState struct {
	Live  bool   `json:"live"`
	Slide int    `json:"slide"`
	Code  string `json:"code,omitempty"` // the short address's, shown on the wall anyway
}

// slideEvent is the slide event.
type slideEvent struct {
	Slide  int    `json:"slide"`
	Anchor string `json:"anchor"`
}

// errFollowFull is a connection past the caps: the handler answers 503 with Retry-After.
var errFollowFull = errors.New("follow: too many connections")

// eventNameRE keeps event names to one safe SSE token: no line break can end the frame.
var eventNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

func newFollowHub(limits FollowLimits, now func() time.Time) *followHub {
	if limits.PerAddress <= 0 {
		limits.PerAddress = DefaultFollowLimits.PerAddress
	}
	if limits.Total <= 0 {
		limits.Total = DefaultFollowLimits.Total
	}
	if now == nil {
		now = time.Now
	}
	return &followHub{now: now, limits: limits, pages: map[string]*followedPage{}, byAddr: map[string]int{}, codes: map[string]string{}}
}

func frame(event string, payload any) []byte {
	data, err := json.Marshal(payload)
	if err != nil {
		data = []byte("null")
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", event, data)
}

// page returns slug's entry, made if missing; h.mu is held.
func (h *followHub) page(slug string) *followedPage {
	p := h.pages[slug]
	if p == nil {
		p = &followedPage{followers: map[chan []byte]struct{}{}}
		h.pages[slug] = p
	}
	return p
}

// prune drops slug's entry once nobody follows or presents it; h.mu is held.
func (h *followHub) prune(slug string) {
	if p := h.pages[slug]; p != nil && len(p.followers) == 0 && !p.live {
		delete(h.pages, slug)
	}
}

// subscribe opens a connection of addr to slug. Its channel first carries the etat event,
// then the current slide if a presentation is on.
func (h *followHub) subscribe(slug, addr string) (chan []byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.total >= h.limits.Total || h.byAddr[addr] >= h.limits.PerAddress {
		return nil, errFollowFull
	}
	h.total++
	h.byAddr[addr]++
	ch := make(chan []byte, followerBuffer)
	p := h.page(slug)
	p.followers[ch] = struct{}{}
	ch <- frame("etat", followState{Live: p.live, Slide: p.slide, Code: p.code})
	if p.live && p.slide > 0 {
		ch <- frame("slide", slideEvent{Slide: p.slide, Anchor: "diapo-" + itoa(p.slide)})
	}
	return ch, nil
}

func (h *followHub) unsubscribe(slug, addr string, ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p := h.pages[slug]; p != nil {
		if _, ok := p.followers[ch]; ok {
			delete(p.followers, ch)
			h.total--
			if h.byAddr[addr]--; h.byAddr[addr] <= 0 {
				delete(h.byAddr, addr)
			}
		}
	}
	h.prune(slug)
}

// send queues a frame for every follower of p; h.mu is held.
func (p *followedPage) send(f []byte) {
	for ch := range p.followers {
		select {
		case ch <- f:
		default: // full: lose the oldest frame, keep the newest
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- f:
			default:
			}
		}
	}
}

// broadcast sends the event, its payload as JSON, to every open page, deck and wall of slug
// (an SSE frame `event: NAME` / `data: JSON`). Names are lower-case words with dashes
// (e.g. "question"); atelier.js hands each event to atelierLive.on(NAME, fn) listeners and
// dispatches it as the DOM event "atelier:NAME" on document. It reports how many
// connections it reached, and refuses an unsafe name.
func (h *followHub) broadcast(slug, event string, payload any) (int, error) {
	if !eventNameRE.MatchString(event) {
		return 0, fmt.Errorf("follow: bad event name %q", event)
	}
	f := frame(event, payload)
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.pages[slug]
	if p == nil {
		return 0, nil
	}
	p.send(f)
	return len(p.followers), nil
}

// publish is the presenter on slide n: a move, or the presenter view's heartbeat. The first
// one starts the presentation. It reports how many connections follow the page.
func (h *followHub) publish(slug string, slide int) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.page(slug)
	p.beatAt = h.now()
	if !p.live {
		p.live = true
		p.slide = slide
		p.code = h.newCode(slug)
		p.send(frame("etat", followState{Live: true, Slide: slide, Code: p.code}))
		p.send(frame("slide", slideEvent{Slide: slide, Anchor: "diapo-" + itoa(slide)}))
		h.startSweeper()
	} else if slide != p.slide {
		p.slide = slide
		p.send(frame("slide", slideEvent{Slide: slide, Anchor: "diapo-" + itoa(slide)}))
	}
	return len(p.followers)
}

// end stops slug's presentation (« Terminer »): every page hides « Suivre ».
func (h *followHub) end(slug string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.endLocked(slug)
}

func (h *followHub) endLocked(slug string) {
	p := h.pages[slug]
	if p == nil || !p.live {
		return
	}
	p.live, p.slide = false, 0
	delete(h.codes, p.code)
	p.code = ""
	p.send(frame("etat", followState{}))
	h.prune(slug)
}

// expire ends the presentations whose presenter has been quiet for presenterGone, and
// reports whether any is still on.
func (h *followHub) expire() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	on := false
	for slug, p := range h.pages {
		if p.live && now.Sub(p.beatAt) > presenterGone {
			h.endLocked(slug)
		}
		on = on || (h.pages[slug] != nil && h.pages[slug].live)
	}
	h.sweeping = on
	return on
}

// startSweeper runs expire every second while a presentation is on; h.mu is held.
func (h *followHub) startSweeper() {
	if h.sweeping {
		return
	}
	h.sweeping = true
	go func() {
		t := time.NewTicker(sweepEvery)
		defer t.Stop()
		for range t.C {
			if !h.expire() {
				return
			}
		}
	}()
}

// newCode draws a 4-digit code no presentation going on uses; h.mu is held. A city's
// server has a handful of presentations at once, far from the 9,000 codes.
func (h *followHub) newCode(slug string) string {
	for {
		code := strconv.Itoa(1000 + rand.IntN(9000))
		if _, taken := h.codes[code]; !taken {
			h.codes[code] = slug
			return code
		}
	}
}

// code is the short code of slug's presentation, "" when none is going on.
func (h *followHub) code(slug string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p := h.pages[slug]; p != nil {
		return p.code
	}
	return ""
}

// slugOfCode is the page a short code leads to while its presentation goes on.
func (h *followHub) slugOfCode(code string) (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	slug, ok := h.codes[code]
	return slug, ok
}

// live reports whether a presenter is showing the page now, and on which slide.
func (h *followHub) live(slug string) followState {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p := h.pages[slug]; p != nil && p.live {
		return followState{Live: true, Slide: p.slide, Code: p.code}
	}
	return followState{}
}

// size reports the pages and connections the hub holds (tests check it prunes).
func (h *followHub) size() (pages, conns int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.pages), h.total
}
