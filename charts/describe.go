package charts

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"atelier/datasets/query"
)

// measure names y in French: « somme de montant », « nombre de lignes ».
func (s *Spec) measure() string {
	if s.Agg == nil {
		return s.Y
	}
	c := s.Agg.Column
	switch s.Agg.Func {
	case query.Count:
		if c == "" {
			return "nombre de lignes"
		}
		return "nombre de valeurs de " + c
	case query.Sum:
		return "somme de " + c
	case query.Mean:
		return "moyenne de " + c
	case query.Median:
		return "médiane de " + c
	case query.Min:
		return "minimum de " + c
	case query.Max:
		return "maximum de " + c
	}
	return "nombre de valeurs distinctes de " + c
}

// title is the block's title, or « Somme de montant par quartier ».
func (s *Spec) title() string {
	if s.Title != "" {
		return s.Title
	}
	return capitalize(s.measure() + " par " + s.X)
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

var typeNames = map[string]string{"bar": "Barres", "line": "Courbe", "pie": "Secteurs"}

// describe writes the sentences a screen reader says instead of showing the chart.
func describe(s *Spec, d *shaped, f Format) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s : %s par %s", typeNames[s.Type], s.measure(), s.X)
	if len(d.series) > 1 {
		names := make([]string, len(d.series))
		for i, sr := range d.series {
			names[i] = sr.name
		}
		fmt.Fprintf(&b, ", selon %s (%s)", s.Series, strings.Join(names, ", "))
	}
	fmt.Fprintf(&b, " (%s).", plural(len(d.cats), "valeur", "valeurs"))
	if len(d.cats) == 0 {
		b.WriteString(" Aucune donnée ne correspond.")
	} else if len(d.series) == 1 {
		switch s.Type {
		case "line":
			b.WriteString(trend(d, f))
		case "pie":
			b.WriteString(share(d, f))
		default:
			b.WriteString(extremes(d, f))
		}
	}
	b.WriteString(coverage(s, d))
	if s.Where != "" {
		fmt.Fprintf(&b, " Filtre : %s.", s.Where)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Number(float64(n), 0) + " " + many
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
	if hi < 0 {
		return ""
	}
	switch {
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

// coverage says what was left out: a top-N, the cap, the "others" group.
func coverage(s *Spec, d *shaped) string {
	shown := len(d.cats)
	if d.others {
		shown--
	}
	switch {
	case d.capped:
		return fmt.Sprintf(" Seules les %s premières valeurs sur %s sont montrées.", Number(float64(shown), 0), Number(float64(d.total), 0))
	case d.total > shown && d.others:
		return fmt.Sprintf(" Les %s autres valeurs sont regroupées dans « %s ».", Number(float64(d.total-shown), 0), s.Others)
	case d.total > shown:
		return fmt.Sprintf(" %s valeurs montrées sur %s.", Number(float64(shown), 0), Number(float64(d.total), 0))
	}
	return ""
}

// table lays the data out as rows of formatted text; the unit goes in the headers, once.
func (d *shaped) table(s *Spec, f Format) Table {
	t := Table{Columns: []string{s.X}, Numeric: []bool{false}}
	unit := ""
	if f.Unit != "" {
		unit = " (" + f.Unit + ")"
	}
	if f.Kind == "currency" {
		unit = " (€)"
	}
	cell := Format{Kind: "number", Decimals: f.Decimals} // the unit is in the header
	if f.Kind == "percent" {
		cell.Kind = "percent"
	}
	for _, sr := range d.series {
		name := sr.name
		if len(d.series) == 1 {
			name = capitalize(name)
		}
		t.Columns = append(t.Columns, name+unit)
		t.Numeric = append(t.Numeric, true)
	}
	for i, c := range d.cats {
		row := []string{c}
		for _, sr := range d.series {
			v := Empty
			if sr.ok[i] {
				v = cell.Value(sr.vals[i])
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
