package notebooks

import (
	"context"
	"fmt"
	"math"
	"strings"

	"atelier/datasets"
	"atelier/internal/localfmt"
)

// Report is what a new version of a dataset would change, shown before it becomes current:
// on the review screen of a file whose name exists, and by `atelier import`.
type Report struct {
	Dataset datasets.Name `json:"dataset"`
	Diff    datasets.Diff `json:"diff"`
	Changes []string      `json:"changes"` // the difference, in French sentences
	Pages   []PageCheck   `json:"pages"`
	// Suggest maps each column that disappeared to a column of the new file of the same
	// type that appeared, the likely new name of a column renamed at the source.
	Suggest map[string]string `json:"suggest"`
}

// ReportFor compares the candidate with the current version and checks every chart that
// reads the dataset against it. Nothing is stored.
func (s *Store) ReportFor(ctx context.Context, ds *datasets.Store, c *datasets.Candidate) (Report, error) {
	d, err := ds.DiffWith(ctx, c)
	if err != nil {
		return Report{}, err
	}
	r := Report{Dataset: c.Request.Name, Diff: d, Changes: diffSentences(d), Suggest: suggestions(d)}
	if d.Current == 0 {
		r.Pages = []PageCheck{}
		return r, nil
	}
	r.Pages, err = s.CheckUsing(ctx, c, ds)
	return r, err
}

// Breaking lists the pages that anonymous visitors read (published or unlisted) on which a
// chart would break: `atelier import` refuses them without -force.
func (r Report) Breaking() []PageCheck {
	var out []PageCheck
	for _, p := range r.Pages {
		if p.Status.Public() && p.Breaks() {
			out = append(out, p)
		}
	}
	return out
}

func suggestions(d datasets.Diff) map[string]string {
	out := map[string]string{}
	taken := map[string]bool{}
	for _, gone := range d.Removed {
		for _, added := range d.Added {
			if added.Type == gone.Type && !taken[added.Name] {
				out[gone.Name], taken[added.Name] = added.Name, true
				break
			}
		}
	}
	return out
}

var typeWords = map[string]string{"utf8": "texte", "int64": "nombre entier", "float64": "nombre décimal",
	"date32": "date", "bool": "oui/non", "timestamp[s]": "date et heure"}

func typeWord(t string) string {
	if w, ok := typeWords[t]; ok {
		return w
	}
	return t
}

// diffSentences says the difference in French, the figures formatted as residents read them.
func diffSentences(d datasets.Diff) []string {
	if d.Current == 0 {
		return []string{fmt.Sprintf("Nouvelles données : %s, %s.", plural(d.RowsAfter, "ligne"), plural(int64(len(d.Added)), "colonne"))}
	}
	out := []string{fmt.Sprintf("Lignes : %s avant (version %d), %s après.", localfmt.Decimal("fr", float64(d.RowsBefore), 0), d.Current, localfmt.Decimal("fr", float64(d.RowsAfter), 0))}
	for _, c := range d.Added {
		out = append(out, fmt.Sprintf("Colonne ajoutée : « %s » (%s).", c.Name, typeWord(c.Type)))
	}
	for _, c := range d.Removed {
		out = append(out, fmt.Sprintf("Colonne disparue : « %s » (%s).", c.Name, typeWord(c.Type)))
	}
	for _, c := range d.Renamed {
		out = append(out, fmt.Sprintf("Colonne renommée à la source : « %s » du nouveau fichier devient « %s ».", c.Name, c.NewName))
	}
	for _, c := range d.Retyped {
		out = append(out, fmt.Sprintf("Type changé : « %s » passe de %s à %s.", c.Column, typeWord(c.From), typeWord(c.To)))
	}
	if len(d.Added)+len(d.Removed)+len(d.Renamed)+len(d.Retyped) == 0 {
		out = append(out, "Mêmes colonnes, mêmes types.")
	}
	for _, t := range d.Totals {
		out = append(out, totalSentence(t))
	}
	return out
}

func totalSentence(t datasets.Total) string {
	name := t.Column
	if t.Label != "" {
		name = t.Label
	}
	s := fmt.Sprintf("Total de « %s » : %s avant, %s après", name, amount(t.Before, t.Unit), amount(t.After, t.Unit))
	switch {
	case t.Before == t.After:
		s += " (inchangé)"
	case t.Before != 0:
		change := 100 * (t.After - t.Before) / math.Abs(t.Before)
		sign := "+"
		if change < 0 {
			sign = "−"
		}
		s += fmt.Sprintf(" (%s%s %%)", sign, localfmt.Decimal("fr", math.Abs(change), 1))
	}
	return s + "."
}

// amount is a total in French: « 3 245 000 € », « 1 234,5 ».
func amount(v float64, unit string) string {
	dec := 0
	if v != math.Trunc(v) {
		dec = 2
	}
	s := localfmt.Decimal("fr", v, dec)
	if unit != "" {
		s += "\u202f" + unit
	}
	return s
}

func plural(n int64, word string) string {
	s := localfmt.Decimal("fr", float64(n), 0) + " " + word
	if n > 1 {
		s += "s"
	}
	return s
}

var statusWords = map[Status]string{Published: "publiée", Unlisted: "non listée", Draft: "brouillon"}

// ChartLine says in French what becomes of one chart.
func (c ChartCheck) Line() string {
	title := c.Title
	if title == "" {
		title = "sans titre"
	}
	head := fmt.Sprintf("graphique %d « %s »", c.N, title)
	switch {
	case c.Pinned > 0:
		return fmt.Sprintf("%s : reste sur la version %d", head, c.Pinned)
	case c.Draws:
		return head + " : se dessine"
	}
	return fmt.Sprintf("%s : ne se dessinerait plus — %s", head, c.Problem)
}

// Text is the report as `atelier import` prints it.
func (r Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ce qui change dans « %s » :\n", r.Dataset)
	for _, s := range r.Changes {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	if len(r.Pages) == 0 {
		if r.Diff.Current > 0 {
			b.WriteString("Aucune page n'utilise ces données.\n")
		}
		return b.String()
	}
	b.WriteString("Pages qui utilisent ces données :\n")
	for _, p := range r.Pages {
		fmt.Fprintf(&b, "  %s « %s » (%s)\n", p.Slug, p.Title, statusWords[p.Status])
		for _, c := range p.Charts {
			fmt.Fprintf(&b, "    %s\n", c.Line())
		}
	}
	return b.String()
}
