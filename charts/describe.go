package charts

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// measureName names a y value in French: « somme de montant », « nombre de lignes ».
func (s *Spec) measureName(m Measure) string {
	if m.Agg == nil {
		return s.colName(m.Text)
	}
	c := s.colName(m.Agg.Column)
	switch m.Agg.Func {
	case query.Count:
		if c == "" {
			return "nombre de lignes"
		}
		return "nombre de valeurs de " + c
	case query.Share:
		if c == "" {
			return "part des lignes"
		}
		return "part de " + c
	}
	return map[query.Func]string{query.Sum: "somme de ", query.Mean: "moyenne de ", query.Median: "médiane de ",
		query.Min: "minimum de ", query.Max: "maximum de ", query.Distinct: "nombre de valeurs distinctes de "}[m.Agg.Func] + c
}

// measure names the chart's values: the first y, or « somme de a et somme de b ».
func (s *Spec) measure() string {
	names := make([]string, len(s.Measures))
	for i, m := range s.Measures {
		names[i] = s.measureName(m)
	}
	if len(names) == 0 {
		return s.Y
	}
	if len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
	}
	return names[0]
}

// by is what the values are split by: « par libgeo », « par annee et quartier ».
func (s *Spec) by() string {
	x := s.X
	if s.Type == "map" {
		x = s.Key
	}
	switch {
	case x == "":
		return ""
	case s.Type == "heatmap":
		return " par " + s.keyWords(x) + " et " + s.keyWords(s.Series)
	}
	return " par " + s.keyWords(x)
}

// keyWords names a group key in French: a column, or « mois de date » for month(date).
func (s *Spec) keyWords(col string) string {
	if fn, inner, ok := query.ParseBucket(col); ok {
		return map[string]string{"year": "année de ", "month": "mois de ", "weekday": "jour de la semaine de "}[fn] + s.colName(inner)
	}
	return s.colName(col)
}

// title is the block's title, or « Somme de montant par quartier ».
func (s *Spec) title() string {
	if s.Title != "" {
		return s.Title
	}
	return capitalize(s.measure() + s.by())
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// describe writes the sentences a screen reader says instead of showing the chart.
func describe(s *Spec, d *shaped, f Format) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s : %s%s", typeNames[s.Type], s.measure(), s.by())
	if s.Series != "" && s.Type != "heatmap" {
		names := make([]string, len(d.series))
		for i, sr := range d.series {
			names[i] = sr.name
		}
		fmt.Fprintf(&b, ", selon %s (%s)", s.keyWords(s.Series), strings.Join(names, ", "))
	}
	if s.Percent {
		b.WriteString(", en part du total de chaque barre")
	}
	if s.Cumulative {
		b.WriteString(", en cumul")
	}
	fmt.Fprintf(&b, " (%s).", plural(len(d.cats), "valeur", "valeurs"))
	switch {
	case len(d.cats) == 0:
		b.WriteString(" Aucune donnée ne correspond.")
	case len(d.series) == 1 || s.Type == "heatmap":
		b.WriteString(summary(s, d, f))
	}
	if s.Type == "map" {
		fmt.Fprintf(&b, " %s sur %s ont une valeur.", plural(d.shapesWithValue(), "forme", "formes"), localfmt.Decimal("fr", float64(len(d.cats)), 0))
		if d.rolled > 0 {
			b.WriteString(" Paris, Lyon et Marseille, donnés par arrondissement, reçoivent la somme de leurs arrondissements.")
		}
		b.WriteString(d.shapesWithout())
		if d.missed.rows > 0 {
			b.WriteString(" " + d.missed.sentence())
		}
	}
	b.WriteString(coverage(s, d))
	b.WriteString(selection(s, d))
	return b.String()
}

// summary is the sentence that says what the chart shows, by type.
func summary(s *Spec, d *shaped, f Format) string {
	switch s.Type {
	case "line", "area":
		return trend(d, f)
	case "pie", "donut", "treemap":
		return share(d, f)
	case "heatmap":
		return hottest(d, f)
	}
	return extremes(d, f)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return localfmt.Decimal("fr", float64(n), 0) + " " + many
}

