package notebooks_test

import (
	"context"
	"strings"
	"testing"
)

const shareBlock = "```question\nkind: share\nask: Répartissez le budget\nanswer:\n  data: budget\n  x: quartier\n  y: sum(montant)\n```\n"

func TestAQuestionIsAFormAndASlideOfItsOwn(t *testing.T) {
	f := newFixture(t)
	src := "# Atelier\n\nIntro.\n\n" + shareBlock + "\nAprès.\n"
	p, err := f.pages.Save(context.Background(), "atelier", src, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<form class="question" id="question-1"`, `action="/p/atelier/questions/1/answers"`,
		"<fieldset>", "<legend>", `data-choice="Jonquières"`, `name="part"`,
	} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if len(p.Slides) != 3 || !strings.Contains(p.Slides[1], "question-1") || strings.Contains(p.Slides[1], "Intro") || strings.Contains(p.Slides[1], "Après") {
		t.Errorf("slides: %d, the question's: %.200s", len(p.Slides), p.Slides[1])
	}
	blocks, err := f.pages.QuestionsOf(context.Background(), "atelier")
	if err != nil || len(blocks) != 1 || blocks[0].Truth == nil || len(blocks[0].Truth.Parts) != 3 {
		t.Fatalf("questions = %+v, %v", blocks, err)
	}
	var sum float64
	for _, part := range blocks[0].Truth.Parts {
		sum += part.Percent
	}
	if sum < 99.8 || sum > 100.2 {
		t.Errorf("the real split adds up to %v", sum)
	}
}

func TestABrokenQuestionPointsAtItsPageLine(t *testing.T) {
	f := newFixture(t)
	src := "# Titre\n\n```question\nkind: share\nask: Répartissez\nanswer:\n  data: budget\n  x: quartier\n  y: sum(montnat)\n```\n"
	r, err := f.r.Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || r.Problems[0].Line != 9 || r.Problems[0].Question != 1 || !strings.Contains(r.Problems[0].Message, "montant") {
		t.Errorf("problems = %+v; want one on line 9 suggesting « montant »", r.Problems)
	}
	if !strings.Contains(r.HTML, "Question 1, ligne 9 de la page") {
		t.Errorf("the page does not show the mistake in place: %s", r.HTML)
	}
	if r, _ := f.r.Render(context.Background(), "# T\n\n"+shareBlock); !strings.Contains(r.HTML, `class="question-send" disabled`) {
		t.Error("a preview's question can be sent")
	}
}
