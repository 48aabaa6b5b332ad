package charts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets"
	"atelier/datasets/query"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
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
	Type        string          // one of Types
	Title       string          // the block's title, or one made from y and x
	Subtitle    string          // the block's subtitle, or ""
	Height      int             // pixels, default 400
	Options     json.RawMessage // the ECharts option object; data only, no JS function; {} for table and number
	Format      Format          // declarative number format (and theme) for the static JS
	Description string          // plain French sentences for screen readers
	Table       Table           // the result, formatted for "Voir les données" (the chart itself for type table)
	Citation    string          // datasets.Meta.Citation(), e.g. "Source : INSEE — Licence Ouverte"
	Dataset     datasets.Name
	Version     int      // the version actually used (the latest when the block pins none)
	Pinned      bool     // the block pins that version (data: name@N): new versions do not change it
	Theme       string   // "", clair, sombre, projecteur or impression (also in Format.Theme)
	Note        string   // a visible French note when values were left out, else ""
	Map         *MapData // type map: the shapes to register before drawing; nil otherwise
	Figure      *Figure  // type number: the big figure; nil otherwise
}

// MapData is what a map chart needs registered with echarts.registerMap(Name, GeoJSON)
// before its options are set.
type MapData struct {
	Name    string          `json:"name"`    // the name the options' series refer to
	GeoJSON json.RawMessage `json:"geojson"` // a FeatureCollection; each feature's properties.name is its label
}

// Build runs the spec's query and builds the chart. Built charts are kept in a small cache
// keyed by the spec and the versions of its datasets: a page rendered twice queries once.
func Build(ctx context.Context, cat Catalogue, spec *Spec) (*Chart, error) {
	tbl, meta, err := openData(ctx, cat, spec, spec.Data, spec.Version, "data")
	if err != nil {
		return nil, err
	}
	var geo *geoSource
	if spec.Type == "map" {
		gt, gm, err := openData(ctx, cat, spec, spec.Geo, spec.GeoVersion, "geo")
		if err != nil {
			return nil, err
		}
		geo = &geoSource{t: gt, meta: gm}
	}
	key := cacheKey(spec, tbl, meta, geo)
	if c, ok := cachedChart(key); ok {
		return c, nil
	}
	c, err := build(ctx, spec, tbl, meta, geo)
	if err != nil {
		return nil, err
	}
	built.Put(key, c)
	cp := *c
	return &cp, nil
}

// build does the work of Build, uncached.
func build(ctx context.Context, s *Spec, tbl arrow.Table, meta datasets.Meta, geo *geoSource) (*Chart, error) {
	if err := s.checkColumns(tbl.Schema()); err != nil {
		return nil, err
	}
	s = s.withLabels(meta)
	c := &Chart{
		Type: s.Type, Title: s.title(), Subtitle: s.Subtitle, Height: s.Height, Theme: s.Theme,
		Citation: meta.Citation(), Dataset: s.Data, Version: meta.Version, Pinned: s.Version != 0,
	}
	if c.Height == 0 {
		c.Height = DefaultHeight
	}
	if s.Type == "scatter" {
		return c, s.buildScatter(ctx, tbl, c)
	}
	var d *shaped
	var err error
	if s.Type == "map" {
		d, c.Map, err = s.joinMap(ctx, tbl, geo)
	} else {
		d, err = s.run(ctx, tbl)
	}
	if err != nil {
		return nil, err
	}
	d.rows = tbl.NumRows()
	c.Format = newFormat(s, d.values())
	c.Description = describe(s, d, c.Format)
	c.Table = d.table(s, c.Format)
	c.Note = note(d)
	if s.Type == "number" {
		c.Figure = figure(s, d, c.Format)
		c.Description = describeFigure(s, c.Figure) + selection(s, d)
	}
	if c.Options, err = options(s, d, c); err != nil {
		return nil, err
	}
	return c, nil
}

// run queries the table and shapes the result.
func (s *Spec) run(ctx context.Context, tbl arrow.Table) (*shaped, error) {
	res, err := query.Run(ctx, tbl, s.plan())
	if err != nil {
		return nil, s.locate(err)
	}
	return s.shape(res)
}

