package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests of the facilitators' workspace (issue 5): the whole path from a file on the
// desktop to a published page with a chart built without code, and two facilitators editing
// the same page without losing each other's text.

const editorPassword = "un mot de passe assez long"

// addFacilitator makes an account the way the documentation says: password on stdin.
func addFacilitator(t *testing.T, dir, email string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "-data", dir, "-email", email},
		strings.NewReader(editorPassword+"\n"), &out, &errOut)
	if err != nil {
		t.Fatalf("user add: %v\n%s%s", err, out.String(), errOut.String())
	}
}

// js evaluates an expression and fails the test on an exception.
func js[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds; on timeout it saves a screenshot
// and fails the test with what the page says.
func waitFor(t *testing.T, b *browser, what, cond string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			shot(t, b, "timeout")
			text, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 3000) : ''`))
			t.Fatalf("waiting for %s (%s): timed out (err %v)\npage text:\n%s", what, cond, err, text)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// shot saves a screenshot of the page under $ATELIER_SHOTS, when set (to look at by hand).
func shot(t *testing.T, b *browser, name string) {
	t.Helper()
	dir := os.Getenv("ATELIER_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(dir, t.Name()+"-"+name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
	}
}

func navigate(t *testing.T, b *browser, u string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("navigate %s: %v", u, err)
	}
}

func click(t *testing.T, b *browser, sel string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// setField sets a form control's value and fires the events a person's change would.
func setField(t *testing.T, b *browser, sel, value string) {
	t.Helper()
	q, _ := json.Marshal(sel)
	v, _ := json.Marshal(value)
	ok := js[bool](t, b, `(() => {
		const el = document.querySelector(`+string(q)+`);
		if (!el) return false;
		el.value = `+string(v)+`;
		if (el.value !== `+string(v)+`) return false;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`)
	if !ok {
		shot(t, b, "setfield")
		t.Fatalf("cannot set %s to %q", sel, value)
	}
}

// loginInBrowser fills the login form as a person would.
func loginInBrowser(t *testing.T, b *browser, base, email string) {
	t.Helper()
	navigate(t, b, base+"/login")
	if err := chromedp.Do(b.ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), editorPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
	); err != nil {
		t.Fatalf("login: %v", err)
	}
	waitFor(t, b, "the logged-in header", `document.querySelector('form.logout') && location.pathname !== '/login'`, 20*time.Second)
}

// TestEditorWalkFromFileToPublishedChart is the walk: log in, upload the INSEE file,
// confirm it as read, create a page, build « the ten most populated communes of the
// Bouches-du-Rhône » with the chart builder, insert it, let it autosave, publish, and see the
// chart drawn on the page by a visitor who is not logged in.
func TestEditorWalkFromFileToPublishedChart(t *testing.T) {
	began := time.Now()
	dir := t.TempDir()
	addFacilitator(t, dir, "bibliotheque@ville.fr")
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "bibliotheque@ville.fr")

	// Upload, review, confirm without changing anything.
	navigate(t, b, srv.URL+"/atelier/import")
	waitFor(t, b, "the import page", `document.querySelector('.upload[data-ready]')`, 20*time.Second)
	file, err := filepath.Abs("../../internal/demo/files/insee-population-2021.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{file})); err != nil {
		t.Fatalf("choose the file: %v", err)
	}
	waitFor(t, b, "the review screen", `document.querySelector('section.upload-review:not([hidden]) form.upload-confirm')`, 60*time.Second)
	shot(t, b, "review")
	// The column names are in fields, where the facilitator may correct them.
	review := js[string](t, b, `document.querySelector('section.upload-review').innerText + ' ' +
		[...document.querySelectorAll('input.upload-col-name')].map(i => i.value).join(' ')`)
	for _, want := range []string{"Windows-1252 (Latin-1)", "point-virgule", "codgeo", "libgeo", "p21_pop", "nombre entier", "texte"} {
		if !strings.Contains(review, want) {
			t.Errorf("the review screen does not say %q:\n%s", want, review)
		}
	}
	name := js[string](t, b, `document.querySelector('input.upload-name').value`)
	if name == "" {
		t.Fatal("no dataset name suggested")
	}
	click(t, b, "button.upload-save")
	waitFor(t, b, "the dataset to be saved", `document.querySelector('.upload-done button.upload-new-page-submit')`, 60*time.Second)
	if href := js[string](t, b, `document.querySelector('a.upload-dataset-link').getAttribute('href')`); href != "/datasets/"+name {
		t.Errorf("link to the dataset = %q, want /datasets/%s", href, name)
	}

	// A page for these data: the form proposes the dataset's title; give the page its own.
	setField(t, b, "input.upload-page-title", "Les communes les plus peuplées")
	click(t, b, "button.upload-new-page-submit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready] textarea.editor-source')`, 20*time.Second)
	slug := js[string](t, b, `document.querySelector('.editor').dataset.slug`)
	rev0, _ := strconv.Atoi(js[string](t, b, `document.querySelector('.editor').dataset.revision`))

	// The chart builder, opened from the toolbar, caret at the end of the text.
	js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); return true; })()`)
	click(t, b, `.editor-toolbar [data-insert="chart"]`)
	waitFor(t, b, "the chart builder", `!document.querySelector('aside.chart-builder').hidden && document.querySelector('.builder-dataset')`, 20*time.Second)
	setField(t, b, "input.builder-search", "popul")
	click(t, b, `.builder-dataset[data-name="`+name+`"]`)
	waitFor(t, b, "the first chart suggested", `document.querySelector('aside.chart-builder').getAttribute('data-suggested') === `+strconv.Quote(name), 20*time.Second)
	click(t, b, `.builder-kind[data-kind="bar"]`)
	setField(t, b, "select.builder-x", "libgeo")
	setField(t, b, "select.builder-agg", "sum")
	setField(t, b, "select.builder-ycol", "p21_pop")
	for js[int](t, b, `document.querySelectorAll('.builder-filter').length`) < 2 {
		click(t, b, "button.builder-add-filter")
	}
	setField(t, b, ".builder-filter:nth-child(1) select.builder-filter-column", "codgeo")
	setField(t, b, ".builder-filter:nth-child(1) select.builder-filter-op", ">=")
	setField(t, b, ".builder-filter:nth-child(1) input.builder-filter-value", "13001")
	setField(t, b, ".builder-filter:nth-child(2) select.builder-filter-column", "codgeo")
	setField(t, b, ".builder-filter:nth-child(2) select.builder-filter-op", "<=")
	setField(t, b, ".builder-filter:nth-child(2) input.builder-filter-value", "13119")
	setField(t, b, "select.builder-sort", "-y")
	setField(t, b, "input.builder-limit", "10")
	const title = "Les dix communes les plus peuplées des Bouches-du-Rhône"
	setField(t, b, "input.builder-title", title)
	setField(t, b, "input.builder-unit", "habitants")
	waitFor(t, b, "the chart's preview in the builder",
		`document.querySelector('.builder-preview figure[data-chart]:not(.chart-error)') && document.querySelector('.builder-problems').hidden && !document.querySelector('.builder-preview').classList.contains('is-loading')`, 20*time.Second)
	shot(t, b, "builder")
	block := js[string](t, b, `document.querySelector('.builder-code-text').textContent`)
	for _, want := range []string{"type: bar", "data: " + name, "x: libgeo", "y: sum(p21_pop)", `where: codgeo >= "13001" and codgeo <= "13119"`, "sort: -y", "limit: 10"} {
		if !strings.Contains(block, want) {
			t.Errorf("the block lacks %q:\n%s", want, block)
		}
	}
	click(t, b, "button.builder-insert")
	waitFor(t, b, "the builder to close", `document.querySelector('aside.chart-builder').hidden`, 20*time.Second)

	// Autosave, without pressing anything.
	waitFor(t, b, "the autosave", `+document.querySelector('.editor').dataset.revision > `+strconv.Itoa(rev0)+` && /^Enregistré \(révision \d+\)$/.test(document.querySelector('.editor-state').textContent)`, 20*time.Second)
	waitFor(t, b, "the chart in the editor's preview", `document.querySelector('.editor-preview figure[data-chart]:not(.chart-error) button.chart-edit')`, 20*time.Second)
	shot(t, b, "editor")

	// The « Modifier » button of the chart opens the builder filled from the block.
	click(t, b, ".editor-preview figure[data-chart] button.chart-edit")
	waitFor(t, b, "the builder filled from the block", `!document.querySelector('aside.chart-builder').hidden && document.querySelector('input.builder-title').value === `+strconv.Quote(title), 20*time.Second)
	again := js[string](t, b, `document.querySelector('.builder-code-text').textContent`)
	if again != block {
		t.Errorf("form → block → form → block changed the block:\n%s\nthen\n%s", block, again)
	}
	if n := js[int](t, b, `document.querySelectorAll('.builder-filter').length`); n != 2 {
		t.Errorf("the builder shows %d filter rows, want 2", n)
	}
	click(t, b, "button.builder-cancel")

	// Publish.
	setField(t, b, "select.editor-status", "published")
	waitFor(t, b, "the page to be published", `document.querySelector('.editor').dataset.status === 'published'`, 20*time.Second)

	// A resident, not logged in, sees the chart drawn.
	visitor := newBrowser(t, srv.URL)
	navigate(t, visitor, srv.URL+"/p/"+slug)
	if n := visitor.waitCharts(t); n != 1 {
		t.Errorf("the published page has %d charts, want 1", n)
	}
	shot(t, visitor, "published")
	text := js[string](t, visitor, `document.querySelector('main').innerText`)
	if !strings.Contains(text, title) {
		t.Errorf("the published page does not show the chart's title %q", title)
	}
	rows := js[int](t, visitor, `document.querySelectorAll('figure[data-chart] details.chart-data tbody tr').length`)
	if rows != 10 {
		t.Errorf("the chart's data table has %d rows, want 10", rows)
	}
	cells := js[string](t, visitor, `document.querySelector('figure[data-chart] details.chart-data tbody').textContent`)
	// Marseille is in the file as its arrondissements (13201…13216): outside the filter.
	for _, c := range []string{"Aix-en-Provence", "Arles", "Martigues"} {
		if !strings.Contains(cells, c) {
			t.Errorf("the chart's data lack %s", c)
		}
	}
	b.check(t)
	visitor.check(t)
	t.Logf("walk done in %s", time.Since(began).Round(time.Millisecond))
}

// TestEditorConflictKeepsBothTexts: two facilitators edit the same page; the second save
// gets the conflict screen with both texts, and « Garder ma version » saves hers on top.
func TestEditorConflictKeepsBothTexts(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "anne@ville.fr")
	addFacilitator(t, dir, "bruno@ville.fr")
	page := writeFile(t, "conseil.md", "---\ntitle: Conseil de quartier\n---\n# Conseil de quartier\n\nOrdre du jour.\n")
	if out, err := runCommand(t, "page", "import", "-data", dir, "-slug", "conseil", page); err != nil {
		t.Fatalf("page import: %v\n%s", err, out)
	}
	srv := startServer(t, dir)
	anne := newBrowser(t, srv.URL)
	bruno := newBrowser(t, srv.URL)
	loginInBrowser(t, anne, srv.URL, "anne@ville.fr")
	loginInBrowser(t, bruno, srv.URL, "bruno@ville.fr")
	for _, b := range []*browser{anne, bruno} {
		hookPages(t, b)
		navigate(t, b, srv.URL+"/p/conseil/edit")
		waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready] textarea.editor-source')`, 20*time.Second)
	}
	rev0, _ := strconv.Atoi(js[string](t, anne, `document.querySelector('.editor').dataset.revision`))

	typeAtEnd := func(b *browser, text string) {
		t.Helper()
		js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); return true; })()`)
		if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.CSS("textarea.editor-source"), text)); err != nil {
			t.Fatalf("type: %v", err)
		}
	}
	// Both opened revision rev0. Anne's text is saved first; Bruno's save then starts from
	// a revision that is no longer the last one.
	typeAtEnd(anne, "\nAnne : le budget des fêtes.")
	waitFor(t, anne, "Anne's autosave", `+document.querySelector('.editor').dataset.revision > `+strconv.Itoa(rev0)+` && document.querySelector('.editor-state').classList.contains('is-saved')`, 20*time.Second)
	annes := js[string](t, anne, `document.querySelector('.editor').dataset.revision`)
	annesRev, _ := strconv.Atoi(annes)
	typeAtEnd(bruno, "\nBruno : les travaux de la rue Lamartine.")
	waitFor(t, bruno, "the conflict screen", `document.querySelector('.editor-conflict')`, 20*time.Second)
	shot(t, bruno, "conflict")

	mine := js[string](t, bruno, `document.querySelector('.conflict-mine textarea').value`)
	theirs := js[string](t, bruno, `document.querySelector('.conflict-theirs textarea').value`)
	labels := js[string](t, bruno, `document.querySelector('.editor-conflict').innerText`)
	if !strings.Contains(mine, "Bruno : les travaux de la rue Lamartine.") || strings.Contains(mine, "Anne :") {
		t.Errorf("« Votre version » is not Bruno's text:\n%s", mine)
	}
	if !strings.Contains(theirs, "Anne : le budget des fêtes.") || strings.Contains(theirs, "Bruno :") {
		t.Errorf("the saved version is not Anne's text:\n%s", theirs)
	}
	for _, w := range []string{"Votre version", "Version enregistrée par anne@ville.fr (révision " + annes + ")", "Garder ma version", "Prendre la leur"} {
		if !strings.Contains(labels, w) {
			t.Errorf("the conflict screen does not say %q:\n%s", w, labels)
		}
	}
	// Bruno's text stays in his browser until it is saved.
	if kept := js[string](t, bruno, `(JSON.parse(localStorage.getItem('atelier:brouillon:conseil') || '{}').text || '')`); !strings.Contains(kept, "Bruno :") {
		t.Errorf("Bruno's text is not kept in the browser: %q", kept)
	}
	// The line diff between the two.
	click(t, bruno, ".conflict-diff > summary")
	waitFor(t, bruno, "the diff", `document.querySelector('.conflict-diff .diff-lines')`, 20*time.Second)
	if d := js[string](t, bruno, `[...document.querySelectorAll('.conflict-diff .diff-del, .conflict-diff .diff-add')].map(e => e.textContent).join('|')`); !strings.Contains(d, "Anne :") || !strings.Contains(d, "Bruno :") {
		t.Errorf("the diff does not show both lines: %q", d)
	}
	// Autosave stopped: no other save goes out while the screen is up, even when his text
	// changes under it and the editor's timers run (a refused save counts: it was sent).
	const savePage = "PUT /api/pages/conseil"
	puts := requestsSent(t, bruno, savePage)
	js[bool](t, bruno, `document.querySelector('textarea.editor-source').dispatchEvent(new Event('input', {bubbles: true}))`)
	fastForward(t, bruno)
	if n := requestsSent(t, bruno, savePage) - puts; n != 0 {
		t.Errorf("Bruno's editor sent %d saves while the conflict screen was up", n)
	}
	if rev := js[string](t, bruno, `document.querySelector('.editor').dataset.revision`); rev != strconv.Itoa(rev0) {
		t.Errorf("Bruno's editor moved to revision %s during the conflict", rev)
	}

	// Bruno merges by hand (adds Anne's line to his) and keeps his version.
	setField(t, bruno, ".conflict-mine textarea", mine+"\nAnne : le budget des fêtes.")
	click(t, bruno, "button.conflict-keep")
	waitFor(t, bruno, "the merged save", `!document.querySelector('.editor-conflict') && document.querySelector('.editor').dataset.revision === '`+strconv.Itoa(annesRev+1)+`'`, 20*time.Second)
	if kept := js[string](t, bruno, `localStorage.getItem('atelier:brouillon:conseil') || ''`); kept != "" {
		t.Errorf("the browser's copy is still there after the save: %q", kept)
	}
	out, err := runCommand(t, "page", "export", "-data", dir, "conseil")
	if err != nil {
		t.Fatalf("page export: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Anne : le budget des fêtes.") || !strings.Contains(out, "Bruno : les travaux de la rue Lamartine.") {
		t.Errorf("the saved page lost a text:\n%s", out)
	}

	// Anne, still on her revision, writes again: now she gets the screen, and takes Bruno's.
	typeAtEnd(anne, "\nAnne : une ligne de trop.")
	waitFor(t, anne, "Anne's conflict screen", `document.querySelector('.editor-conflict')`, 20*time.Second)
	click(t, anne, "button.conflict-take")
	waitFor(t, anne, "Bruno's version in Anne's editor", `!document.querySelector('.editor-conflict') && document.querySelector('.editor').dataset.revision === '`+strconv.Itoa(annesRev+1)+`'`, 20*time.Second)
	if s := js[string](t, anne, `document.querySelector('textarea.editor-source').value`); !strings.Contains(s, "Bruno :") || strings.Contains(s, "une ligne de trop") {
		t.Errorf("Anne's editor does not hold Bruno's version:\n%s", s)
	}
	if kept := js[string](t, anne, `(JSON.parse(localStorage.getItem('atelier:ecarte:conseil') || '{}').text || '')`); !strings.Contains(kept, "une ligne de trop") {
		t.Errorf("Anne's dropped text is not kept aside: %q", kept)
	}
	if kept := js[string](t, anne, `localStorage.getItem('atelier:brouillon:conseil') || ''`); kept != "" {
		t.Errorf("Anne's draft copy is still there: %q", kept)
	}
	// No autosave of the dropped text, however long she waits.
	puts = requestsSent(t, anne, savePage)
	fastForward(t, anne)
	if n := requestsSent(t, anne, savePage) - puts; n != 0 {
		t.Errorf("Anne's editor sent %d saves after she took Bruno's version", n)
	}
	if rev := js[string](t, anne, `document.querySelector('.editor').dataset.revision`); rev != strconv.Itoa(annesRev+1) {
		t.Errorf("Anne's editor saved again (revision %s)", rev)
	}
	anne.expected(`status of 412 (Precondition Failed) ` + srv.URL + `/api/pages/conseil`)
	anne.check(t)
	bruno.expected(`status of 412 (Precondition Failed) ` + srv.URL + `/api/pages/conseil`)
	bruno.check(t)
}

// expected removes from the problems seen the ones a test provoked on purpose, such as the
// console line Chromium prints for a 412 answer to a fetch.
func (b *browser) expected(substr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.problems[:0]
	for _, p := range b.problems {
		if !strings.Contains(p, substr) {
			kept = append(kept, p)
		}
	}
	b.problems = kept
}

// TestEditorChartBlockRoundTrip checks, in the browser, that the builder's form and the
// block it writes round-trip, for awkward titles, column names and filter values.
func TestEditorChartBlockRoundTrip(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "a@ville.fr")
	srv := startServer(t, dir, "-demo")
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "a@ville.fr")
	navigate(t, b, srv.URL+"/atelier/import")
	waitFor(t, b, "editor.js", `window.atelierEditor`, 20*time.Second)
	bad := js[[]string](t, b, `(() => {
		const E = window.atelierEditor;
		const types = {codgeo: 'utf8', libgeo: 'utf8', p21_pop: 'int64', jour: 'date32', '% Votants': 'float64', and: 'utf8'};
		const ct = n => types[n] || '';
		const forms = [
			{data: 'insee', kind: 'bar', title: 'Les dix communes : les plus peuplées', x: 'libgeo', agg: 'sum', ycol: 'p21_pop',
			 filters: [{column: 'codgeo', op: '>=', value: '13001'}, {column: 'codgeo', op: '<=', value: '13119'}], sort: '-y', limit: '10', unit: 'habitants'},
			{data: 'x', kind: 'barh', title: '#1 "guillemets" \'apostrophes\' # dièse', x: '% Votants', series: 'and',
			 filters: [{column: '% Votants', op: '>', value: '12,5'}, {column: 'libgeo', op: 'contains', value: 'Saint "x" \\ y'}, {column: 'jour', op: '=', value: '2020-01-31'}, {column: 'libgeo', op: '!=', value: 'a and b'}],
			 unit: '€', stack: true, extra: ['cumulative: true']},
			{data: 'x', kind: 'number', title: 'oui', agg: 'mean', ycol: '% Votants', where: 'a = 1 or b = 2'},
			{data: 'x', kind: 'line', title: '- tiret', x: 'jour', agg: 'max', ycol: 'p21_pop', sort: 'x', unit: 'true', theme: 'projecteur'},
			{data: 'x', kind: 'scatter', title: 'Pop: 2021', x: 'p21_pop', agg: 'value', ycol: '% Votants', series: 'libgeo'},
			{data: 'x', kind: 'pie', x: 'libgeo', agg: 'value', ycol: 'p21_pop', filters: [{column: 'libgeo', op: '=', value: ''}]},
			{data: 'x', kind: 'heatmap', x: 'libgeo', series: 'jour', agg: 'sum', ycol: 'p21_pop', extra: ['cumulative: true']},
			{data: 'x', kind: 'bar', x: 'libgeo', series: 'jour', stack: true, sort: '-y', limit: '5', others: 'Autres communes'},
			{data: 'population-communes', kind: 'map', geo: 'communes-13', key: 'codgeo', agg: 'sum', ycol: 'p21_pop', title: 'Population', extra: ['geokey: code']},
		].map(f => Object.assign(E.emptyForm(), f));
		const bad = [];
		for (const f of forms) {
			const block = E.blockFromForm(f, ct);
			const back = E.formFromBlock(block);
			if (JSON.stringify(back) !== JSON.stringify(f)) bad.push(block + '\n=> ' + JSON.stringify(back));
			if (E.blockFromForm(back, ct) !== block) bad.push('second block differs: ' + block);
		}
		const diff = E.diffLines(['titre', 'a', 'b', 'c', 'd', 'fin'], ['titre', 'a', 'c', 'x', 'd', 'fin', 'ajout']).map(o => o.op + o.text).join('|');
		if (diff !== ' titre| a|-b| c|+x| d| fin|+ajout') bad.push('diff: ' + diff);
		const blocks = E.findBlocks('# t\n\n~~~~\n`+"```"+`chart\nnot a chart\n`+"```"+`\n~~~~\n\n`+"```"+`chart\ntype: bar\n`+"```"+`\n');
		if (blocks.length !== 1 || blocks[0].source !== 'type: bar' || blocks[0].line !== 9) bad.push('blocks: ' + JSON.stringify(blocks));
		return bad;
	})()`)
	for _, s := range bad {
		t.Errorf("round trip:\n%s", s)
	}

	// The blocks the builder writes for real data are read by the server without a problem.
	problems, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`(async () => {
		const E = window.atelierEditor;
		const types = {codgeo: 'utf8', libgeo: 'utf8', p21_pop: 'int64'};
		const forms = [
			{data: 'population-communes', kind: 'barh', title: 'Les dix communes : « les plus peuplées » # 13', x: 'libgeo', agg: 'sum', ycol: 'p21_pop',
			 filters: [{column: 'codgeo', op: '>=', value: '13001'}, {column: 'codgeo', op: '<=', value: '13119'}, {column: 'libgeo', op: '!=', value: 'Arles'}],
			 sort: '-y', limit: '10', unit: 'habitants', theme: 'projecteur'},
			{data: 'population-communes', kind: 'pie', title: 'Part des communes', x: 'libgeo', agg: 'sum', ycol: 'p21_pop',
			 filters: [{column: 'codgeo', op: '>=', value: '13001'}, {column: 'codgeo', op: '<=', value: '13119'}], sort: '-y', limit: '5', others: 'Autres'},
			{data: 'population-communes', kind: 'number', title: 'Population moyenne', agg: 'mean', ycol: 'p21_pop', x: 'libgeo', limit: '3',
			 filters: [{column: 'libgeo', op: 'contains', value: 'Saint'}], unit: 'habitants'},
			{data: 'population-communes', kind: 'map', title: 'Population des communes', geo: 'communes-13', key: 'codgeo', agg: 'sum', ycol: 'p21_pop',
			 filters: [{column: 'codgeo', op: '>=', value: '13001'}, {column: 'codgeo', op: '<=', value: '13119'}]},
		].map(f => Object.assign(E.emptyForm(), f));
		const out = [];
		for (const f of forms) {
			const block = E.blockFromForm(f, n => types[n] || '');
			const r = await fetch('/api/preview', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({markdown: '`+"```"+`chart\n' + block + '\n`+"```"+`\n'})});
			const j = await r.json();
			if (!r.ok) out.push(block + '\n=> ' + r.status + ' ' + j.error);
			else if (j.problems.length || !/data-chart/.test(j.html) || /chart-error/.test(j.html)) out.push(block + '\n=> ' + JSON.stringify(j.problems));
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("the server does not read the builder's block:\n%s", p)
	}
	b.check(t)
}

