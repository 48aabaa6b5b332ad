package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// vote is a draft page with a good question and a broken one (a misspelt column).
const vote = "# Vote\n\n```question\nkind: choice\nask: Quel quartier d'abord ?\nchoices: [Nord, Sud]\n```\n\n" +
	"```question\nkind: number\nask: Combien d'habitants ?\nanswer:\n  data: population-communes\n  y: sum(p21_popp)\n```\n"

// TestEditorRunsThePagesQuestions: the editor lists the page's questions with their state,
// says that a draft cannot be answered, and opens and reveals a question; its problem list
// calls a broken question a question, here and when publishing.
func TestEditorRunsThePagesQuestions(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	hc := facilitatorClient(t, srv.URL)
	body, _ := json.Marshal(map[string]string{"markdown": vote})
	req, _ := http.NewRequest("PUT", srv.URL+"/api/pages/vote", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-None-Match", "*")
	req.Header.Set("Origin", srv.URL)
	if resp, err := hc.Do(req); err != nil || resp.StatusCode/100 != 2 {
		t.Fatalf("save: %v %v", resp, err)
	}

	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")
	navigate(t, b, srv.URL+"/p/vote/edit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready]')`, 20*time.Second)
	waitFor(t, b, "the problem list", `document.querySelector('.editor-problems:not([hidden]) .editor-problems-title')`, 20*time.Second)
	if got := js[string](t, b, `document.querySelector('.editor-problems-title').textContent`); got != "Une question à corriger" {
		t.Errorf("problem list title = %q", got)
	}
	waitFor(t, b, "the questions' list", `document.querySelectorAll('.editor-questions:not([hidden]) li.editor-question[data-state]').length === 2`, 20*time.Second)
	if note := js[string](t, b, `(() => { const n = document.querySelector('.editor-questions-draft'); return n.hidden ? '' : n.textContent; })()`); !strings.Contains(note, "brouillon") {
		t.Errorf("the draft is not said: %q", note)
	}
	q1 := `.editor-question[data-question="1"]`
	if s := js[string](t, b, `document.querySelector('`+q1+` .editor-question-state').textContent`); !strings.Contains(s, "fermée") || !strings.Contains(s, "0 réponses") {
		t.Errorf("question 1's state = %q", s)
	}
	if !js[bool](t, b, `document.querySelector('.editor-question[data-question="2"] .editor-question-open').disabled`) {
		t.Error("the broken question can be opened")
	}
	click(t, b, q1+" .editor-question-open")
	waitFor(t, b, "question 1 open", `document.querySelector('`+q1+`[data-state="open"]')`, 10*time.Second)
	if state := questionState(t, hc, srv.URL); state != "open" {
		t.Errorf("the server says question 1 is %q", state)
	}

	// Published anyway: the confirmation names the broken question, and the draft note goes.
	setField(t, b, "select.editor-status", "published")
	waitFor(t, b, "the confirmation", `document.querySelector('.editor-broken-box li')`, 10*time.Second)
	if li := js[string](t, b, `document.querySelector('.editor-broken-box li').textContent`); !strings.HasPrefix(li, "Question 2, ligne ") {
		t.Errorf("the confirmation lists %q", li)
	}
	click(t, b, "button.editor-broken-go")
	waitFor(t, b, "the draft note to go", `document.querySelector('.editor').dataset.status === 'published' && document.querySelector('.editor-questions-draft').hidden`, 10*time.Second)
	click(t, b, q1+" .editor-question-reveal")
	waitFor(t, b, "question 1 revealed", `document.querySelector('`+q1+`[data-state="revealed"]')`, 10*time.Second)
	if state := questionState(t, hc, srv.URL); state != "revealed" {
		t.Errorf("the server says question 1 is %q", state)
	}
	b.expected("status of 409 (Conflict)") // the « publier quand même ? » answer, on purpose
	b.check(t)
}

func questionState(t *testing.T, hc *http.Client, base string) string {
	t.Helper()
	resp, err := hc.Get(base + "/p/vote/questions/1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var q struct {
		State string `json:"state"`
	}
	json.NewDecoder(resp.Body).Decode(&q)
	return q.State
}
