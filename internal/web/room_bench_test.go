package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/web"
)

// BenchmarkPresentationStarts measures the meeting's first moment: 100 phones have the page
// open (each holds the page's live stream); the presenter's first slide reaches the server;
// the figure is the time until the last phone has the etat event that shows « Suivre »
// (atelier.js shows the button as the event arrives).
func BenchmarkPresentationStarts(b *testing.B) {
	const phones = 100
	_, ts := newTestApp(b, func(d *web.Deps) { d.Follow = web.FollowLimits{PerAddress: phones, Total: phones} })
	c := newClient(b, ts)
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("login = %d", resp.StatusCode)
	}
	var worst time.Duration
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		tr := &http.Transport{MaxIdleConnsPerHost: phones, DisableCompression: true}
		client := &http.Client{Transport: tr}
		live := make(chan time.Time, phones)
		var ready sync.WaitGroup
		for i := 0; i < phones; i++ {
			ready.Add(1)
			go waitForStart(ctx, b, client, ts.URL+"/p/martigues-en-chiffres/follow", &ready, live)
		}
		ready.Wait()
		sent := time.Now()
		if resp, _ := c.do("POST", "/p/martigues-en-chiffres/follow", `{"slide": 1}`); resp.StatusCode != 200 {
			b.Fatalf("first slide = %d", resp.StatusCode)
		}
		var last time.Time
		for i := 0; i < phones; i++ {
			select {
			case at := <-live:
				last = at
			case <-time.After(10 * time.Second):
				b.Fatalf("only %d of %d phones learnt that the presentation started", i, phones)
			}
		}
		worst = max(worst, last.Sub(sent))
		c.do("POST", "/p/martigues-en-chiffres/follow/fin", "")
		cancel()
		tr.CloseIdleConnections()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "start-to-100-phones-ms")
	fmt.Printf("presentation start: the last of %d phones had « Suivre » %v after the first slide\n", phones, worst)
}

// waitForStart opens a page's live stream and reports when an etat event says live.
func waitForStart(ctx context.Context, b *testing.B, client *http.Client, url string, ready *sync.WaitGroup, live chan<- time.Time) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := client.Do(req)
	if err != nil {
		ready.Done()
		b.Error(err)
		return
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // « retry: » comes once the phone is subscribed
	ready.Done()
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "data: ") && strings.Contains(lines.Text(), `"live":true`) {
			live <- time.Now()
			return
		}
	}
}

// BenchmarkAnonymousViews times, after the first, an anonymous view of the map page, its
// chart alone and its offline file (issue 9: ≤ 50 ms server time, even for a big map).
func BenchmarkAnonymousViews(b *testing.B) {
	ts := newTestServer(b)
	for _, path := range []string{"/p/carte-des-bouches-du-rhone", "/p/carte-des-bouches-du-rhone/charts/1", "/p/carte-des-bouches-du-rhone/hors-ligne.html"} {
		get := func() (time.Duration, int) {
			req, _ := http.NewRequest("GET", ts.URL+path, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			t0 := time.Now()
			resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return time.Since(t0), int(n)
		}
		first, _ := get()
		var worst time.Duration
		var size int
		for range 20 {
			d, n := get()
			worst, size = max(worst, d), n
		}
		name := strings.NewReplacer("/p/carte-des-bouches-du-rhone", "map-page", "/charts/1", "-chart-alone", "/hors-ligne.html", "-offline").Replace(path)
		b.ReportMetric(float64(worst.Microseconds())/1000, name+"-ms")
		fmt.Printf("views: %s first %v, then at most %v (20 views, %d bytes gzip)\n", name, first, worst, size)
	}
}
