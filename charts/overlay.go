package charts

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets"
	"atelier/datasets/query"
)

// Overlay is a Catalogue in which one dataset's latest version is a table not stored yet:
// the version a facilitator is about to import. Building the pages' charts against it tells
// which would break before anything changes. Pinned versions still come from Base.
type Overlay struct {
	Base Catalogue
	Name datasets.Name
	Next arrow.Table
	Meta datasets.Meta
}

// Table implements Catalogue.
func (o *Overlay) Table(ctx context.Context, name datasets.Name, version int) (arrow.Table, datasets.Meta, error) {
	if name == o.Name && version == 0 {
		return o.Next, o.Meta, nil
	}
	return o.Base.Table(ctx, name, version)
}

// Names implements Catalogue.
func (o *Overlay) Names(ctx context.Context) ([]datasets.Name, error) { return o.Base.Names(ctx) }

// DataColumns lists the columns of the data dataset that the block reads: keys, measures
// and the columns its where compares; date buckets give their column.
func (s *Spec) DataColumns() []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		if _, inner, ok := query.ParseBucket(c); ok {
			c = inner
		}
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, c := range []string{s.X, s.Series, s.Key, s.Size, s.Label} {
		add(c)
	}
	for _, m := range s.Measures {
		add(m.Column())
	}
	if s.Type == "scatter" {
		add(s.Y)
	}
	walkColumns(s.Filter, add)
	return out
}

func walkColumns(e query.Expr, add func(string)) {
	switch e := e.(type) {
	case *query.Logical:
		walkColumns(e.L, add)
		walkColumns(e.R, add)
	case *query.Not:
		walkColumns(e.X, add)
	case *query.Comparison:
		add(e.Column)
	case *query.In:
		add(e.Column)
	case *query.Between:
		add(e.Column)
	}
}