// TestEditorWritingTools: a chart mistake shown beside its line and fixed with the builder,
// the toolbar, the history with its diff and « Restaurer », delete with undo, and the text
// kept by the browser offered back.
func TestEditorWritingTools(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "c@ville.fr")
	if out, err := runCommand(t, "import", "-data", dir, "-name", "population-communes", "../../internal/demo/files/insee-population-2021.csv"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	page := writeFile(t, "outils.md", "---\ntitle: Outils\n---\n# Outils\n\nUn mot important ici.\n\n"+
		"```chart\ntype: bar\ndata: population-communes\nx: libgo\ny: sum(p21_pop)\nlimit: 5\n```\n")
	if out, err := runCommand(t, "page", "import", "-data", dir, "-slug", "outils", page); err != nil {
		t.Fatalf("page import: %v\n%s", err, out)
	}
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "c@ville.fr")
	navigate(t, b, srv.URL+"/p/outils/edit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready]')`, 20*time.Second)
	rev := func() int {
		n, _ := strconv.Atoi(js[string](t, b, `document.querySelector('.editor').dataset.revision`))
		return n
	}
	// saved waits for the autosave of what is on the screen, past revision n.
	saved := func(n int) {
		t.Helper()
		waitFor(t, b, "a save past revision "+strconv.Itoa(n-1), `+document.querySelector('.editor').dataset.revision >= `+strconv.Itoa(n)+` && document.querySelector('.editor-state').classList.contains('is-saved')`, 20*time.Second)
	}
	text := func() string { return js[string](t, b, `document.querySelector('textarea.editor-source').value`) }
	selectText := func(s string) {
		t.Helper()
		q, _ := json.Marshal(s)
		if !js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); const i = ta.value.indexOf(`+string(q)+`); if (i < 0) return false; ta.focus(); ta.setSelectionRange(i, i + `+string(q)+`.length); return true; })()`) {
			t.Fatalf("%q is not in the text", s)
		}
	}

	// The mistake, beside its line; a click selects the line.
	waitFor(t, b, "the chart problem", `document.querySelector('.editor-problems:not([hidden]) button.editor-problem')`, 20*time.Second)
	problem := js[string](t, b, `document.querySelector('button.editor-problem').textContent`)
	if !strings.HasPrefix(problem, "ligne 11 : ") || !strings.Contains(problem, "libgeo") || strings.Contains(problem, "ligne 3") {
		t.Errorf("problem = %q, want « ligne 11 : … libgeo … »", problem)
	}
	shot(t, b, "problem")
	click(t, b, "button.editor-problem")
	if sel := js[string](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); return ta.value.slice(ta.selectionStart, ta.selectionEnd); })()`); sel != "x: libgo" {
		t.Errorf("the click selected %q, want the line « x: libgo »", sel)
	}
	// Fixed with the builder, which keeps what it does not show (limit).
	click(t, b, "button.editor-problem-fix")
	waitFor(t, b, "the builder on the broken block", `!document.querySelector('aside.chart-builder').hidden && document.querySelector('select.builder-x').value === 'libgo'`, 20*time.Second)
	setField(t, b, "select.builder-x", "libgeo")
	if got := js[string](t, b, `document.querySelector('button.builder-insert').textContent`); got != "Remplacer le graphique" {
		t.Errorf("the builder's button says %q", got)
	}
	click(t, b, "button.builder-insert")
	saved(2)
	waitFor(t, b, "the problem list to empty", `document.querySelector('.editor-problems').hidden`, 20*time.Second)
	if s := text(); !strings.Contains(s, "x: libgeo\ny: sum(p21_pop)\nlimit: 5\n```") || strings.Count(s, "```chart") != 1 || strings.Contains(s, "libgo\n") {
		t.Errorf("the block was not replaced in place:\n%s", s)
	}

	// The toolbar.
	selectText("important")
	click(t, b, `[data-insert="bold"]`)
	selectText("Un mot")
	click(t, b, `[data-insert="heading"]`)
	js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); return true; })()`)
	click(t, b, `[data-insert="slide"]`)
	s := text()
	for _, want := range []string{"## Un mot **important** ici.", "```\n\n---\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("after the toolbar the text lacks %q:\n%s", want, s)
		}
	}
	saved(3)

	// History: revision 1 against the text, then restored.
	click(t, b, "button.editor-history")
	waitFor(t, b, "the revisions", `document.querySelectorAll('.history-item').length >= 3`, 20*time.Second)
	if meta := js[string](t, b, `document.querySelector('.history-item[data-revision="1"]').textContent`); !strings.Contains(meta, "Révision 1") {
		t.Errorf("history item = %q", meta)
	}
	click(t, b, `.history-item[data-revision="1"]`)
	waitFor(t, b, "the diff", `document.querySelector('.history-view .diff-lines')`, 20*time.Second)
	shot(t, b, "history")
	del := js[string](t, b, `[...document.querySelectorAll('.history-view .diff-del .diff-text')].map(e => e.textContent).join('\n')`)
	add := js[string](t, b, `[...document.querySelectorAll('.history-view .diff-add .diff-text')].map(e => e.textContent).join('\n')`)
	if !strings.Contains(del, "x: libgo") || !strings.Contains(add, "x: libgeo") || strings.Contains(add, "y: sum(p21_pop)") {
		t.Errorf("diff: removed %q, added %q", del, add)
	}
	before := rev()
	click(t, b, "button.history-restore")
	saved(before + 1)
	if s := text(); !strings.Contains(s, "x: libgo\n") || strings.Contains(s, "**important**") {
		t.Errorf("revision 1 was not restored:\n%s", s)
	}
	click(t, b, ".editor-history-panel .sheet-close")

	// Delete, then undo.
	click(t, b, "button.editor-delete")
	click(t, b, "button.editor-confirm-delete")
	waitFor(t, b, "« Page supprimée — Annuler »", `document.querySelector('.editor-deleted button.editor-undo')`, 20*time.Second)
	if out, err := runCommand(t, "page", "export", "-data", dir, "outils"); err == nil {
		t.Errorf("the page can still be exported after delete:\n%s", out)
	}
	click(t, b, "button.editor-undo")
	waitFor(t, b, "the page back", `!document.querySelector('.editor-deleted') && !document.querySelector('textarea.editor-source').readOnly`, 20*time.Second)
	if out, err := runCommand(t, "page", "export", "-data", dir, "outils"); err != nil {
		t.Errorf("the page is not back after undo: %v\n%s", err, out)
	}

	// A text kept by the browser (a crash, a closed laptop) is offered back.
	r := rev()
	js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); localStorage.setItem('atelier:brouillon:outils', JSON.stringify({text: ta.value + '\nTexte jamais enregistré.', base: `+strconv.Itoa(r)+`, at: new Date().toISOString()})); return true; })()`)
	navigate(t, b, srv.URL+"/p/outils/edit")
	waitFor(t, b, "the offer to take the kept text back", `document.querySelector('.editor-recover button.editor-recover-take')`, 20*time.Second)
	click(t, b, "button.editor-recover-take")
	saved(r + 1)
	if !strings.Contains(text(), "Texte jamais enregistré.") {
		t.Error("the kept text was not taken back")
	}
	if kept := js[string](t, b, `localStorage.getItem('atelier:brouillon:outils') || ''`); kept != "" {
		t.Errorf("the browser's copy is still there after the save: %q", kept)
	}

	// On a phone the preview comes under the text, and nothing is wider than the screen.
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	navigate(t, b, srv.URL+"/p/outils/edit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready]')`, 20*time.Second)
	narrow := func(where string) {
		t.Helper()
		if w := js[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
			shot(t, b, "narrow-overflow")
			t.Errorf("%s: the page is %d px wide on a 390 px screen", where, w)
		}
	}
	narrow("editor")
	shot(t, b, "narrow-editor")
	if !js[bool](t, b, `document.querySelector('.editor-preview').getBoundingClientRect().top >= document.querySelector('textarea.editor-source').getBoundingClientRect().bottom`) {
		t.Error("on a phone the preview is not under the text")
	}
	click(t, b, `.editor-toolbar [data-insert="chart"]`)
	waitFor(t, b, "the builder", `!document.querySelector('aside.chart-builder').hidden`, 20*time.Second)
	shot(t, b, "narrow-builder")
	if w := js[float64](t, b, `document.querySelector('aside.chart-builder').getBoundingClientRect().width`); w > 390 {
		t.Errorf("the builder is %.0f px wide on a 390 px screen", w)
	}
	click(t, b, "button.builder-cancel")
	b.check(t)
}

