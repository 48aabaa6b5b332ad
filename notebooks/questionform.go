package notebooks

import (
	"errors"
	"html/template"
	"math"

	"github.com/yuin/goldmark/util"

	"atelier/charts"
	"atelier/notebooks/questions"
)

// A question shows as a plain form that works without script: it posts to
// /p/{slug}/questions/{n}/answers and the server sends the visitor back to the page. The
// page's questions.js, when it runs, makes it live (state, count, results) and turns the
// share fields into sliders and the draw fields into a line to draw with a finger.

func writeQuestion(w util.BufWriter, b *QuestionBlock) error {
	if b.Err != nil {
		return questionTemplates.ExecuteTemplate(w, "broken", map[string]any{"N": b.N, "Problem": questionProblem(b)})
	}
	q := b.Question
	v := map[string]any{"N": b.N, "Q": q, "Slug": b.slug, "Line": b.Line, "Drawn": b.Drawn, "Steps": steps(q)}
	if q.Kind == "share" {
		v["Parts"] = evenSplit(len(q.Choices))
	}
	if b.Drawn != nil {
		var todo []string
		todo = append(todo, b.Drawn.Points[len(b.Drawn.Shown):]...)
		v["ToDraw"], v["Shown"] = todo, shownPoints(b.Drawn, q)
	}
	return questionTemplates.ExecuteTemplate(w, "question", v)
}

// evenSplit is the share form's starting point: 100 % split evenly, the rest on the first
// part, so that a form sent untouched adds up.
func evenSplit(n int) []float64 {
	out := make([]float64, n)
	each := math.Floor(100 / float64(n))
	for i := range out {
		out[i] = each
	}
	out[0] += 100 - each*float64(n)
	return out
}

type step struct{ Value, Label string }

// steps are a scale's choices, labelled at the ends (or each) with the block's labels.
func steps(q *questions.Question) []step {
	if q.Kind != "scale" {
		return nil
	}
	var out []step
	for v := *q.Min; v <= *q.Max; v++ {
		s := step{Value: q.Format0(v), Label: q.Format0(v)}
		i := int(v - *q.Min)
		switch {
		case len(q.Labels) > 2 && i < len(q.Labels):
			s.Label += " — " + q.Labels[i]
		case len(q.Labels) == 2 && v == *q.Min:
			s.Label += " — " + q.Labels[0]
		case len(q.Labels) == 2 && v == *q.Max:
			s.Label += " — " + q.Labels[1]
		}
		out = append(out, s)
	}
	return out
}

func shownPoints(d *questions.Drawn, q *questions.Question) [][2]string {
	out := make([][2]string, len(d.Shown))
	for i, v := range d.Shown {
		out[i] = [2]string{d.Points[i], q.Format(v)}
	}
	return out
}

func blockError(err error) *charts.Error {
	var ce *charts.Error
	if errors.As(err, &ce) {
		return ce
	}
	return nil
}

var questionTemplates = template.Must(template.New("").Funcs(template.FuncMap{"ptr": func(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}}).Parse(`
{{- define "question" -}}
<form class="question" id="question-{{.N}}" data-question="{{.N}}" data-kind="{{.Q.Kind}}" data-line="{{.Line}}" method="post"{{with .Slug}} action="/p/{{.}}/questions/{{$.N}}/answers" data-slug="{{.}}"{{end}}>
<fieldset>
<legend><span class="question-number">Question {{.N}}</span> {{.Q.Ask}}</legend>
{{- $q := .Q}}
{{- if eq .Q.Kind "choice"}}{{range $i, $c := .Q.Choices}}
<label class="question-option"><input type="radio" name="value" value="{{$c}}" required> {{$c}}</label>
{{- end}}
{{- else if eq .Q.Kind "multiple"}}<p class="question-hint">Plusieurs réponses possibles.</p>{{range .Q.Choices}}
<label class="question-option"><input type="checkbox" name="value" value="{{.}}"> {{.}}</label>
{{- end}}
{{- else if eq .Q.Kind "number"}}
<label class="question-field"><span class="question-label question-label-guess">Votre estimation</span>{{with .Q.Unit}} ({{.}}){{end}}
<input type="number" name="value" step="any" inputmode="decimal" required{{with ptr .Q.Min}} min="{{.}}"{{end}}{{with ptr .Q.Max}} max="{{.}}"{{end}}></label>
{{- else if eq .Q.Kind "scale"}}{{range .Steps}}
<label class="question-option question-step"><input type="radio" name="value" value="{{.Value}}" required> {{.Label}}</label>
{{- end}}
{{- else if eq .Q.Kind "share"}}<p class="question-hint">Répartissez 100 % entre ces postes.</p>{{range $i, $c := .Q.Choices}}
<label class="question-part" data-choice="{{$c}}">{{$c}} <span class="question-unit"><input type="number" name="part" min="0" max="100" step="1" value="{{index $.Parts $i}}" required> %</span></label>
{{- end}}
<p class="question-total" aria-live="polite"></p>
{{- else if eq .Q.Kind "words"}}<p class="question-hint">Jusqu'à 3 mots, de 40 caractères au plus.</p>
<label class="question-field"><span class="question-label question-label-word">Mot</span> 1 <input type="text" name="value" maxlength="40" required autocomplete="off"></label>
<label class="question-field"><span class="question-label question-label-word">Mot</span> 2 <input type="text" name="value" maxlength="40" autocomplete="off"></label>
<label class="question-field"><span class="question-label question-label-word">Mot</span> 3 <input type="text" name="value" maxlength="40" autocomplete="off"></label>
{{- else if eq .Q.Kind "draw"}}<p class="question-hint">Voici le début de la série ; dessinez la suite.</p>
<div class="question-draw" data-min="{{ptr .Q.Min}}" data-max="{{ptr .Q.Max}}" data-unit="{{.Q.Unit}}"></div>
<script type="application/json" class="question-drawn">{{.Drawn}}</script>
<table class="question-shown"><caption class="question-label question-label-start">Le début de la série</caption><tbody>{{range .Shown}}<tr><th scope="row">{{index . 0}}</th><td class="num">{{index . 1}}</td></tr>{{end}}</tbody></table>
<div class="question-draw-fields">{{range .ToDraw}}
<label class="question-field">{{.}}{{with $q.Unit}} ({{.}}){{end}} <input type="number" name="value" step="any" inputmode="decimal" required{{with ptr $q.Min}} min="{{.}}"{{end}}{{with ptr $q.Max}} max="{{.}}"{{end}}></label>
{{- end}}</div>
{{- end}}
<p class="question-status" role="status" aria-live="polite"></p>
<button type="submit" class="question-send"{{if not .Slug}} disabled{{end}}>Envoyer ma réponse</button>
</fieldset>
<div class="question-results" aria-live="polite"></div>
</form>
{{end -}}
{{- define "broken" -}}
<div class="question question-error" id="question-{{.N}}" data-question="{{.N}}" data-line="{{.Problem.Line}}">
<p class="chart-error-message" role="alert">Question {{.N}}, ligne {{.Problem.Line}} de la page : {{.Problem.Message}}</p>
</div>
{{end -}}`))
