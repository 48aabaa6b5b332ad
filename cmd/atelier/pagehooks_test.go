package main

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A browser test that must show something does NOT happen (no autosave while the conflict
// screen is up) cannot wait for it: it would sleep past the delay and still miss a save that
// failed quietly. Instead the page runs under two hooks, installed before any of its scripts:
//
//   - atelierTest.requests counts the requests the page sends by fetch, per "METHOD path";
//   - atelierTest.fastForward() runs at once every timer due in a second or more (the
//     autosave's 2 s, a retry's 15 s), as if the test had waited that long.
//
// So "no save goes out" reads: fast-forward, then the count of PUTs has not moved.
const pageHooks = `(() => {
	const realSet = window.setTimeout.bind(window), realClear = window.clearTimeout.bind(window);
	const due = new Map();
	window.setTimeout = function (fn, delay, ...args) {
		if (typeof fn !== 'function') return realSet(fn, delay, ...args);
		const id = realSet(() => { due.delete(id); fn(...args); }, delay);
		if (delay >= 1000) due.set(id, () => fn(...args));
		return id;
	};
	window.clearTimeout = function (id) { due.delete(id); realClear(id); };
	const requests = {};
	const realFetch = window.fetch.bind(window);
	window.fetch = function (input, init) {
		const method = ((init && init.method) || 'GET').toUpperCase();
		const url = new URL(typeof input === 'string' ? input : input.url, location.href);
		const key = method + ' ' + url.pathname;
		requests[key] = (requests[key] || 0) + 1;
		return realFetch(input, init);
	};
	window.atelierTest = {
		requests,
		fastForward() {
			const now = [...due.entries()];
			for (const [id, run] of now) { realClear(id); due.delete(id); run(); }
			return now.length;
		},
	};
})();`

// hookPages installs pageHooks in every page the browser opens from now on.
func hookPages(t *testing.T, b *browser) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageHooks}); err != nil {
		t.Fatalf("install the page hooks: %v", err)
	}
}

// requestsSent is how many requests the page has sent by fetch whose "METHOD /path" starts
// with prefix.
func requestsSent(t *testing.T, b *browser, prefix string) int {
	t.Helper()
	q, _ := json.Marshal(prefix)
	return js[int](t, b, `Object.entries(window.atelierTest.requests).filter(([k]) => k.startsWith(`+string(q)+`)).reduce((n, [, v]) => n + v, 0)`)
}

// fastForward runs the page's pending timers of a second or more, and says how many ran.
func fastForward(t *testing.T, b *browser) int {
	t.Helper()
	return js[int](t, b, `window.atelierTest.fastForward()`)
}