// TestEditorUploadExplainsBadFile: a file dropped on the zone that is not a table gets the
// server's French explanation on the screen.
func TestEditorUploadExplainsBadFile(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "d@ville.fr")
	if out, err := runCommand(t, "import", "-data", dir, "-name", "insee-population-2021", "../../internal/demo/files/insee-population-2021.csv"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	srv := startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "d@ville.fr")
	hookPages(t, b)
	navigate(t, b, srv.URL+"/atelier/import")
	waitFor(t, b, "the French file button", `document.querySelector('.dropzone .dropzone-button')`, 20*time.Second)
	js[bool](t, b, `(() => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
		const dt = new DataTransfer();
		dt.items.add(new File([png], 'photo.csv', {type: 'text/csv'}));
		document.querySelector('.dropzone').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`)
	waitFor(t, b, "the explanation", `!document.querySelector('.upload-error').hidden`, 20*time.Second)
	msg := js[string](t, b, `document.querySelector('.upload-error').textContent`)
	shot(t, b, "bad-file")
	if msg == "" || strings.Contains(msg, "erreur 4") {
		t.Errorf("the explanation is %q, want the server's French sentence", msg)
	}
	if !js[bool](t, b, `document.querySelector('section.upload-review').hidden`) {
		t.Error("a review is shown for a bad file")
	}
	t.Logf("bad file: %s", msg)

	// The same file as a dataset that exists: the review says a new version will be made,
	// and a name outside [a-z0-9-] is explained before anything is sent.
	file, _ := filepath.Abs("../../internal/demo/files/insee-population-2021.csv")
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the review", `document.querySelector('section.upload-review:not([hidden]) input.upload-name')`, 60*time.Second)
	if !js[bool](t, b, `document.querySelector('.upload-error').hidden`) {
		t.Error("the previous file's error is still shown")
	}
	if hint := js[string](t, b, `document.querySelector('.upload-confirm .field-hint').textContent`); !strings.Contains(hint, "une nouvelle version de « insee-population-2021 » sera créée") {
		t.Errorf("hint for an existing name = %q", hint)
	}
	setField(t, b, "input.upload-name", "Population 2021")
	click(t, b, "button.upload-save")
	if !js[bool](t, b, `document.querySelector('.upload-confirm .field-hint').classList.contains('is-error') && document.activeElement === document.querySelector('input.upload-name')`) {
		t.Error("a bad name is not explained")
	}
	// Confirmations only: the review's report (POST /api/uploads/{id}/report) is not one.
	confirmations := js[int](t, b, `Object.entries(window.atelierTest.requests).filter(([k]) => /^POST \/api\/uploads\/[0-9a-f]{32}$/.test(k)).reduce((n, [, v]) => n + v, 0)`)
	if n := confirmations; n != 0 || js[bool](t, b, `!!document.querySelector('.upload-done')`) {
		t.Errorf("a bad name was sent (%d confirmations)", n)
	}
	setField(t, b, "input.upload-name", "insee-population-2021")
	click(t, b, "button.upload-save")
	waitFor(t, b, "the new version", `document.querySelector('.upload-done')`, 60*time.Second)
	if done := js[string](t, b, `document.querySelector('.upload-done').textContent`); !strings.Contains(done, "version 2") {
		t.Errorf("the confirmation does not say version 2: %q", done)
	}
	b.expected("/api/uploads")
	b.check(t)
}

