package questions_test

import (
	"encoding/json"
	"strings"
	"testing"

	"atelier/internal/fault"
	"atelier/notebooks/questions"
)

func TestParseRefusesWithTheLineAndTheClosestName(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "kind: number\nask: Combien ?\nunti: habitants\n", "ligne 3 : clé « unti » inconnue — vouliez-vous dire « unit » ?"},
		{"unknown kind", "kind: nombre\nask: Combien ?\n", "ligne 1 : sorte de question « nombre » inconnue"},
		{"close kind", "kind: choise\nask: Oui ?\nchoices: [a, b]\n", "vouliez-vous dire « choice » ?"},
		{"no ask", "kind: words\n", "il manque la clé « ask »"},
		{"choice without choices", "kind: choice\nask: Oui ?\n", "ligne 1 : une question choice a besoin de « choices »"},
		{"key of another kind", "kind: words\nask: Quoi ?\nchoices: [a, b]\n", "ligne 3 : « choices » ne s'applique qu'aux questions"},
		{"literal not a choice", "kind: choice\nask: Oui ?\nchoices: [Oui, Non]\nanswer: Nom\n", "ligne 4 : « Nom » n'est pas dans « choices » — vouliez-vous dire « Non » ?"},
		{"min over max", "kind: number\nask: Combien ?\nmin: 10\nmax: 5\n", "ligne 4 : « max » doit être plus grand que « min »"},
		{"draw without data", "kind: draw\nask: Dessinez\n", "une question draw a besoin de « answer »"},
		{"scale too long", "kind: scale\nask: Note ?\nmin: 0\nmax: 20\n", "de 2 à 11 crans"},
		{"duplicate choice", "kind: choice\nask: Oui ?\nchoices: [Oui, Oui]\n", "« Oui » est donné deux fois"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := questions.Parse(tt.src)
			if err == nil || fault.KindOf(err) != fault.Invalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse = %v, want an Invalid error containing %q", err, tt.want)
			}
		})
	}
}

func mustParse(t *testing.T, src string) *questions.Question {
	t.Helper()
	q, err := questions.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestCheckAcceptsGoodAnswersAndRefusesBadOnes(t *testing.T) {
	number := mustParse(t, "kind: number\nask: Combien ?\nmin: 0\nmax: 100\n")
	choice := mustParse(t, "kind: choice\nask: Oui ?\nchoices: [Oui, Non]\n")
	multiple := mustParse(t, "kind: multiple\nask: Lesquels ?\nchoices: [A, B, C]\n")
	share := mustParse(t, "kind: share\nask: Répartissez\nchoices: [A, B]\n")
	scale := mustParse(t, "kind: scale\nask: Note ?\n")
	words := mustParse(t, "kind: words\nask: Un mot ?\n")
	tests := []struct {
		name  string
		q     *questions.Question
		value string
		want  string // the stored value, or "" for a refusal
	}{
		{"number", number, `42.5`, `42.5`},
		{"number out of range", number, `101`, ""},
		{"number as text", number, `"42"`, ""},
		{"choice", choice, `"Oui"`, `"Oui"`},
		{"choice not offered", choice, `"Peut-être"`, ""},
		{"multiple in the question's order", multiple, `["C", "A", "C"]`, `["A","C"]`},
		{"multiple empty", multiple, `[]`, ""},
		{"share", share, `{"A": 30, "B": 70}`, `[30,70]`},
		{"share not 100", share, `{"A": 30, "B": 60}`, ""},
		{"share unknown part", share, `{"A": 30, "Z": 70}`, ""},
		{"share negative", share, `{"A": -10, "B": 110}`, ""},
		{"share as a list", share, `[30, 70]`, ""},
		{"scale", scale, `4`, `4`},
		{"scale between steps", scale, `3.5`, ""},
		{"scale past the end", scale, `6`, ""},
		{"words trimmed", words, `["  vélo ", "bus"]`, `["vélo","bus"]`},
		{"one word as text", words, `"<script>alert(1)</script>"`, `["\u003cscript\u003ealert(1)\u003c/script\u003e"]`},
		{"four words", words, `["a", "b", "c", "d"]`, ""},
		{"a word too long", words, `["` + strings.Repeat("x", 41) + `"]`, ""},
		{"a control character", words, `["a\u0007b"]`, ""},
		{"no words", words, `["  "]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Check(json.RawMessage(tt.value), nil)
			if tt.want == "" {
				if err == nil || fault.KindOf(err) != fault.Invalid {
					t.Errorf("Check(%s) = %s, %v; want an Invalid error", tt.value, got, err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("Check(%s) = %s, %v; want %s", tt.value, got, err, tt.want)
			}
		})
	}
}

func TestTallyOfANumberQuestion(t *testing.T) {
	q := mustParse(t, "kind: number\nask: Combien ?\nunit: habitants\nanswer: 100\n")
	truth, _, err := q.Compute(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var vals []json.RawMessage
	for _, v := range []string{"95", "105", "50", "200", "100"} {
		vals = append(vals, json.RawMessage(v))
	}
	r, err := q.Tally(vals, truth, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Answers != 5 || r.Median == nil || *r.Median != 100 {
		t.Errorf("answers %d, median %v", r.Answers, r.Median)
	}
	if want := "3 personnes sur 5 à moins de 10 %"; !strings.Contains(r.Summary, want) {
		t.Errorf("summary %q lacks %q", r.Summary, want)
	}
	if !strings.Contains(string(r.Chart.Options), `"markLine"`) || strings.Contains(string(r.Chart.Options), "function") {
		t.Errorf("options: %s", r.Chart.Options)
	}
}

func TestTallyOfWordsCountsEachPersonOnceAndHidesModeratedWords(t *testing.T) {
	q := mustParse(t, "kind: words\nask: Un mot ?\n")
	vals := []json.RawMessage{json.RawMessage(`["Vélo","vélo"]`), json.RawMessage(`["vélo","insulte"]`), json.RawMessage(`["bus"]`)}
	r, err := q.Tally(vals, nil, nil, map[string]bool{"insulte": true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Counts[0].Label != "Vélo" || r.Counts[0].Count != 2 {
		t.Errorf("counts %+v", r.Counts)
	}
	for _, c := range r.Public().Counts {
		if c.Label == "insulte" {
			t.Errorf("a hidden word is public: %+v", r.Public().Counts)
		}
	}
	if strings.Contains(string(r.Chart.Options), "insulte") {
		t.Errorf("a hidden word is in the chart: %s", r.Chart.Options)
	}
}

func TestComputeReportsAnAnswerMistakeOnItsLine(t *testing.T) {
	q := mustParse(t, "kind: number\nask: Combien ?\nanswer:\n  data: population-communes\n  y: sum(p21_pop)\n  wher: codgeo = \"1\"\n")
	_, _, err := q.Compute(t.Context(), nil)
	if err == nil || !strings.Contains(err.Error(), "ligne 6 : clé « wher » inconnue — vouliez-vous dire « where » ?") {
		t.Errorf("Compute = %v", err)
	}
}
