package datasets

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"atelier/internal/fault"
)

// Candidate is a file read as the next version of its dataset would be — the recipe
// followed — but not stored: what the facilitator checks before confirming.
type Candidate struct {
	Request ImportRequest // completed by the recipe
	Meta    Meta          // as Import would describe it, without a version number
	Table   arrow.Table
}

// Release frees the candidate's table.
func (c *Candidate) Release() { c.Table.Release() }

// Preview reads req as Import would, without storing anything. A file body is rewound
// afterwards, so that the same request can then be imported.
func (s *Store) Preview(ctx context.Context, req ImportRequest) (*Candidate, error) {
	body, err := readLimited(req.Body, s.limits.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	if sk, ok := req.Body.(io.Seeker); ok {
		if _, err := sk.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
	}
	return s.previewBytes(ctx, req, body)
}

// PreviewStaged is Preview for a file kept by Stage.
func (s *Store) PreviewStaged(ctx context.Context, id string, req ImportRequest) (*Candidate, error) {
	readPath, readName, err := s.stagedFile(id)
	if err != nil {
		return nil, err
	}
	if req.FileName == "" {
		req.FileName = readName
	}
	body, err := s.root.ReadFile(readPath)
	if err != nil {
		return nil, fault.Wrap(fault.NotFound, err, "fichier en attente introuvable (le serveur a peut-être redémarré) : importez-le à nouveau")
	}
	return s.previewBytes(ctx, req, body)
}

func (s *Store) previewBytes(ctx context.Context, req ImportRequest, body []byte) (*Candidate, error) {
	req, err := s.RecipeFor(ctx, req)
	if err != nil {
		return nil, err
	}
	loaded, err := readInput(ctx, req.FileName, body, false, ReadOptions{Sheet: req.Sheet, KeepRows: req.KeepRows}, s.limits, s.mem)
	if err != nil {
		return nil, err
	}
	changes, err := followChanges(loaded, req, s.mem)
	if err != nil {
		loaded.Table.Release()
		return nil, err
	}
	m := describe(req, loaded, int64(len(body)))
	m.Changes = changes
	m.Columns = withLabels(m.Columns, req.Labels)
	return &Candidate{Request: req, Meta: m, Table: loaded.Table}, nil
}

// Diff is what a new version changes in a dataset.
type Diff struct {
	Current    int            `json:"current"` // the version now current; 0 for a new dataset
	RowsBefore int64          `json:"rows_before"`
	RowsAfter  int64          `json:"rows_after"`
	Added      []Column       `json:"added"`
	Removed    []Column       `json:"removed"`
	Renamed    []ColumnChange `json:"renamed"` // columns of the file mapped to a column of before
	Retyped    []Retype       `json:"retyped"`
	Totals     []Total        `json:"totals"` // numeric columns in both versions
}

// Retype is a column whose type changes.
type Retype struct {
	Column string `json:"column"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Total is the sum of a numeric column before and after.
type Total struct {
	Column string  `json:"column"`
	Label  string  `json:"label,omitempty"`
	Unit   string  `json:"unit,omitempty"`
	Before float64 `json:"before"`
	After  float64 `json:"after"`
}

// DiffWith compares the candidate with its dataset's current version.
func (s *Store) DiffWith(ctx context.Context, c *Candidate) (Diff, error) {
	d := Diff{RowsAfter: c.Table.NumRows(), Added: []Column{}, Removed: []Column{}, Renamed: []ColumnChange{}, Retyped: []Retype{}, Totals: []Total{}}
	cur, m, err := s.Table(ctx, c.Request.Name, 0)
	if fault.KindOf(err) == fault.NotFound {
		d.Added = c.Meta.Columns
		return d, nil
	}
	if err != nil {
		return Diff{}, err
	}
	d.Current, d.RowsBefore = m.Version, m.Rows
	before := map[string]Column{}
	for _, col := range m.Columns {
		before[col.Name] = col
	}
	after := map[string]bool{}
	for i, col := range c.Meta.Columns {
		after[col.Name] = true
		old, ok := before[col.Name]
		switch {
		case !ok:
			d.Added = append(d.Added, col)
		case old.Type != col.Type:
			d.Retyped = append(d.Retyped, Retype{col.Name, old.Type, col.Type})
		case isNumeric(col.Type) && !isIdentifier(col.Name):
			j := slices.IndexFunc(m.Columns, func(x Column) bool { return x.Name == col.Name })
			d.Totals = append(d.Totals, Total{Column: col.Name, Label: col.Label, Unit: col.Unit,
				Before: sumColumn(cur.Column(j)), After: sumColumn(c.Table.Column(i))})
		}
	}
	for _, col := range m.Columns {
		if !after[col.Name] {
			d.Removed = append(d.Removed, col)
		}
	}
	d.Renamed = newMappings(c.Meta.Changes, m.Changes, before)
	return d, nil
}

// newMappings are the renames of this import onto a column of before that the previous
// version did not make: a column renamed at the source, mapped back.
func newMappings(changes, previous []ColumnChange, before map[string]Column) []ColumnChange {
	out := []ColumnChange{}
	for _, ch := range changes {
		if ch.NewName == "" || ch.NewName == ch.Name {
			continue
		}
		if _, ok := before[ch.NewName]; !ok {
			continue
		}
		if slices.ContainsFunc(previous, func(p ColumnChange) bool { return p.Name == ch.Name && p.NewName == ch.NewName }) {
			continue
		}
		out = append(out, ColumnChange{Name: ch.Name, NewName: ch.NewName})
	}
	return out
}

func isNumeric(typ string) bool { return typ == "int64" || typ == "float64" }

// isIdentifier reports whether a numeric column names things rather than counts them (a
// year, a code): its total means nothing.
func isIdentifier(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"annee", "année", "year", "exercice", "code", "cod", "id"} {
		if n == w || strings.HasPrefix(n, w+"_") || strings.HasSuffix(n, "_"+w) {
			return true
		}
	}
	return n == "an" || strings.HasPrefix(n, "code")
}

// sumColumn adds up a numeric column, nulls left out.
func sumColumn(c *arrow.Column) float64 {
	total := 0.0
	for _, ch := range c.Data().Chunks() {
		switch a := ch.(type) {
		case *array.Int64:
			for i := 0; i < a.Len(); i++ {
				if a.IsValid(i) {
					total += float64(a.Value(i))
				}
			}
		case *array.Float64:
			for i := 0; i < a.Len(); i++ {
				if a.IsValid(i) {
					total += a.Value(i)
				}
			}
		}
	}
	return total
}
