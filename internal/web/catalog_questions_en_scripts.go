package web

// catalogQuestionsENScripts is the English of questions.js and question-widgets.js ("qs."
// ids); their French is in the scripts, as the fallback of tr(id, "…").
var catalogQuestionsENScripts = map[string]string{
	"qs.close":          "Close",
	"qs.count":          "{0} answers",
	"qs.count.one":      "1 answer",
	"qs.draw.label":     "Draw the rest of the line; the fields below hold the same values.",
	"qs.hint.draw":      "Here is the start of the series; draw the rest.",
	"qs.hint.multiple":  "Several answers possible.",
	"qs.hint.share":     "Share 100 % between these items.",
	"qs.hint.words":     "Up to 3 words, of 40 characters at most.",
	"qs.label.guess":    "Your estimate",
	"qs.label.start":    "The start of the series",
	"qs.label.word":     "Word",
	"qs.number":         "Question {0}",
	"qs.open":           "Open",
	"qs.pick":           "Choose an answer.",
	"qs.reset":          "Reset",
	"qs.reveal":         "Reveal",
	"qs.send":           "Send my answer",
	"qs.share.total":    "Total: {0} %",
	"qs.state.closed":   "Question closed for now.",
	"qs.state.open":     "Question open: answer now!",
	"qs.state.revealed": "The answers are revealed.",
	"qs.state.sent":     "Answer saved — you can change it while the question is open.",
	"qs.truth":          "Answer: {0}",
	"qs.word.hide":      "Hide",
	"qs.word.show":      "Show",
}
