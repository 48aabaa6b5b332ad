package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/web"
)

// gzipBomb is a gzip file of about size bytes that decompresses to about a thousand times
// more: copies of one small member, which gzip readers read one after the other.
func gzipBomb(t testing.TB, size int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte("1;2\n"), 4<<20)) // 16 MB of a plausible CSV
	zw.Close()
	return bytes.Repeat(member.Bytes(), size/member.Len()+1)
}

// heapPeak samples the heap in use while work runs and returns its peak above the start.
func heapPeak(work func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	work()
	close(done)
	wg.Wait()
	return peak - base
}

// Four 8.7 MB gzip bombs uploaded at once are refused with 422, without the server holding
// what they expand to. The bound on concurrent uploads is raised to four for the test, so
// that the four are read at once. Before uploads were staged on disk: 1140 MB.
func TestFourConcurrentGzipBombsStayOutOfMemory(t *testing.T) {
	_, ts := newTestApp(t, func(d *web.Deps) { d.MaxUploads = 4 })
	c := newClient(t, ts)
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", resp.StatusCode)
	}
	body, ctype := multipartBody(t, "file", "bombe.csv.gz", gzipBomb(t, 87<<17), 0) // 8.7 MB
	codes := make([]int, 4)
	texts := make([]string, 4)
	peak := heapPeak(func() {
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
				codes[i], texts[i] = resp.StatusCode, text
			}()
		}
		wg.Wait()
	})
	t.Logf("peak heap in use of four concurrent 8.7 MB gzip bomb uploads: %d MB", peak>>20)
	for i, code := range codes {
		if code != 422 || !strings.Contains(texts[i], "une fois décompressé") {
			t.Errorf("bomb %d = %d %s", i+1, code, texts[i])
		}
	}
	if peak > 96<<20 {
		t.Errorf("four bombs took %d MB of heap; want under 96 MB", peak>>20)
	}
}

// blockingBody is a request body whose first read says so, then waits for release.
type blockingBody struct {
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (b *blockingBody) Read(p []byte) (int, error) {
	b.once.Do(func() { close(b.started) })
	<-b.release
	return 0, io.ErrUnexpectedEOF
}

// Past the bound on uploads read at once, an upload is turned away at once with 503, a
// Retry-After and a French message; the slot is free again once the first upload ends.
func TestUploadsPastTheBoundAreTurnedAway(t *testing.T) {
	srv, ts := newTestApp(t, func(d *web.Deps) { d.MaxUploads = 1 })
	c := newClient(t, ts)
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", resp.StatusCode)
	}
	post := func(body io.Reader) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/uploads", body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Cookie", "atelier_session="+c.cookie)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec
	}
	first := &blockingBody{started: make(chan struct{}), release: make(chan struct{})}
	done := make(chan int)
	go func() { done <- post(first).Code }()
	<-first.started // the first upload holds the only slot
	rec := post(strings.NewReader("--x--\r\n"))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" ||
		!strings.Contains(rec.Body.String(), "réessayez dans") {
		t.Errorf("a second upload at once = %d, Retry-After %q: %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	close(first.release)
	if code := <-done; code != http.StatusBadRequest {
		t.Errorf("the cut first upload = %d; want 400", code)
	}
	body, ctype := multipartBody(t, "file", "a.csv", []byte("a;b\n1;2\n"), 0)
	if resp, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype); resp.StatusCode != 200 {
		t.Errorf("an upload once the slot is free = %d %s", resp.StatusCode, text)
	}
}
