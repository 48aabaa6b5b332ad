package web_test

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestQuestionEventsReachThePageStream: a phone on the page's stream hears the question
// opened, counted and revealed (with its results and truth), and closed.
func TestQuestionEventsReachThePageStream(t *testing.T) {
	c := loggedIn(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", c.ts.URL+quiz+"/follow", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	lines.Scan() // retry: the stream is subscribed
	next := func(want string) string {
		t.Helper()
		event := ""
		for lines.Scan() {
			if e, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				event = e
			}
			if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok && event == want {
				return data
			}
		}
		t.Fatalf("no %q event", want)
		return ""
	}
	setState(t, c, "1", "open")
	if data := next("opened"); !strings.Contains(data, `"n":1`) || !strings.Contains(data, `"state":"open"`) {
		t.Errorf("opened = %s", data)
	}
	newPhone(t, c.ts).answer("1", "47000")
	if data := next("count"); !strings.Contains(data, `"answers":1`) {
		t.Errorf("count = %s", data)
	}
	setState(t, c, "1", "reveal")
	if data := next("revealed"); !strings.Contains(data, `"truth"`) || !strings.Contains(data, `48568`) || !strings.Contains(data, `"options"`) {
		t.Errorf("revealed = %.300s", data)
	}
	setState(t, c, "1", "close")
	if data := next("closed"); !strings.Contains(data, `"state":"closed"`) {
		t.Errorf("closed = %s", data)
	}
}
