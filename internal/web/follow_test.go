package web

import (
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// frames drains what ch holds now.
func frames(ch chan []byte) string {
	var b strings.Builder
	for {
		select {
		case f := <-ch:
			b.Write(f)
		default:
			return b.String()
		}
	}
}

func TestFollowHubCapsConnectionsAndForgetsEmptyPages(t *testing.T) {
	h := newFollowHub(FollowLimits{PerAddress: 2, Total: 3}, nil)
	a1, err1 := h.subscribe("budget", "10.0.0.1")
	a2, err2 := h.subscribe("budget", "10.0.0.1")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if _, err := h.subscribe("autre", "10.0.0.1"); err != errFollowFull {
		t.Errorf("third connection of one address: %v; want errFollowFull", err)
	}
	b1, err := h.subscribe("autre", "10.0.0.2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.subscribe("autre", "10.0.0.3"); err != errFollowFull {
		t.Errorf("connection past the total: %v; want errFollowFull", err)
	}
	h.unsubscribe("budget", "10.0.0.1", a1)
	if _, err := h.subscribe("budget", "10.0.0.3"); err != nil {
		t.Errorf("a freed place was not given again: %v", err)
	}
	h.unsubscribe("budget", "10.0.0.1", a2)
	h.unsubscribe("autre", "10.0.0.2", b1)
	if pages, conns := h.size(); pages != 1 || conns != 1 {
		t.Errorf("hub holds %d pages, %d connections; want 1, 1", pages, conns)
	}
	if len(h.byAddr) != 1 {
		t.Errorf("hub still counts %d addresses; want 1", len(h.byAddr))
	}
}

func TestFollowHubEndsAPresentationWhoseScreenWentQuiet(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 3, 12, 18, 0, 0, 0, time.UTC)}
	h := newFollowHub(FollowLimits{}, clock.now)
	h.sweeping = true // the test sweeps by hand
	ch, _ := h.subscribe("budget", "10.0.0.1")
	if got := frames(ch); !strings.Contains(got, "event: etat\ndata: {\"live\":false,\"slide\":0}") {
		t.Fatalf("first frame = %q", got)
	}
	h.publish("budget", 1)
	code := h.code("budget")
	if got := frames(ch); !strings.Contains(got, `"live":true,"slide":1,"code":"`+code+`"`) || !strings.Contains(got, "event: slide\ndata: {\"slide\":1") {
		t.Errorf("start = %q", got)
	}
	if slug, ok := h.slugOfCode(code); !ok || slug != "budget" {
		t.Errorf("code %q leads to %q %v", code, slug, ok)
	}
	clock.t = clock.t.Add(5 * time.Second)
	h.publish("budget", 1) // the heartbeat
	clock.t = clock.t.Add(7 * time.Second)
	if !h.expire() || !h.live("budget").Live {
		t.Fatal("the presentation ended while its screen beat")
	}
	if got := frames(ch); got != "" {
		t.Errorf("a heartbeat sent %q", got)
	}
	clock.t = clock.t.Add(2 * time.Second)
	if h.expire() {
		t.Error("a presentation is still on 9 s after the last beat")
	}
	if got := frames(ch); !strings.Contains(got, "event: etat\ndata: {\"live\":false,\"slide\":0}") {
		t.Errorf("end = %q", got)
	}
	if _, ok := h.slugOfCode(code); ok {
		t.Error("the short code outlived its presentation")
	}
}

func TestFollowHubBroadcastsNamedEvents(t *testing.T) {
	h := newFollowHub(FollowLimits{}, nil)
	ch, _ := h.subscribe("budget", "10.0.0.1")
	frames(ch)
	n, err := h.broadcast("budget", "question", map[string]any{"n": 1, "state": "open"})
	if err != nil || n != 1 {
		t.Fatalf("broadcast = %d, %v", n, err)
	}
	if got := frames(ch); got != "event: question\ndata: {\"n\":1,\"state\":\"open\"}\n\n" {
		t.Errorf("frame = %q", got)
	}
	if _, err := h.broadcast("budget", "x\ndata: {}", nil); err == nil {
		t.Error("an event name with a line break was sent")
	}
	// A follower that stops reading keeps the newest frames, and the presenter never waits.
	for i := 0; i < 3*followerBuffer; i++ {
		h.broadcast("budget", "question", i)
	}
	got := frames(ch)
	if !strings.HasSuffix(got, "data: 47\n\n") || strings.Count(got, "event:") != followerBuffer {
		t.Errorf("a slow follower holds %d frames, ending %q", strings.Count(got, "event:"), got[len(got)-20:])
	}
}
