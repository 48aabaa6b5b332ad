package web_test

import (
	"strings"
	"testing"
)

// The offline file opens from disk, where a form has nowhere to post: each question is text
// (its ask, its choices), with its results only if they were revealed when the file was
// made. The anonymous copy, served from the cache, is made again after a reveal.
func TestTheOfflineFileShowsQuestionsAsTextWithTheirRevealedResults(t *testing.T) {
	c := loggedIn(t)
	anon := newPhone(t, c.ts)
	status, before := anon.do("GET", quiz+"/hors-ligne.html", "", "")
	if status != 200 {
		t.Fatalf("offline = %d", status)
	}
	if strings.Contains(before, "<form") || strings.Contains(before, "/answers") {
		t.Error("the offline file holds a form that posts")
	}
	if q1 := questionIn(t, before, 1); !strings.Contains(q1, "Combien") || !strings.Contains(q1, "Résultats non révélés") || strings.Contains(q1, "48\u202f568") {
		t.Errorf("question 1 before the reveal:\n%s", q1)
	}
	if q := questionIn(t, before, 2); !strings.Contains(q, "<li>") {
		t.Errorf("question 2 lost its choices:\n%s", q)
	}
	setState(t, c, "1", "open")
	newPhone(t, c.ts).answer("1", "45000")
	newPhone(t, c.ts).answer("1", "60000")
	setState(t, c, "1", "reveal")
	_, after := anon.do("GET", quiz+"/hors-ligne.html", "", "")
	if q1 := questionIn(t, after, 1); !strings.Contains(q1, "Réponse : 48\u202f568 habitants") || !strings.Contains(q1, "Médiane de la salle : 52\u202f500") {
		t.Errorf("question 1 after the reveal:\n%s", q1)
	}
	if q := questionIn(t, after, 2); !strings.Contains(q, "Résultats non révélés") {
		t.Errorf("question 2, never revealed:\n%s", q)
	}
}

// questionIn is question n's text in a page.
func questionIn(t *testing.T, page string, n int) string {
	t.Helper()
	id := `id="question-` + string(rune('0'+n)) + `"`
	i := strings.Index(page, id)
	if i < 0 {
		t.Fatalf("no %s in the page", id)
	}
	q := page[i:]
	if end := strings.Index(q, "</section>"); end >= 0 {
		return q[:end]
	}
	return q[:min(len(q), 600)]
}
