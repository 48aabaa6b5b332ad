package web

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestQuestionScriptMessagesHaveTheirEnglish holds questions.js and question-widgets.js to
// the rule of the other scripts: every tr("qs.…", "French") has its English, with the same
// placeholders, and no English message is left unused.
func TestQuestionScriptMessagesHaveTheirEnglish(t *testing.T) {
	used := map[string]bool{}
	for _, name := range []string{"static/questions.js", "static/question-widgets.js"} {
		text, err := fs.ReadFile(staticFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range scriptKeyRE.FindAllStringSubmatch(string(text), -1) {
			key, french := m[1], m[2]
			used[key] = true
			if !strings.HasPrefix(key, "qs.") {
				t.Errorf("%s: message %q should start with qs.", name, key)
			}
			en, ok := catalogQuestionsENScripts[key]
			if !ok {
				t.Errorf("%s: tr(%q) has no English", name, key)
				continue
			}
			got, want := placeholderRE.FindAllString(en, -1), placeholderRE.FindAllString(french, -1)
			if !slices.Equal(got, want) {
				t.Errorf("%s: English placeholders %q, French %q", key, got, want)
			}
		}
	}
	for key := range catalogQuestionsENScripts {
		if !used[key] {
			t.Errorf("English script message %q is used by no script", key)
		}
	}
	if len(used) < 10 {
		t.Errorf("only %d messages found", len(used))
	}
}
