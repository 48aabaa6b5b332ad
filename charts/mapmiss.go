package charts

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// A map drops the data rows whose key matches no shape (a code of another département, a
// commune merged since): the description and the note under the map say how many and
// which, and which shapes got no value, so that nobody reads a missing value as a zero.

// missed are the data rows of a map whose key found no shape.
type missed struct {
	rows  int64    // rows that passed the filter but matched no shape
	keys  []string // their keys, the first few
	total int      // how many distinct keys
}

// missedShown is how many unmatched keys a description names.
const missedShown = 10

// unmatched finds the rows of the data (the block's filter applied) whose key is not one
// of the shapes' keys.
func (s *Spec) unmatched(ctx context.Context, tbl arrow.Table, keys []string) (missed, error) {
	var where query.Expr = &query.Not{X: s.keysIn(tbl, keys)}
	if len(s.keysIn(tbl, keys).Values) == 0 {
		where = nil
	}
	if s.Filter != nil {
		if where == nil {
			where = s.Filter
		} else {
			where = &query.Logical{L: s.Filter, R: where}
		}
	}
	res, err := query.Run(ctx, tbl, query.Plan{Where: where, GroupBy: []string{s.Key},
		Aggregates: []query.Aggregate{{Func: query.Count}}, Limit: missedShown})
	if err != nil {
		return missed{}, s.locate(err)
	}
	m := missed{total: res.Total}
	for _, row := range res.Rows {
		if row[0].Null {
			m.keys = append(m.keys, "(vide)")
			continue
		}
		m.keys = append(m.keys, canonOrText(row[0]))
	}
	if m.total > 0 {
		m.rows = res.Matched
	}
	return m, nil
}

func canonOrText(v query.Value) string {
	if v.Kind == query.Text {
		return v.Str
	}
	return v.String()
}

// sentence: « 3 lignes des données n'ont trouvé aucune forme (clés 01010, 01011, 01012). »
func (m missed) sentence() string {
	keys := strings.Join(m.keys, ", ")
	if m.total > len(m.keys) {
		keys += fmt.Sprintf(" et %s autres", localfmt.Decimal("fr", float64(m.total-len(m.keys)), 0))
	}
	verb := "n'ont trouvé"
	if m.rows == 1 {
		verb = "n'a trouvé"
	}
	word := "clé"
	if m.total > 1 {
		word = "clés"
	}
	return fmt.Sprintf("%s des données %s aucune forme (%s %s).", plural(int(m.rows), "ligne", "lignes"), verb, word, keys)
}

// shapesWithout names the shapes that got no value: « Sans valeur : Istres, Miramas. »
func (d *shaped) shapesWithout() string {
	var names []string
	for i, ok := range d.series[0].ok {
		if !ok {
			names = append(names, d.cats[i])
		}
	}
	if len(names) == 0 {
		return ""
	}
	more := ""
	if len(names) > missedShown {
		more = fmt.Sprintf(" et %s autres", localfmt.Decimal("fr", float64(len(names)-missedShown), 0))
		names = names[:missedShown]
	}
	return " Sans valeur : " + strings.Join(names, ", ") + more + "."
}