// note is the visible line under a chart whose categories were capped.
func note(d *shaped) string {
	if d.missed.rows > 0 {
		return d.missed.sentence()
	}
	if !d.capped {
		return ""
	}
	return fmt.Sprintf("Trop de valeurs pour un graphique lisible : seules les %s premières sur %s sont montrées ; filtrez avec « where » ou ajoutez « limit ».",
		localfmt.Decimal("fr", float64(MaxCategories), 0), localfmt.Decimal("fr", float64(d.total), 0))
}

// openData fetches a dataset (key "data" or "geo"), suggesting a close name when it does
// not exist.
func openData(ctx context.Context, cat Catalogue, spec *Spec, name datasets.Name, version int, key string) (arrow.Table, datasets.Meta, error) {
	tbl, meta, err := cat.Table(ctx, name, version)
	if err == nil {
		return tbl, meta, nil
	}
	if fault.KindOf(err) != fault.NotFound {
		return nil, datasets.Meta{}, err
	}
	line := spec.Line(key)
	names, nerr := cat.Names(ctx)
	if nerr != nil {
		return nil, datasets.Meta{}, nerr
	}
	var all []string
	for _, n := range names {
		if n == name && version > 0 {
			return nil, datasets.Meta{}, blockErr(line, key, "le jeu de données « %s » n'a pas de version %d : retirez « @%d » pour prendre la dernière", name, version, version)
		}
		all = append(all, string(n))
	}
	if c := query.Closest(string(name), all); c != "" {
		return nil, datasets.Meta{}, blockErr(line, key, "jeu de données « %s » introuvable — vouliez-vous dire « %s » ?", name, c)
	}
	return nil, datasets.Meta{}, blockErr(line, key, "jeu de données « %s » introuvable", name)
}

// checkColumns checks the columns the keys name against the schema, with the line of each
// key; x may be a date bucket of a column, such as year(date).
func (s *Spec) checkColumns(schema *arrow.Schema) error {
	var names []string
	for _, f := range schema.Fields() {
		names = append(names, f.Name)
	}
	check := func(key, col string) error {
		if col == "" || hasColumn(names, col) {
			return nil
		}
		bucketable := key == "x" || key == "series"
		if _, inner, ok := query.ParseBucket(col); ok && bucketable {
			if hasColumn(names, inner) {
				return nil
			}
			col = inner
		} else if fn, ok := call(col); ok && bucketable {
			if c := bucketNames[strings.ToLower(fn)]; c != "" {
				return blockErr(s.Line(key), key, "fonction « %s » inconnue — vouliez-vous dire « %s » ?", fn, c)
			}
			return blockErr(s.Line(key), key, "fonction « %s » inconnue : %s accepte year(date), month(date) ou weekday(date)", fn, key)
		}
		if c := query.Closest(col, names); c != "" {
			return blockErr(s.Line(key), key, "colonne « %s » inconnue — vouliez-vous dire « %s » ?", col, c)
		}
		return blockErr(s.Line(key), key, "colonne « %s » inconnue (colonnes : %s)", col, listNames(names))
	}
	pairs := [][2]string{{"x", s.X}, {"series", s.Series}, {"key", s.Key}, {"size", s.Size}, {"label", s.Label}}
	for _, m := range s.Measures {
		pairs = append(pairs, [2]string{"y", m.Column()})
	}
	for _, kc := range pairs {
		if err := check(kc[0], kc[1]); err != nil {
			return err
		}
	}
	return nil
}

// hasColumn reports whether col names a column; the engine also accepts a difference of
// case alone.
func hasColumn(names []string, col string) bool {
	for _, n := range names {
		if n == col || strings.EqualFold(n, col) {
			return true
		}
	}
	return false
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
	for _, b := range query.Buckets {
		if strings.HasPrefix(qe.Msg, b+"(") {
			key := "x"
			if strings.HasPrefix(qe.Msg, s.Series+" :") {
				key = "series"
			}
			return blockErr(s.Line(key), key, "%s", qe.Msg)
		}
	}
	return blockErr(s.Line("y"), "y", "%s", qe.Msg)
}

// bucketNames are the French names people type for the date buckets.
var bucketNames = map[string]string{"année": "year", "annee": "year", "an": "year", "mois": "month", "jour": "weekday",
	"semaine": "weekday", "jour_semaine": "weekday", "years": "year", "months": "month", "day": "weekday", "weekdays": "weekday"}

// call reports whether s is written as a function call, such as année(date).
func call(s string) (string, bool) {
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") || strings.ContainsAny(s[:open], " `") {
		return "", false
	}
	return s[:open], true
}
