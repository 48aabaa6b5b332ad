package datasets

import (
	"context"
	"io"
	"time"

	"atelier/datasets/query"
	"atelier/internal/fault"
)

// MaxSortedRows is how deep a sorted browse reaches: the query engine sorts at most this
// many rows of an order, enough to look through a table, never a way to copy it all.
const MaxSortedRows = query.MaxRows

// Browse asks for a window of a table's rows: Limit rows from Offset, in file order, or
// sorted by the column named Sort (descending when Desc).
type Browse struct {
	Offset, Limit int
	Sort          string
	Desc          bool
}

// Rows returns the window b of version of name (0: the latest) as JSON-ready values (see
// the function Rows), with the version's description. Sorting by a column the version does
// not have, or past MaxSortedRows, is refused.
func (s *Store) Rows(ctx context.Context, name Name, version int, b Browse) ([][]any, Meta, error) {
	t, m, err := s.Table(ctx, name, version)
	if err != nil {
		return nil, Meta{}, err
	}
	if b.Sort == "" {
		return Rows(t, int64(b.Offset), int64(b.Limit)), m, nil
	}
	names := make([]string, len(m.Columns))
	at := -1
	for i, c := range m.Columns {
		names[i] = c.Name
		if c.Name == b.Sort {
			at = i
		}
	}
	if at < 0 {
		return nil, Meta{}, fault.New(fault.Invalid, "pas de colonne « %s » à trier", b.Sort)
	}
	if b.Offset+b.Limit > MaxSortedRows {
		return nil, Meta{}, fault.New(fault.Invalid, "un tri ne parcourt que les %d premières lignes", MaxSortedRows)
	}
	res, err := query.Run(ctx, t, query.Plan{Columns: names,
		Sort: []query.Order{{Column: at, Desc: b.Desc}}, Limit: b.Offset + b.Limit})
	if err != nil {
		return nil, Meta{}, err
	}
	out := [][]any{}
	for _, row := range res.Rows[min(b.Offset, len(res.Rows)):] {
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = rowValue(v)
		}
		out = append(out, vals)
	}
	return out, m, nil
}

// rowValue is a query.Value as the function Rows gives it.
func rowValue(v query.Value) any {
	if v.Null {
		return nil
	}
	switch v.Kind {
	case query.Int:
		return v.Int
	case query.Float:
		return v.Float
	case query.Date:
		return v.Time.Format(time.DateOnly)
	case query.Time:
		return v.Time.UTC().Format(time.RFC3339)
	case query.Bool:
		return v.Bool
	}
	return v.Str
}

// ExportFormat is a file format a version can be downloaded in.
type ExportFormat int

const (
	CSV     ExportFormat = iota // for French Excel: see WriteCSV
	Parquet                     // see WriteParquet
)

// Export writes version of name (an exact version, as Meta gave it: the caller names the
// download before writing it) in format f.
func (s *Store) Export(ctx context.Context, w io.Writer, name Name, version int, f ExportFormat) error {
	t, _, err := s.Table(ctx, name, version)
	if err != nil {
		return err
	}
	if f == Parquet {
		return WriteParquet(ctx, w, t)
	}
	return WriteCSV(ctx, w, t)
}
