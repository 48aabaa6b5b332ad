package web_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/web"
)

// BenchmarkFollowers measures a meeting: 500 phones follow one presentation over
// server-sent events; the presenter moves 20 times. It reports the time from the
// presenter's request to each follower's event (p50, p99), and the server's memory per
// follower.
func BenchmarkFollowers(b *testing.B) {
	const followers, moves = 500, 20
	// Every phone of the benchmark comes from 127.0.0.1: lift the per-address cap.
	_, ts := newTestApp(b, func(d *web.Deps) { d.Follow = web.FollowLimits{PerAddress: followers, Total: followers} })
	c := newClient(b, ts)
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("login = %d", resp.StatusCode)
	}
	url := c.ts.URL + "/p/martigues-en-chiffres/follow"
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // a failed move must not leave followers holding the server open
		tr := &http.Transport{MaxIdleConnsPerHost: followers, DisableCompression: true}
		client := &http.Client{Transport: tr}
		arrivals := make(chan time.Time, followers*moves)
		var ready, done sync.WaitGroup
		for i := 0; i < followers; i++ {
			ready.Add(1)
			done.Add(1)
			go follow(ctx, b, client, url, &ready, &done, arrivals)
		}
		ready.Wait()
		runtime.GC()
		var during runtime.MemStats
		runtime.ReadMemStats(&during)

		var latencies []time.Duration
		for m := 1; m <= moves; m++ {
			sent := time.Now()
			if resp, _ := c.do("POST", "/p/martigues-en-chiffres/follow", fmt.Sprintf(`{"slide": %d}`, m%2+1)); resp.StatusCode != 200 {
				b.Fatalf("move = %d", resp.StatusCode)
			}
			for i := 0; i < followers; i++ {
				select {
				case at := <-arrivals:
					latencies = append(latencies, at.Sub(sent))
				case <-time.After(10 * time.Second):
					b.Fatalf("move %d: only %d of %d followers got the slide", m, i, followers)
				}
			}
		}
		cancel()
		done.Wait()
		tr.CloseIdleConnections()
		sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
		p50, p99 := latencies[len(latencies)/2], latencies[len(latencies)*99/100]
		// Both ends run in this process: the figure per follower counts the client's side too,
		// so it is an upper bound for the server's.
		perFollower := float64(during.HeapAlloc-before.HeapAlloc) / followers
		b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(perFollower/1024, "KiB/follower")
		fmt.Printf("followers: %d, moves: %d, presenter-to-follower p50 %v p99 %v, heap %.1f KiB per follower (client and server)\n",
			followers, moves, p50, p99, perFollower/1024)
	}
}

func follow(ctx context.Context, b *testing.B, client *http.Client, url string, ready, done *sync.WaitGroup, arrivals chan<- time.Time) {
	defer done.Done()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := client.Do(req)
	if err != nil {
		ready.Done()
		b.Error(err)
		return
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // « retry: » comes once the follower is subscribed
	ready.Done()
	slide := false
	for lines.Scan() {
		switch {
		case lines.Text() == "event: slide":
			slide = true
		case slide && strings.HasPrefix(lines.Text(), "data: "):
			slide = false
			arrivals <- time.Now()
		}
	}
}
