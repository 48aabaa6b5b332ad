package web_test

import (
	"strings"
	"testing"
)

// A page frozen after the reveal shows, at its permanent address and in its slides, the
// results and the truth of that moment, with no form: a reset and a new round later change
// nothing in it.
func TestAFrozenSnapshotShowsTheRevealedResultsAsTheyWere(t *testing.T) {
	c := loggedIn(t)
	a, b := newPhone(t, c.ts), newPhone(t, c.ts)
	setState(t, c, "1", "open")
	a.answer("1", "45000")
	b.answer("1", "60000")
	setState(t, c, "1", "reveal")
	if resp, body := c.do("POST", quiz+"/figer", "label=r%C3%A9union"); resp.StatusCode != 303 {
		t.Fatalf("freeze = %d %s", resp.StatusCode, body)
	}
	setState(t, c, "1", "reset")
	setState(t, c, "1", "open")
	a.answer("1", "1000")
	setState(t, c, "1", "reveal")

	for _, path := range []string{quiz + "/figee/1", quiz + "/figee/1/present"} {
		status, body := newPhone(t, c.ts).do("GET", path, "", "")
		if status != 200 {
			t.Fatalf("GET %s = %d", path, status)
		}
		q1 := body[strings.Index(body, `id="question-1"`):]
		q1 = q1[:strings.Index(q1, "</section>")]
		for _, want := range []string{"Médiane de la salle : 52\u202f500", "Réponse : 48\u202f568 habitants", "1 personne sur 2 à moins de 10 %"} {
			if !strings.Contains(q1, want) {
				t.Errorf("%s: question 1 lacks %q:\n%s", path, want, q1)
			}
		}
		if strings.Contains(body, `<form class="question"`) || strings.Contains(body, "/questions/1/answers") {
			t.Errorf("%s: the snapshot's questions can be answered", path)
		}
	}
}
