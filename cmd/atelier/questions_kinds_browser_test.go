package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

func setQuestionState(t *testing.T, hc *http.Client, base, slug string, n int, state string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/p/"+slug+"/questions/"+string(rune('0'+n))+"/state", strings.NewReader(`{"state": "`+state+`"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", base)
	resp, err := hc.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s question %d: %v %v", state, n, resp, err)
	}
	resp.Body.Close()
}

// TestBrowserEveryKindOfQuestionOnAPhone answers the demo's seven questions on a 360 px
// phone, each the way a resident would (typing, ticking, sliding, drawing with a finger),
// then sees every result drawn, hostile words included, as text.
func TestBrowserEveryKindOfQuestionOnAPhone(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	hc := facilitatorClient(t, srv.URL)
	const slug = "atelier-devinez-martigues"
	for n := 1; n <= 7; n++ {
		setQuestionState(t, hc, srv.URL, slug, n, "open")
	}
	b := newBrowser(t, srv.URL)
	phone := b.context(t, 360, 740)
	navigate(t, phone, srv.URL+"/p/"+slug)
	waitFor(t, phone, "seven open questions", `document.querySelectorAll('form.question[data-state="open"]').length === 7`, 10*time.Second)
	if n := js[int](t, phone, `document.querySelectorAll('form.question > fieldset > legend').length`); n != 7 {
		t.Errorf("%d questions with a fieldset and its legend", n)
	}
	if w := js[int](t, phone, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the page is %d px wide on a 360 px phone", w)
	}

	setField(t, phone, "#question-1 input[name=value]", "50000")
	js[bool](t, phone, `(document.querySelector('#question-2 input[value="Martigues"]').click(), true)`)
	js[bool](t, phone, `(document.querySelector('#question-3 input[value="Martigues"]').click(), document.querySelector('#question-3 input[value="Istres"]').click(), true)`)
	setField(t, phone, "#question-4 .question-slider", "40")
	if sum := js[int](t, phone, `[...document.querySelectorAll('#question-4 input[name=part]')].reduce((s, i) => s + Number(i.value), 0)`); sum != 100 {
		t.Errorf("the share sliders add up to %d", sum)
	}
	drawWithAFinger(t, phone, "#question-5 svg.question-draw-svg")
	if empty := js[int](t, phone, `[...document.querySelectorAll('#question-5 .question-draw-fields input')].filter(i => i.value === '').length`); empty != 0 {
		t.Errorf("%d points left undrawn", empty)
	}
	js[bool](t, phone, `(document.querySelector('#question-6 input[value="4"]').click(), true)`)
	setField(t, phone, "#question-7 input[name=value]", "<b>vélo</b>")
	for n := 1; n <= 7; n++ {
		sel := "#question-" + string(rune('0'+n))
		press(t, phone, sel+" .question-send")
		waitFor(t, phone, "answer "+sel, `/enregistrée/.test(document.querySelector('`+sel+` .question-status').textContent)`, 5*time.Second)
	}
	for n := 1; n <= 7; n++ {
		setQuestionState(t, hc, srv.URL, slug, n, "reveal")
	}
	waitFor(t, phone, "seven results drawn", `document.querySelectorAll('.question-results figure[data-chart][data-drawn="true"]').length === 7`, 20*time.Second)
	if !js[bool](t, phone, `[...document.querySelectorAll('#question-7 .question-word-text')].some(w => w.textContent === '<b>vélo</b>') && !document.querySelector('.question-results b')`) {
		t.Error("the hostile word is not shown as text")
	}
	shot(t, phone, "phone")

	// The same phone in English: the forms' own words follow the page's language.
	click(t, phone, `form.lang-switch button[value="en"]`)
	waitFor(t, phone, "the English page", `document.documentElement.lang === 'en' && document.querySelector('#question-1 .question-send')`, 20*time.Second)
	for sel, want := range map[string]string{
		"#question-1 .question-send":        "Send my answer",
		"#question-1 .question-number":      "Question 1",
		"#question-1 .question-label-guess": "Your estimate",
		"#question-4 .question-hint":        "Share 100 % between these items.",
		"#question-7 .question-label-word":  "Word",
		"#question-1 .question-status":      "The answers are revealed.",
	} {
		waitFor(t, phone, sel+" in English", `(document.querySelector('`+sel+`') || {}).textContent === '`+want+`'`, 5*time.Second)
	}
	b.check(t)
	phone.check(t)
}

// drawWithAFinger drags across the drawing from its left third to its right edge.
func drawWithAFinger(t *testing.T, b *browser, sel string) {
	t.Helper()
	js[bool](t, b, `(document.querySelector('`+sel+`').scrollIntoView(), true)`)
	type box struct{ X, Y, W, H float64 }
	r := js[box](t, b, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`)
	y := r.Y + r.H/2
	steps := []struct {
		typ  input.DispatchMouseEventType
		x, y float64
	}{{input.DispatchMouseEventTypeMousePressed, r.X + r.W*0.35, y}}
	for i := 1; i <= 10; i++ {
		steps = append(steps, struct {
			typ  input.DispatchMouseEventType
			x, y float64
		}{input.DispatchMouseEventTypeMouseMoved, r.X + r.W*(0.35+0.064*float64(i)), y - float64(i)*3})
	}
	steps = append(steps, struct {
		typ  input.DispatchMouseEventType
		x, y float64
	}{input.DispatchMouseEventTypeMouseReleased, r.X + r.W*0.99, y - 30})
	for _, s := range steps {
		if err := chromedp.Do(b.ctx, chromedp.MouseEvent(s.typ, s.x, s.y, chromedp.ButtonLeft)); err != nil {
			t.Fatalf("draw: %v", err)
		}
	}
}

// TestBrowserQuestionsPassAnAccessibilityCheck runs axe-core on the demo's questions, open,
// on a phone, and on the wall.
func TestBrowserQuestionsPassAnAccessibilityCheck(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (`make assets` installs it with npm ci): %v", err)
	}
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	hc := facilitatorClient(t, srv.URL)
	for n := 1; n <= 7; n++ {
		setQuestionState(t, hc, srv.URL, "atelier-devinez-martigues", n, "open")
	}
	b := newBrowser(t, srv.URL)
	for _, path := range []string{"/p/atelier-devinez-martigues", "/p/atelier-devinez-martigues/present#diapo-3"} {
		phone := b.context(t, 360, 740)
		navigate(t, phone, srv.URL+path)
		waitFor(t, phone, "the questions' state", `document.querySelectorAll('form.question[data-state="open"]').length === 7`, 10*time.Second)
		if _, err := chromedp.Run(phone.ctx, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatalf("%s: loading axe: %v", path, err)
		}
		found, err := chromedp.Run(phone.ctx, chromedp.Evaluate[[]axeViolation](
			`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		for _, v := range found {
			var where []string
			for _, n := range v.Nodes[:min(5, len(v.Nodes))] {
				where = append(where, strings.Join(n.Target, " ")+" "+n.HTML)
			}
			t.Errorf("%s: %s (%s): %s — %s", path, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
		}
		phone.check(t)
	}
}
