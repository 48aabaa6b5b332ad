package web

// catalogSnapENScripts is the English of editor-questions.js, the editor's list of the
// page's questions ("ed.q." ids), and of editor.js's broken-question messages; their
// French is in the scripts, as the fallback of tr.
var catalogSnapENScripts = map[string]string{
	// editor.js: a broken question is a question, not a chart.
	"ed.problems.question":  "One question to fix",
	"ed.problems.questions": "{0} questions to fix",
	"ed.problems.mixed":     "To fix: {0} chart(s) and {1} question(s)",
	"ed.publish.question":   "Question {0}, line {1}: {2}",

	"ed.q.action.title":   "{0} question {1}",
	"ed.q.ask":            "Question {0}: {1}",
	"ed.q.close":          "Close",
	"ed.q.count":          "{0} answers",
	"ed.q.count.one":      "1 answer",
	"ed.q.done":           "Question {0}: {1} — done.",
	"ed.q.draft":          "This page is a draft: residents cannot answer until it is published (or unlisted).",
	"ed.q.failed":         "Question {0}: {1} failed — {2}",
	"ed.q.open":           "Open",
	"ed.q.reset":          "Reset",
	"ed.q.reveal":         "Reveal",
	"ed.q.state.closed":   "closed",
	"ed.q.state.open":     "open",
	"ed.q.state.revealed": "results revealed",
	"ed.q.title":          "Questions of the page",
	"ed.q.unsaved":        "Question {0}: save the page to be able to open it.",
}
