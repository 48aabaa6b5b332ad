package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"
)

// load sends total GET requests to url from conns keep-alive connections and reports the
// rate and the 99th percentile latency.
func load(b *testing.B, url string, conns, total int) (perSecond float64, p99 time.Duration) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	latencies := make([]time.Duration, total)
	var next sync.Mutex
	i := 0
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				n := i
				i++
				next.Unlock()
				if n >= total {
					return
				}
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				latencies[n] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	return float64(total) / elapsed.Seconds(), latencies[total*99/100]
}

// BenchmarkPageViews serves the demo page to 100 concurrent connections, and the same bytes
// as a static file from the same process, for comparison.
func BenchmarkPageViews(b *testing.B) {
	ts := newTestServer(b)
	const conns, total = 100, 20000
	url := ts.URL + "/p/martigues-en-chiffres"
	// The page as residents' phones get it, compressed; the static server sends those bytes.
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The same bytes on the wire, headers included (the security policy is part of every
	// answer), written from memory by the plainest handler: the floor for this process.
	header := resp.Header.Clone()
	header.Del("Date")
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Write(page)
	}))
	defer static.Close()
	for b.Loop() {
		rate, p99 := load(b, url, conns, total)
		srate, sp99 := load(b, static.URL, conns, total)
		b.ReportMetric(rate, "pages/s")
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(srate, "static/s")
		b.ReportMetric(float64(sp99.Microseconds())/1000, "static-p99-ms")
		fmt.Printf("page views: %.0f/s p99 %v; same bytes static: %.0f/s p99 %v (%d bytes)\n", rate, p99, srate, sp99, len(page))
	}
}
