package web_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/web"
)

// BenchmarkQuestionRoom measures the meeting: 500 phones, each with its own
// participant cookie and the page's stream open, answer a number question within 10 s
// (arrivals spread evenly over answerWindow, as a room answers); the presenter reveals. It reports the answers' p99, the time from the presenter's « reveal »
// to each phone's event (p99), how long the 500 answers took, and the memory per
// participant (client and server both run here: an upper bound for the server's).
func BenchmarkQuestionRoom(b *testing.B) {
	const phones = 500
	// Every phone here comes from 127.0.0.1: lift the live stream's per-address cap, which a
	// real room (one address per phone) never meets.
	c := loggedInTB(b, func(d *web.Deps) { d.Follow = web.FollowLimits{PerAddress: phones, Total: phones + 16} })
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		ctx, cancel := context.WithCancel(context.Background())
		streams := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: phones, DisableCompression: true}}
		answers := &http.Transport{MaxIdleConnsPerHost: 64}
		revealed := make(chan time.Time, phones)
		var ready, done sync.WaitGroup
		for i := 0; i < phones; i++ {
			ready.Add(1)
			done.Add(1)
			go listenForReveal(ctx, b, streams, c.ts.URL+quiz+"/follow", &ready, &done, revealed)
		}
		ready.Wait()
		if resp, body := c.do("POST", quiz+"/questions/1/state", `{"state": "open"}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
			b.Fatalf("open = %d %s", resp.StatusCode, body)
		}

		took, latencies := answerAll(b, c.ts.URL, answers, phones)
		var counted struct {
			Answers int `json:"answers"`
		}
		_, body := c.do("GET", quiz+"/questions/1", "")
		fmt.Sscanf(body[strings.Index(body, `"answers":`)+len(`"answers":`):], "%d", &counted.Answers)
		if counted.Answers != phones {
			b.Fatalf("%d answers counted, want %d", counted.Answers, phones)
		}
		runtime.GC()
		var during runtime.MemStats
		runtime.ReadMemStats(&during)

		sent := time.Now()
		if resp, body := c.do("POST", quiz+"/questions/1/state", `{"state": "reveal"}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
			b.Fatalf("reveal = %d %s", resp.StatusCode, body)
		}
		var reveal []time.Duration
		for i := 0; i < phones; i++ {
			select {
			case at := <-revealed:
				reveal = append(reveal, at.Sub(sent))
			case <-time.After(10 * time.Second):
				b.Fatalf("only %d of %d phones saw the reveal", i, phones)
			}
		}
		cancel()
		done.Wait()
		c.do("POST", quiz+"/questions/1/state", `{"state": "reset"}`, "Content-Type", "application/json")
		answerP99, revealP99 := p99(latencies), p99(reveal)
		perPhone := float64(during.HeapAlloc-before.HeapAlloc) / phones
		b.ReportMetric(float64(answerP99.Microseconds())/1000, "answer-p99-ms")
		b.ReportMetric(float64(revealP99.Microseconds())/1000, "reveal-p99-ms")
		b.ReportMetric(took.Seconds(), "answers-s")
		b.ReportMetric(perPhone/1024, "KiB/participant")
		fmt.Printf("questions: %d phones answered in %v, each counted once; answer p99 %v; reveal to every phone p99 %v; heap %.1f KiB per participant (client and server)\n",
			phones, took.Round(time.Millisecond), answerP99, revealP99, perPhone/1024)
	}
}

// answerWindow is how long the room takes to answer: well within the 10 s.
const answerWindow = 5 * time.Second

// answerAll sends one answer from each of n phones, spread over answerWindow, each with its
// own cookie jar.
func answerAll(b *testing.B, base string, tr *http.Transport, n int) (time.Duration, []time.Duration) {
	var mu sync.Mutex
	var latencies []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(answerWindow * time.Duration(i) / time.Duration(n)))) // the phone's moment, not a wait for an event
			jar, _ := cookiejar.New(nil)
			hc := &http.Client{Transport: tr, Jar: jar}
			req, _ := http.NewRequest("POST", base+quiz+"/questions/1/answers", strings.NewReader(fmt.Sprintf(`{"value": %d}`, 40000+i*20)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			t0 := time.Now()
			resp, err := hc.Do(req)
			if err != nil || resp.StatusCode != 200 {
				b.Errorf("answer %d: %v %v", i, resp, err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			latencies = append(latencies, time.Since(t0))
			mu.Unlock()
		}()
	}
	wg.Wait()
	return time.Since(start), latencies
}

func listenForReveal(ctx context.Context, b *testing.B, client *http.Client, url string, ready, done *sync.WaitGroup, revealed chan<- time.Time) {
	defer done.Done()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := client.Do(req)
	if err != nil {
		b.Error(err)
		ready.Done()
		return
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 4096), 1<<20)
	lines.Scan() // « retry: » comes once the phone is subscribed
	ready.Done()
	for lines.Scan() {
		if lines.Text() == "event: revealed" {
			revealed <- time.Now()
			return
		}
	}
}

func p99(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)*99/100]
}
