package web

// catalogQuestionsEN is catalogQuestionsFR in English.
var catalogQuestionsEN = map[string]string{
	"q.broken":        "this question cannot be asked for now",
	"q.notopen":       "this question is not open for answers yet: wait for the facilitator to open it",
	"q.round.missing": "this question has no round %s",
	"q.toomany":       "too many answers sent from this address: try again in a moment",
	"q.unreadable":    "unreadable answer: send {\"value\": …}",
	"q.word.invalid":  "give the word of a words question to hide or show",
}
