package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const quiz = "/p/atelier-devinez-martigues"

// phone is a resident's phone: its own cookies (the participant id), no session.
type phone struct {
	t  testing.TB
	ts *httptest.Server
	hc *http.Client
}

func newPhone(t testing.TB, ts *httptest.Server) *phone {
	jar, _ := cookiejar.New(nil)
	return &phone{t: t, ts: ts, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (p *phone) do(method, path, contentType, body string) (int, string) {
	p.t.Helper()
	req, _ := http.NewRequest(method, p.ts.URL+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := p.hc.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

func (p *phone) answer(n, value string) (int, string) {
	p.t.Helper()
	return p.do("POST", quiz+"/questions/"+n+"/answers", "application/json", `{"value": `+value+`}`)
}

func (p *phone) get(path string) map[string]any {
	p.t.Helper()
	status, body := p.do("GET", path, "", "")
	if status != 200 {
		p.t.Fatalf("GET %s = %d %s", path, status, body)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		p.t.Fatalf("GET %s: %v in %s", path, err, body)
	}
	return v
}

func setState(t *testing.T, c *client, n, action string) {
	t.Helper()
	resp, body := c.do("POST", quiz+"/questions/"+n+"/state", `{"state": "`+action+`"}`, "Content-Type", "application/json")
	if resp.StatusCode != 200 {
		t.Fatalf("%s question %s = %d %s", action, n, resp.StatusCode, body)
	}
}

func TestAQuestionsLifeOverHTTP(t *testing.T) {
	c := loggedIn(t)
	a, b := newPhone(t, c.ts), newPhone(t, c.ts)
	if q := a.get(quiz + "/questions/1"); q["state"] != "closed" || q["kind"] != "number" || q["answers"] != 0.0 {
		t.Errorf("question 1 before the meeting: %v", q)
	}
	if status, body := a.answer("1", "40000"); status != 409 || !strings.Contains(body, "pas ouverte") {
		t.Errorf("answer to a closed question = %d %s", status, body)
	}
	if resp, _ := newClient(t, c.ts).do("POST", quiz+"/questions/1/state", `{"state": "open"}`, "Content-Type", "application/json"); resp.StatusCode != 401 {
		t.Errorf("an anonymous visitor opened a question: %d", resp.StatusCode)
	}
	setState(t, c, "1", "open")
	for _, tt := range []struct{ value, want string }{{`"beaucoup"`, "nombre"}, {`-5`, "en dehors des valeurs permises"}, {`{"a": 1}`, "nombre"}} {
		if status, body := a.answer("1", tt.value); status != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("answer %s = %d %s, want 400 with %q", tt.value, status, body, tt.want)
		}
	}
	for _, v := range []string{"30000", "45000"} { // the second replaces the first
		if status, body := a.answer("1", v); status != 200 {
			t.Fatalf("answer = %d %s", status, body)
		}
	}
	if status, _ := b.answer("1", "60000"); status != 200 {
		t.Fatal("second phone refused")
	}
	res := a.get(quiz + "/questions/1/results")
	if res["answers"] != 2.0 || res["results"] != nil || res["truth"] != nil {
		t.Errorf("results before the reveal: %v", res)
	}
	if _, body := c.do("GET", quiz+"/questions/1/results", ""); !strings.Contains(body, "48\u202f568 habitants") {
		t.Errorf("the facilitator does not see the truth before the reveal: %s", body)
	}
	setState(t, c, "1", "reveal")
	if status, _ := b.answer("1", "1"); status != 409 {
		t.Errorf("answer after the reveal = %d", status)
	}
	res = a.get(quiz + "/questions/1/results")
	results, _ := res["results"].(map[string]any)
	if results == nil || results["median"] != 52500.0 || !strings.Contains(results["summary"].(string), "1 personne sur 2 à moins de 10 %") {
		t.Errorf("results after the reveal: %v", res)
	}
	if truth, _ := res["truth"].(map[string]any); truth == nil || truth["number"] != 48568.0 {
		t.Errorf("truth after the reveal: %v", res["truth"])
	}
	setState(t, c, "1", "close")
	_, csv := c.do("GET", "/datasets/reponses-atelier-devinez-martigues/csv", "")
	if strings.Count(csv, "\n") != 3 || !strings.Contains(csv, "45000") || strings.Contains(csv, "30000") {
		t.Errorf("answers dataset:\n%s", csv)
	}
}

func TestAResetRoundStopsCountingButStaysInTheHistory(t *testing.T) {
	c := loggedIn(t)
	p := newPhone(t, c.ts)
	setState(t, c, "6", "open")
	p.answer("6", "4")
	setState(t, c, "6", "reset")
	if res := p.get(quiz + "/questions/6/results"); res["answers"] != 0.0 || res["state"] != "closed" {
		t.Errorf("after a reset: %v", res)
	}
	setState(t, c, "6", "open")
	if q := p.get(quiz + "/questions/6"); q["answers"] != 0.0 || q["state"] != "open" {
		t.Errorf("a new round: %v", q)
	}
	_, body := c.do("GET", quiz+"/questions/6", "")
	var q struct {
		Rounds []struct {
			ID      int64 `json:"id"`
			Answers int   `json:"answers"`
			Reset   bool  `json:"reset"`
		} `json:"rounds"`
	}
	json.Unmarshal([]byte(body), &q)
	if len(q.Rounds) != 2 || !q.Rounds[1].Reset || q.Rounds[1].Answers != 1 {
		t.Fatalf("history: %s", body)
	}
	first := q.Rounds[1]
	_, past := c.do("GET", quiz+"/questions/6/results?tour="+strconv.FormatInt(first.ID, 10), "")
	if !strings.Contains(past, `"label": "4"`) || !strings.Contains(past, `"count": 1`) {
		t.Errorf("the past round's results: %.600s", past)
	}
	if status, _ := p.do("GET", quiz+"/questions/6/results?tour="+strconv.FormatInt(first.ID, 10), "", ""); status != 200 {
		t.Errorf("status %d", status)
	} else if _, anon := p.do("GET", quiz+"/questions/6/results?tour="+strconv.FormatInt(first.ID, 10), "", ""); strings.Contains(anon, `"round"`) {
		t.Errorf("an anonymous visitor read a past round: %s", anon)
	}
	if resp, _ := c.do("POST", quiz+"/questions/6/state", `{"state": "open"}`, "Content-Type", "application/json"); resp.StatusCode != 409 {
		t.Errorf("opening an open question = %d", resp.StatusCode)
	}
}

func TestQuestionsOfAHiddenPageAreNotFound(t *testing.T) {
	c := loggedIn(t)
	resp, _ := c.do("PUT", "/api/pages/sondage-secret", `{"markdown": "# Secret\n\n`+"```question\\nkind: scale\\nask: Note ?\\n```"+`\n"}`,
		"Content-Type", "application/json", "If-None-Match", "*")
	if resp.StatusCode != 201 && resp.StatusCode != 200 {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	setStateOf(t, c, "/p/sondage-secret", "open")
	p := newPhone(t, c.ts)
	for _, path := range []string{"/p/sondage-secret/questions/1", "/p/sondage-secret/questions/1/results"} {
		if status, _ := p.do("GET", path, "", ""); status != 404 {
			t.Errorf("GET %s on a draft = %d", path, status)
		}
	}
	if status, _ := p.do("POST", "/p/sondage-secret/questions/1/answers", "application/json", `{"value": 3}`); status != 404 {
		t.Errorf("answer on a draft = %d", status)
	}
	c.do("POST", "/api/pages/sondage-secret/status", `{"status": "unlisted"}`, "Content-Type", "application/json")
	if status, _ := p.do("POST", "/p/sondage-secret/questions/1/answers", "application/json", `{"value": 3}`); status != 404 {
		t.Errorf("answer on an unlisted page without its key = %d", status)
	}
	key := shareKeyOf(t, c, "sondage-secret")
	if status, body := p.do("POST", "/p/sondage-secret/questions/1/answers?cle="+url.QueryEscape(key), "application/json", `{"value": 3}`); status != 200 {
		t.Errorf("answer with the key = %d %s", status, body)
	}
	if status, _ := p.do("GET", "/p/martigues-en-chiffres/questions/1", "", ""); status != 404 {
		t.Errorf("a page without questions answered %d", status)
	}
}

func setStateOf(t *testing.T, c *client, page, action string) {
	t.Helper()
	resp, body := c.do("POST", page+"/questions/1/state", `{"state": "`+action+`"}`, "Content-Type", "application/json")
	if resp.StatusCode != 200 {
		t.Fatalf("%s = %d %s", action, resp.StatusCode, body)
	}
}

func TestTenThousandAnswersFromOneAddressAreRefusedAndCountedOnce(t *testing.T) {
	c := loggedIn(t)
	setState(t, c, "1", "open")
	p := newPhone(t, c.ts)
	if status, _ := p.answer("1", "1000"); status != 200 { // the phone gets its cookie
		t.Fatalf("first answer = %d", status)
	}
	var ok, limited atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1250; i++ {
				switch status, _ := p.answer("1", "1000"); status {
				case 200:
					ok.Add(1)
				case 429:
					limited.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if limited.Load() < 9000 {
		t.Errorf("%d answers accepted, %d refused with 429", ok.Load(), limited.Load())
	}
	if q := p.get(quiz + "/questions/1"); q["answers"] != 1.0 {
		t.Errorf("one phone counted %v times", q["answers"])
	}
	// Without its cookie, each request would be a new phone: the address's own limit holds.
	var fresh atomic.Int64
	for i := 0; i < 1000; i++ {
		if status, _ := newPhone(t, c.ts).answer("1", "1000"); status == 200 {
			fresh.Add(1)
		}
	}
	if q := p.get(quiz + "/questions/1"); int64(q["answers"].(float64)) != 1+fresh.Load() || fresh.Load() >= 1000 {
		t.Errorf("%d cookieless answers accepted, %v counted", fresh.Load(), q["answers"])
	}
}

func TestHostileWordsStayText(t *testing.T) {
	c := loggedIn(t)
	setState(t, c, "7", "open")
	hostile := []string{`<img src=x onerror=alert(1)>`, `=HYPERLINK("http://evil.example")`, `@SUM(1+1)`}
	for _, w := range hostile {
		v, _ := json.Marshal([]string{w})
		if status, body := newPhone(t, c.ts).answer("7", string(v)); status != 200 {
			t.Fatalf("answer %s = %d %s", w, status, body)
		}
	}
	setState(t, c, "7", "reveal")
	_, body := newPhone(t, c.ts).do("GET", quiz+"/questions/7/results", "", "")
	if strings.Contains(body, "<img") {
		t.Errorf("results carry raw markup: %s", body)
	}
	setState(t, c, "7", "close")
	_, csv := c.do("GET", "/datasets/reponses-atelier-devinez-martigues/csv", "")
	for _, bad := range []string{"\n7;", `;=HYPERLINK`, `;"=HYPERLINK`, `;@SUM`} {
		if bad == "\n7;" {
			if !strings.Contains(csv, bad) {
				t.Errorf("no answer to question 7 in the CSV:\n%s", csv)
			}
			continue
		}
		if strings.Contains(csv, bad) {
			t.Errorf("the CSV holds a formula (%s):\n%s", bad, csv)
		}
	}
}

func TestThePlainFormPostsAndComesBack(t *testing.T) {
	c := loggedIn(t)
	setState(t, c, "4", "open")
	p := newPhone(t, c.ts)
	form := url.Values{"part": {"50", "20", "10", "10", "10"}}
	status, _ := p.do("POST", quiz+"/questions/4/answers", "application/x-www-form-urlencoded", form.Encode())
	if status != 303 {
		t.Fatalf("form answer = %d", status)
	}
	if q := p.get(quiz + "/questions/4"); q["answers"] != 1.0 {
		t.Errorf("form answer not counted: %v", q)
	}
	form = url.Values{"part": {"50", "50", "10", "10", "10"}}
	if status, body := p.do("POST", quiz+"/questions/4/answers", "application/x-www-form-urlencoded", form.Encode()); status != 400 || !strings.Contains(body, "100 %") {
		t.Errorf("a split of 130 %% = %d", status)
	}
	setState(t, c, "4", "close")
	_, csv := c.do("GET", "/datasets/reponses-atelier-devinez-martigues/csv", "")
	if !strings.Contains(csv, "M. Cyril MARTINEZ 50 | M. Gaby CHARROUX 20 |") {
		t.Errorf("the split is not written with its parts' names:\n%s", csv)
	}
}

func TestTheFacilitatorHidesAWord(t *testing.T) {
	c := loggedIn(t)
	setState(t, c, "7", "open")
	for _, w := range []string{`["vélo", "insulte"]`, `["Vélo"]`} {
		newPhone(t, c.ts).answer("7", w)
	}
	setState(t, c, "7", "reveal")
	if resp, _ := newClient(t, c.ts).do("POST", quiz+"/questions/7/words", `{"word": "insulte", "hidden": true}`, "Content-Type", "application/json"); resp.StatusCode != 401 {
		t.Errorf("an anonymous visitor hid a word: %d", resp.StatusCode)
	}
	if resp, body := c.do("POST", quiz+"/questions/7/words", `{"word": "Insulte", "hidden": true}`, "Content-Type", "application/json"); resp.StatusCode != 200 {
		t.Fatalf("hide = %d %s", resp.StatusCode, body)
	}
	_, public := newPhone(t, c.ts).do("GET", quiz+"/questions/7/results", "", "")
	if strings.Contains(public, "insulte") || !strings.Contains(public, "vélo") {
		t.Errorf("public results: %.400s", public)
	}
	if _, own := c.do("GET", quiz+"/questions/7/results", ""); !strings.Contains(own, `"hidden": true`) {
		t.Errorf("the facilitator no longer sees the hidden word: %.400s", own)
	}
	if resp, _ := c.do("POST", quiz+"/questions/1/words", `{"word": "x", "hidden": true}`, "Content-Type", "application/json"); resp.StatusCode != 400 {
		t.Errorf("hiding a word of a number question = %d", resp.StatusCode)
	}
}

func TestThePresentersPlainFormComesBackHomeOnly(t *testing.T) {
	c := loggedIn(t)
	resp, _ := c.do("POST", quiz+"/questions/2/state", "state=open", "Referer", "http://evil.example/x")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != quiz+"/present?presenter=1" {
		t.Errorf("a form from elsewhere = %d, back to %q", resp.StatusCode, loc)
	}
	resp, _ = c.do("POST", quiz+"/questions/2/state", "state=close", "Referer", c.ts.URL+quiz+"/present?presenter=1#diapo-3")
	if loc := resp.Header.Get("Location"); loc != quiz+"/present?presenter=1" {
		t.Errorf("back to %q", loc)
	}
}