// TestEditorBuilderOnDemoPage opens the builder on each chart of the demo page (blocks
// written by hand), then builds a map with it.
func TestEditorBuilderOnDemoPage(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "e@ville.fr")
	srv := startServer(t, dir, "-demo")
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "e@ville.fr")
	navigate(t, b, srv.URL+"/p/martigues-en-chiffres/edit")
	waitFor(t, b, "the editor", `document.querySelector('.editor[data-ready]')`, 20*time.Second)
	n := js[int](t, b, `document.querySelectorAll('.editor-preview figure[data-chart] button.chart-edit').length`)
	if n < 3 {
		t.Fatalf("the demo page shows %d « Modifier » buttons, want 3", n)
	}
	for i := 1; i <= n; i++ {
		click(t, b, `.editor-preview figure[data-chart="`+strconv.Itoa(i)+`"] button.chart-edit`)
		waitFor(t, b, "the builder on chart "+strconv.Itoa(i), `!document.querySelector('aside.chart-builder').hidden && document.querySelector('.builder-preview figure[data-chart]') && !document.querySelector('.builder-preview').classList.contains('is-loading')`, 20*time.Second)
		if p := js[string](t, b, `document.querySelector('.builder-problems').hidden ? '' : document.querySelector('.builder-problems').textContent`); p != "" {
			t.Errorf("chart %d in the builder: %s", i, p)
		}
		if raw := js[string](t, b, `document.querySelector('input.builder-where').value`); raw != "" {
			t.Errorf("chart %d: the filter stayed as written (%q) instead of rows", i, raw)
		}
		if i == 2 {
			shot(t, b, "chart-2")
			if op := js[string](t, b, `document.querySelector('.builder-filter select.builder-filter-op').value`); op != "in" {
				t.Errorf("chart 2: « codgeo = … or codgeo = … » reads as %q, want one « est parmi » row", op)
			}
		}
		click(t, b, "button.builder-cancel")
	}

	// A new map at the end of the page.
	js[bool](t, b, `(() => { const ta = document.querySelector('textarea.editor-source'); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); return true; })()`)
	click(t, b, `.editor-toolbar [data-insert="chart"]`)
	waitFor(t, b, "the builder", `!document.querySelector('aside.chart-builder').hidden`, 20*time.Second)
	click(t, b, `.builder-dataset[data-name="population-communes"]`)
	waitFor(t, b, "the suggestion", `document.querySelector('aside.chart-builder').getAttribute('data-suggested') === 'population-communes'`, 20*time.Second)
	click(t, b, `.builder-kind[data-kind="map"]`)
	for sel, want := range map[string]string{"select.builder-geo": "communes-13", "select.builder-key": "codgeo", "select.builder-agg": "sum", "select.builder-ycol": "p21_pop"} {
		if got := js[string](t, b, `document.querySelector('`+sel+`').value`); got != want {
			t.Errorf("map: %s = %q, want %q", sel, got, want)
		}
	}
	setField(t, b, "input.builder-title", "Population des communes des Bouches-du-Rhône")
	waitFor(t, b, "the map's preview", `document.querySelector('.builder-preview figure[data-chart][data-type="map"]') && !document.querySelector('.builder-preview').classList.contains('is-loading')`, 20*time.Second)
	if p := js[string](t, b, `document.querySelector('.builder-problems').hidden ? '' : document.querySelector('.builder-problems').textContent`); p != "" {
		t.Errorf("map: %s", p)
	}
	waitFor(t, b, "the map drawn", `document.querySelector('.builder-preview figure[data-type="map"][data-drawn="true"] .chart-canvas canvas')`, 20*time.Second)
	shot(t, b, "map")
	click(t, b, "button.builder-insert")
	waitFor(t, b, "the map in the page's preview", `document.querySelector('.editor-preview figure[data-type="map"]') && document.querySelector('.editor-state').classList.contains('is-saved')`, 20*time.Second)
	b.check(t)
}
