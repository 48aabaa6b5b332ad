package charts

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets"
	"atelier/datasets/query"
	"atelier/internal/fault"
)

// MaxCategories caps the categories of a chart: beyond, a chart is unreadable and the page
// heavy, so the first ones are drawn and the description says how many were left out.
const MaxCategories = 500

// MaxSeries caps the series of a chart (the values of `series`).
const MaxSeries = 20

// DefaultHeight is a chart's height in pixels when the block gives none.
const DefaultHeight = 400

// Catalogue is where charts find their data. version 0 means the latest. The table is
// shared: do not Release it.
type Catalogue interface {
	Table(ctx context.Context, name datasets.Name, version int) (arrow.Table, datasets.Meta, error)
	Names(ctx context.Context) ([]datasets.Name, error) // for "vouliez-vous dire" suggestions
}

// Chart is a built chart, ready for the page: options for ECharts, and the same data as
// text for people who do not see the chart.
type Chart struct {
	Type        string          // "bar", "line", "pie"
	Title       string          // the block's title, or one made from y and x
	Height      int             // pixels, default 400
	Options     json.RawMessage // the ECharts option object; data only, no JS function
	Format      Format          // declarative number format for the static JS
	Description string          // plain French sentences for screen readers
	Table       Table           // the result, formatted for "Voir les données"
	Citation    string          // datasets.Meta.Citation(), e.g. "Source : INSEE — Licence Ouverte"
	Dataset     datasets.Name
	Version     int // the version actually used (the latest when the block pins none)
}

// Table is a chart's data as formatted text, one row per category.
type Table struct {
	Columns []string
	Numeric []bool // per column: right-align it
	Rows    [][]string
}

// Build runs the spec's query and builds the chart.
func Build(ctx context.Context, cat Catalogue, spec *Spec) (*Chart, error) {
	tbl, meta, err := openData(ctx, cat, spec)
	if err != nil {
		return nil, err
	}
	if err := spec.checkColumns(tbl.Schema()); err != nil {
		return nil, err
	}
	res, err := query.Run(ctx, tbl, spec.plan())
	if err != nil {
		return nil, spec.locate(err)
	}
	d, err := spec.shape(res)
	if err != nil {
		return nil, err
	}
	c := &Chart{
		Type: spec.Type, Title: spec.title(), Height: spec.Height,
		Citation: meta.Citation(), Dataset: spec.Data, Version: meta.Version,
	}
	if c.Height == 0 {
		c.Height = DefaultHeight
	}
	c.Format = newFormat(spec, d.values())
	c.Description = describe(spec, d, c.Format)
	c.Table = d.table(spec, c.Format)
	if c.Options, err = options(spec, d, c); err != nil {
		return nil, err
	}
	return c, nil
}

// openData fetches the dataset, suggesting a close name when it does not exist.
func openData(ctx context.Context, cat Catalogue, spec *Spec) (arrow.Table, datasets.Meta, error) {
	tbl, meta, err := cat.Table(ctx, spec.Data, spec.Version)
	if err == nil {
		return tbl, meta, nil
	}
	if fault.KindOf(err) != fault.NotFound {
		return nil, datasets.Meta{}, err
	}
	line := spec.Line("data")
	names, nerr := cat.Names(ctx)
	if nerr != nil {
		return nil, datasets.Meta{}, nerr
	}
	var all []string
	for _, n := range names {
		if n == spec.Data && spec.Version > 0 {
			return nil, datasets.Meta{}, blockErr(line, "data", "le jeu de données « %s » n'a pas de version %d : retirez « @%d » pour prendre la dernière", spec.Data, spec.Version, spec.Version)
		}
		all = append(all, string(n))
	}
	if c := query.Closest(string(spec.Data), all); c != "" {
		return nil, datasets.Meta{}, blockErr(line, "data", "jeu de données « %s » introuvable — vouliez-vous dire « %s » ?", spec.Data, c)
	}
	return nil, datasets.Meta{}, blockErr(line, "data", "jeu de données « %s » introuvable", spec.Data)
}

// checkColumns checks x, y and series against the schema, with the line of each key.
func (s *Spec) checkColumns(schema *arrow.Schema) error {
	var names []string
	for _, f := range schema.Fields() {
		names = append(names, f.Name)
	}
	check := func(key, col string) error {
		if col == "" || contains(names, col) {
			return nil
		}
		for _, n := range names { // the engine also accepts a difference of case alone
			if strings.EqualFold(n, col) {
				return nil
			}
		}
		if c := query.Closest(col, names); c != "" {
			return blockErr(s.Line(key), key, "colonne « %s » inconnue — vouliez-vous dire « %s » ?", col, c)
		}
		return blockErr(s.Line(key), key, "colonne « %s » inconnue (colonnes : %s)", col, listNames(names))
	}
	y := s.Y
	if s.Agg != nil {
		y = s.Agg.Column
	}
	for _, kc := range [][2]string{{"x", s.X}, {"series", s.Series}, {"y", y}} {
		if err := check(kc[0], kc[1]); err != nil {
			return err
		}
	}
	return nil
}

func listNames(names []string) string {
	if len(names) > 10 {
		return strings.Join(names[:10], ", ") + "…"
	}
	return strings.Join(names, ", ")
}

// locate puts the line of the key at fault in front of an engine error: the engine gives
// a position for where errors; columns were checked before, so the others are about y.
func (s *Spec) locate(err error) error {
	var qe *query.Error
	if !errors.As(err, &qe) {
		return err
	}
	if qe.Pos > 0 {
		return blockErr(s.Line("where"), "where", "« where », position %d : %s", qe.Pos, qe.Msg)
	}
	return blockErr(s.Line("y"), "y", "%s", qe.Msg)
}
