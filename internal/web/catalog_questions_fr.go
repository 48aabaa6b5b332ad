package web

// catalogQuestionsFR holds, in French, the messages of the question handlers (issue #12).
var catalogQuestionsFR = map[string]string{
	"q.broken":        "cette question ne peut pas être posée pour l'instant",
	"q.notopen":       "cette question n'est pas ouverte aux réponses pour l'instant : attendez que l'animateur l'ouvre",
	"q.round.missing": "cette question n'a pas de tour %s",
	"q.toomany":       "trop de réponses envoyées depuis cette adresse : réessayez dans un instant",
	"q.unreadable":    "réponse illisible : envoyez {\"value\": …}",
	"q.word.invalid":  "indiquez le mot à cacher ou à montrer d'une question de type words",
}
