package charts

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"atelier/datasets/query"
	"atelier/internal/localfmt"
)

// MaxPoints caps the points of a scatter chart: beyond, the page gets heavy and the
// cloud unreadable; the note says how many were left out.
const MaxPoints = 2000

// point of a scatter chart: one table row.
type dot struct {
	x, y, size float64
	hasSize    bool
	label      string
	group      string
}

// buildScatter draws table rows as points: x and y columns, an optional size, a label
// naming each point and series colouring groups.
func (s *Spec) buildScatter(ctx context.Context, tbl arrow.Table, c *Chart) error {
	cols := []string{s.X, s.Y}
	for _, extra := range []string{s.Size, s.Label, s.Series} {
		if extra != "" {
			cols = append(cols, extra)
		}
	}
	p := query.Plan{Where: s.Filter, Columns: cols, Limit: MaxPoints}
	res, err := query.Run(ctx, tbl, p)
	if err != nil {
		return s.locate(err)
	}
	for i, key := range []string{"x", "y", "size"} {
		if i == 2 && s.Size == "" {
			break
		}
		if k := res.Columns[i].Kind; !k.Numeric() {
			return blockErr(s.Line(key), key, "la colonne « %s » est de type %s : un nuage de points (scatter) place des nombres", res.Columns[i].Name, k)
		}
	}
	dots := s.dots(res)
	c.Format = newFormat(s, yValues(dots))
	c.Description = s.describeScatter(dots, res, tbl.NumRows(), c.Format)
	c.Table = s.scatterTable(dots)
	if res.Total > len(dots) {
		c.Note = fmt.Sprintf("Trop de points pour un graphique lisible : seuls les %s premiers sur %s sont montrés ; filtrez avec « where ».",
			localfmt.Decimal("fr", float64(len(dots)), 0), localfmt.Decimal("fr", float64(res.Total), 0))
	}
	c.Options, err = scatterOptions(s, dots, c)
	return err
}

// dots reads the result rows, skipping those without x or y.
func (s *Spec) dots(res *query.Result) []dot {
	var out []dot
	for _, row := range res.Rows {
		x, okx := number(row[0])
		y, oky := number(row[1])
		if !okx || !oky {
			continue
		}
		d, i := dot{x: x, y: y}, 2
		if s.Size != "" {
			d.size, d.hasSize = number(row[i])
			i++
		}
		if s.Label != "" {
			d.label = Label(row[i])
			i++
		}
		if s.Series != "" {
			d.group = Label(row[i])
		}
		out = append(out, d)
	}
	return out
}

func yValues(dots []dot) []float64 {
	out := make([]float64, len(dots))
	for i, d := range dots {
		out[i] = d.y
	}
	return out
}

func (s *Spec) describeScatter(dots []dot, res *query.Result, rows int64, f Format) string {
	out := fmt.Sprintf("Nuage de points : %s selon %s (%s).", s.colName(s.Y), s.colName(s.X), plural(len(dots), "point", "points"))
	if len(dots) > 0 {
		hi := 0
		for i, d := range dots {
			if d.y > dots[hi].y {
				hi = i
			}
		}
		name := dots[hi].label
		if name == "" {
			name = "le point"
		}
		out += fmt.Sprintf(" Le plus haut : %s, %s = %s pour %s = %s.", name, s.colName(s.Y), f.Value(dots[hi].y), s.colName(s.X), localfmt.Decimal("fr", dots[hi].x, decimals([]float64{dots[hi].x})))
	}
	d := &shaped{matched: res.Matched, rows: rows}
	return out + selection(s, d)
}

func (s *Spec) scatterTable(dots []dot) Table {
	t := Table{}
	add := func(name string, numeric bool) {
		t.Columns, t.Numeric = append(t.Columns, name), append(t.Numeric, numeric)
	}
	if s.Label != "" {
		add(s.colName(s.Label), false)
	}
	add(s.colName(s.X), true)
	add(s.colName(s.Y), true)
	if s.Size != "" {
		add(s.colName(s.Size), true)
	}
	if s.Series != "" {
		add(s.colName(s.Series), false)
	}
	xs, ys, ss := make([]float64, len(dots)), yValues(dots), make([]float64, len(dots))
	for i, d := range dots {
		xs[i], ss[i] = d.x, d.size
	}
	dx, dy, ds := decimals(xs), decimals(ys), decimals(ss)
	num := func(v float64, dec int) (string, string) {
		return localfmt.Decimal("fr", v, dec), strconv.FormatFloat(v, 'f', -1, 64)
	}
	for _, d := range dots {
		var row, raw []string
		if s.Label != "" {
			row, raw = append(row, d.label), append(raw, d.label)
		}
		for _, v := range [][2]float64{{d.x, float64(dx)}, {d.y, float64(dy)}} {
			a, b := num(v[0], int(v[1]))
			row, raw = append(row, a), append(raw, b)
		}
		if s.Size != "" {
			a, b := num(d.size, ds)
			row, raw = append(row, a), append(raw, b)
		}
		if s.Series != "" {
			row, raw = append(row, d.group), append(raw, d.group)
		}
		t.Rows, t.Raw = append(t.Rows, row), append(t.Raw, raw)
	}
	return t
}

func scatterOptions(s *Spec, dots []dot, c *Chart) ([]byte, error) {
	groups, order := map[string][]opts.ScatterData{}, []string{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, d := range dots {
		if d.hasSize {
			lo, hi = min(lo, d.size), max(hi, d.size)
		}
	}
	for _, d := range dots {
		val := []any{d.x, d.y}
		item := opts.ScatterData{Name: d.label, Value: val, SymbolSize: 10}
		if d.hasSize {
			item.Value = append(val, d.size)
			item.SymbolSize = bubble(d.size, lo, hi)
		}
		if _, ok := groups[d.group]; !ok {
			order = append(order, d.group)
		}
		groups[d.group] = append(groups[d.group], item)
	}
	if len(order) > MaxSeries {
		return nil, blockErr(s.Line("series"), "series", "« %s » a %d valeurs : une série par valeur, c'est %d au plus", s.Series, len(order), MaxSeries)
	}
	sh := &shaped{series: make([]series, max(1, len(order)))}
	sc := ec.NewScatter()
	global := append(globals(s, sh, c),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: s.colName(s.X), NameLocation: "middle", NameGap: 30, Scale: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Name: s.colName(s.Y), NameLocation: "middle", NameGap: 56, Scale: opts.Bool(true)}),
		ec.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "16", Right: "16", Top: "16", Bottom: gridBottom(sh)}))
	sc.SetGlobalOptions(global...)
	if len(order) == 0 {
		sc.AddSeries(s.Y, nil)
	}
	for _, g := range order {
		name := g
		if s.Series == "" {
			name = s.Y
		}
		sc.AddSeries(name, groups[g])
	}
	return finish(s, sh, sc)
}

// bubble is a point's diameter in pixels, its area proportional to the value.
func bubble(v, lo, hi float64) int {
	if hi <= lo {
		return 14
	}
	return 6 + int(math.Round(34*math.Sqrt((v-lo)/(hi-lo))))
}
