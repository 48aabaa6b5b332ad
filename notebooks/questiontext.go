package notebooks

import (
	"bytes"
	"context"
	"html/template"
	"regexp"
	"strconv"

	"atelier/notebooks/questions"
)

// A frozen snapshot and the offline file cannot take answers: the snapshot is a record of a
// meeting, and the offline file opens from disk, where a form has nowhere to post. In both,
// each question's form gives way to its text (the ask, the choices) and what stood at that
// moment: the results and the truth once revealed, else the count of answers.

// questionFormRE matches a question's form as writeQuestion writes it; forms never nest.
var questionFormRE = regexp.MustCompile(`(?s)<form class="question" id="question-(\d+)".*?</form>\n?`)

// QuestionText is what a question's text shows besides the ask and the choices.
type QuestionText struct {
	Count bool // the count of answers when the results were not revealed (a snapshot)
}

// QuestionsAsText returns a copy of p whose question forms, in the page and in the slides,
// are replaced by their text and, if they were revealed, their results as they are now.
func (s *Store) QuestionsAsText(ctx context.Context, p *Page, opt QuestionText) (*Page, error) {
	out := *p
	if !questionFormRE.MatchString(p.HTML) {
		return &out, nil
	}
	blocks := s.renderer.Questions(ctx, p.Markdown)
	texts := map[string]string{}
	for _, b := range blocks {
		if b.Err != nil {
			continue
		}
		html, err := s.questionText(ctx, p.Slug, b, opt)
		if err != nil {
			return nil, err
		}
		texts[strconv.Itoa(b.N)] = html
	}
	replace := func(html string) string {
		return questionFormRE.ReplaceAllStringFunc(html, func(form string) string {
			if t, ok := texts[questionFormRE.FindStringSubmatch(form)[1]]; ok {
				return t
			}
			return ""
		})
	}
	out.HTML = replace(p.HTML)
	out.Slides = make([]string, len(p.Slides))
	for i, sl := range p.Slides {
		out.Slides[i] = replace(sl)
	}
	return &out, nil
}

// QuestionStamp sums up where the page's questions stand (round, reveal, hidden words), so
// that a copy made from their text is made again when one of them changes.
func (s *Store) QuestionStamp(ctx context.Context, slug Slug) (string, error) {
	blocks, err := s.QuestionsOf(ctx, slug)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	for _, q := range blocks {
		st, err := s.answers.StatusOf(ctx, string(slug), q.N)
		if err != nil {
			return "", err
		}
		hidden, err := s.answers.Hidden(ctx, string(slug), q.N)
		if err != nil {
			return "", err
		}
		b.WriteString(strconv.Itoa(q.N) + ":" + strconv.FormatInt(st.Round, 10) + ":" + strconv.FormatBool(st.Revealed) + ":" + strconv.Itoa(len(hidden)) + " ")
	}
	return b.String(), nil
}

func (s *Store) questionText(ctx context.Context, slug Slug, b *QuestionBlock, opt QuestionText) (string, error) {
	st, err := s.answers.StatusOf(ctx, string(slug), b.N)
	if err != nil {
		return "", err
	}
	v := map[string]any{"N": b.N, "Q": b.Question, "Steps": steps(b.Question), "State": st, "Count": opt.Count}
	if st.Revealed && st.Round > 0 {
		res, err := s.revealedResults(ctx, slug, b, st)
		if err != nil {
			return "", err
		}
		v["Results"] = res
	}
	var buf bytes.Buffer
	err = questionTextTemplate.Execute(&buf, v)
	return buf.String(), err
}

// revealedResults tallies the round the room saw revealed, without the words the
// facilitator hid.
func (s *Store) revealedResults(ctx context.Context, slug Slug, b *QuestionBlock, st questions.Status) (*questions.Results, error) {
	vals, err := s.answers.Values(ctx, st.Round)
	if err != nil {
		return nil, err
	}
	hidden, err := s.answers.Hidden(ctx, string(slug), b.N)
	if err != nil {
		return nil, err
	}
	res, err := b.Question.Tally(vals, b.Truth, b.Drawn, hidden)
	if err != nil {
		return nil, err
	}
	return res.Public(), nil
}

var questionTextTemplate = template.Must(template.New("text").Parse(`<section class="question question-text" id="question-{{.N}}">
<p class="question-text-ask"><span class="question-number">Question {{.N}}</span> {{.Q.Ask}}</p>
{{- if .Q.Choices}}
<ul class="question-text-choices">{{range .Q.Choices}}<li>{{.}}</li>{{end}}</ul>
{{- else if .Steps}}
<ul class="question-text-choices">{{range .Steps}}<li>{{.Label}}</li>{{end}}</ul>
{{- end}}
{{- if .Results}}{{with .Results}}
<p class="question-text-state">Résultats révélés : {{.Summary}}</p>
{{- with .Truth}}{{if .Text}}
<p class="question-text-truth">Réponse : {{.Text}}{{with .Citation}} ({{.}}){{end}}</p>
{{- end}}{{end}}
{{- if .Counts}}
<table class="question-text-results"><caption>Les réponses de la salle</caption><tbody>{{range .Counts}}<tr><th scope="row">{{.Label}}</th><td class="num">{{.Count}}</td></tr>{{end}}</tbody></table>
{{- else if .Parts}}
<table class="question-text-results"><caption>La répartition moyenne de la salle</caption><tbody>{{range .Parts}}<tr><th scope="row">{{.Label}}</th><td class="num">{{.Percent}} %</td></tr>{{end}}</tbody></table>
{{- end}}{{end}}
{{- else if and .Count (gt .State.Round 0)}}
<p class="question-text-state">{{if eq .State.Answers 1}}1 réponse{{else}}{{.State.Answers}} réponses{{end}} ; résultats non révélés.</p>
{{- else if .Count}}
<p class="question-text-state">Question pas encore posée.</p>
{{- else}}
<p class="question-text-state">Résultats non révélés.</p>
{{- end}}
</section>
`))
