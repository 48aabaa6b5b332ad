package notebooks_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const choiceBlock = "```question\nkind: choice\nask: Quel quartier dépense le plus ?\nchoices: [Jonquières, L'Île, Ferrières]\nanswer: Jonquières\n```\n"

func answer(t *testing.T, f *fixture, participant, value string) {
	t.Helper()
	js, _ := json.Marshal(value)
	if err := f.pages.Answers().Answer(context.Background(), "q", 1, participant, js); err != nil {
		t.Fatal(err)
	}
}

func change(t *testing.T, f *fixture, action string) {
	t.Helper()
	if _, err := f.pages.Answers().Change(context.Background(), "q", 1, "Quel quartier ?", action); err != nil {
		t.Fatalf("%s: %v", action, err)
	}
}

// A snapshot taken after the reveal keeps the results and the truth of that moment, and a
// later round or a reset changes nothing in it; a snapshot never takes answers.
func TestASnapshotKeepsTheQuestionsAsTheyWere(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.pages.Save(ctx, "q", "# Atelier\n\n"+choiceBlock, "test", 0); err != nil {
		t.Fatal(err)
	}
	before, err := f.pages.Freeze(ctx, "q", "avant la réunion", "a")
	if err != nil {
		t.Fatal(err)
	}
	change(t, f, "open")
	answer(t, f, "p1", "Jonquières")
	answer(t, f, "p2", "Jonquières")
	answer(t, f, "p3", "Ferrières")
	counted, err := f.pages.Freeze(ctx, "q", "pendant le vote", "a")
	if err != nil {
		t.Fatal(err)
	}
	change(t, f, "reveal")
	revealed, err := f.pages.Freeze(ctx, "q", "après la révélation", "a")
	if err != nil {
		t.Fatal(err)
	}
	change(t, f, "reset")
	change(t, f, "open")
	answer(t, f, "p4", "L'Île")
	change(t, f, "reveal")

	for n, want := range map[int][]string{
		before.Number:   {"Question pas encore posée"},
		counted.Number:  {"3 réponses ; résultats non révélés"},
		revealed.Number: {"Résultats révélés", "Réponse : Jonquières", "<th scope=\"row\">Jonquières</th><td class=\"num\">2</td>", "<th scope=\"row\">Ferrières</th><td class=\"num\">1</td>"},
	} {
		snap, err := f.pages.SnapshotAt(ctx, "q", n)
		if err != nil {
			t.Fatal(err)
		}
		for _, html := range []string{snap.Page.HTML, strings.Join(snap.Page.Slides, "")} {
			if strings.Contains(html, "<form") || strings.Contains(html, "questions/1/answers") {
				t.Errorf("snapshot %d can still be answered: %s", n, html)
			}
			if !strings.Contains(html, "Quel quartier dépense le plus ?") || !strings.Contains(html, "<li>Ferrières</li>") {
				t.Errorf("snapshot %d lost the question's text: %s", n, html)
			}
			for _, w := range want {
				if !strings.Contains(html, w) {
					t.Errorf("snapshot %d lacks %q: %s", n, w, html)
				}
			}
			if strings.Contains(html, "L&#39;Île</th><td class=\"num\">1") {
				t.Errorf("snapshot %d shows a later round: %s", n, html)
			}
		}
	}
	p, err := f.pages.Get(ctx, "q")
	if err != nil || !strings.Contains(p.HTML, `<form class="question"`) {
		t.Errorf("the live page lost its form: %v", err)
	}
}

// A page whose only mistake is in a question still has problems to show its authors.
func TestProblemsListABrokenQuestion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.pages.Save(ctx, "q", "# T\n\n```question\nkind: choice\nask: Oui ?\nchoices: [Oui, Non]\nanswer: Nom\n```\n", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := f.pages.Problems(ctx, p)
	if err != nil || len(problems) != 1 || problems[0].Question != 1 || problems[0].Chart != 0 {
		t.Errorf("problems = %+v, %v; want question 1", problems, err)
	}
}