// extremes names the largest and the smallest value.
func extremes(d *shaped, f Format) string {
	hi, lo, n := -1, -1, 0
	sr := d.series[0]
	for i, ok := range sr.ok {
		if !ok || (d.others && i == len(d.cats)-1) {
			continue
		}
		n++
		if hi < 0 || sr.vals[i] > sr.vals[hi] {
			hi = i
		}
		if lo < 0 || sr.vals[i] < sr.vals[lo] {
			lo = i
		}
	}
	switch {
	case hi < 0:
		return ""
	case n == 1 && d.cats[hi] == "":
		return fmt.Sprintf(" %s.", capitalize(f.Value(sr.vals[hi])))
	case n == 1:
		return fmt.Sprintf(" %s : %s.", d.cats[hi], f.Value(sr.vals[hi]))
	case sr.vals[hi] == sr.vals[lo]:
		return fmt.Sprintf(" Toutes valent %s.", f.Value(sr.vals[hi]))
	}
	return fmt.Sprintf(" La plus forte : %s avec %s ; la plus faible : %s avec %s.", d.cats[hi], f.Value(sr.vals[hi]), d.cats[lo], f.Value(sr.vals[lo]))
}

// trend compares the first and last points, and names the peak.
func trend(d *shaped, f Format) string {
	sr := d.series[0]
	first, last, peak := -1, -1, -1
	for i, ok := range sr.ok {
		if !ok {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if peak < 0 || sr.vals[i] > sr.vals[peak] {
			peak = i
		}
	}
	if first < 0 || first == last {
		return extremes(d, f)
	}
	a, z := sr.vals[first], sr.vals[last]
	s := fmt.Sprintf(" De %s (%s) à %s (%s)", f.Value(a), d.cats[first], f.Value(z), d.cats[last])
	switch {
	case a == z:
		s += ", stable"
	case a != 0:
		word := "hausse"
		if z < a {
			word = "baisse"
		}
		s += fmt.Sprintf(", soit une %s de %s", word, Format{Kind: "percent", Decimals: 1}.Value(math.Abs(z-a)/math.Abs(a)*100))
	}
	return s + fmt.Sprintf(". Maximum : %s (%s).", f.Value(sr.vals[peak]), d.cats[peak])
}

// share gives the largest part in percent of the total.
func share(d *shaped, f Format) string {
	sr := d.series[0]
	total, big := 0.0, -1
	for i, ok := range sr.ok {
		if ok && sr.vals[i] > 0 {
			total += sr.vals[i]
			if big < 0 || sr.vals[i] > sr.vals[big] {
				big = i
			}
		}
	}
	if big < 0 || total == 0 {
		return ""
	}
	pct := Format{Kind: "percent", Decimals: 1}.Value(sr.vals[big] / total * 100)
	return fmt.Sprintf(" La plus grande part : %s, %s du total (%s).", d.cats[big], pct, f.Value(sr.vals[big]))
}

// hottest names the largest cell of a heatmap.
func hottest(d *shaped, f Format) string {
	bi, bk := -1, -1
	for k, sr := range d.series {
		for i, ok := range sr.ok {
			if ok && (bi < 0 || sr.vals[i] > d.series[bk].vals[bi]) {
				bi, bk = i, k
			}
		}
	}
	if bi < 0 {
		return ""
	}
	return fmt.Sprintf(" La plus forte : %s, %s, avec %s.", d.cats[bi], d.series[bk].name, f.Value(d.series[bk].vals[bi]))
}

// coverage says what was left out: a top-N, the cap, the "others" group.
func coverage(s *Spec, d *shaped) string {
	shown := len(d.cats)
	if d.others {
		shown--
	}
	switch {
	case d.capped:
		return fmt.Sprintf(" Seules les %s premières valeurs sur %s sont montrées.", localfmt.Decimal("fr", float64(shown), 0), localfmt.Decimal("fr", float64(d.total), 0))
	case d.total > shown && d.others:
		return fmt.Sprintf(" Les %s autres valeurs sont regroupées dans « %s ».", localfmt.Decimal("fr", float64(d.total-shown), 0), s.Others)
	case d.total > shown:
		return fmt.Sprintf(" %s valeurs montrées sur %s.", localfmt.Decimal("fr", float64(shown), 0), localfmt.Decimal("fr", float64(d.total), 0))
	}
	return ""
}
