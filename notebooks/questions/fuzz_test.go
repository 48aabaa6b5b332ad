package questions_test

import (
	"encoding/json"
	"testing"

	"atelier/internal/fault"
	"atelier/notebooks/questions"
)

// FuzzParse: any block parses or fails with a user's error (never a panic, never an
// internal fault); a parsed question checks any answer the same way.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"kind: number\nask: Combien ?\nmin: 0\nmax: 10\nanswer: 5\n",
		"kind: choice\nask: Oui ?\nchoices: [Oui, Non]\nanswer: Oui\n",
		"kind: share\nask: R\nchoices: [A, B]\n",
		"kind: scale\nask: N\nlabels: [a, b]\n",
		"kind: words\nask: W\n",
		"kind: draw\nask: D\nanswer:\n  data: x\n  x: a\n  y: sum(b)\n",
		"kind: number\nask: [\n",
	} {
		f.Add(seed, `42`)
	}
	f.Fuzz(func(t *testing.T, src, value string) {
		q, err := questions.Parse(src)
		if err != nil {
			if fault.KindOf(err) != fault.Invalid {
				t.Fatalf("Parse(%q) = %v, not Invalid", src, err)
			}
			return
		}
		out, err := q.Check(json.RawMessage(value), nil)
		if err == nil && !json.Valid(out) {
			t.Fatalf("Check(%q) stored %q", value, out)
		}
		if err != nil && fault.KindOf(err) != fault.Invalid {
			t.Fatalf("Check(%q) = %v, not Invalid", value, err)
		}
	})
}
