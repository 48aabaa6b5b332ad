package datasets

import (
	"context"
	"fmt"
	"io"
	"time"

	"atelier/internal/fault"
)

// Versions lists every version of a dataset, newest first.
func (s *Store) Versions(ctx context.Context, name Name) ([]Meta, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT meta FROM dataset_versions WHERE name = ? ORDER BY version DESC`, string(name))
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", name, err)
	}
	defer rows.Close()
	var out []Meta
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, err
		}
		m, err := decodeMeta(js)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fault.New(fault.NotFound, "jeu de données « %s » introuvable", name)
	}
	return out, nil
}

// Update is the request that imports a newer file of the same data as version N+1 (the
// « Mettre à jour » of a dataset imported from a URL: fetch m.SourceURL again, then
// Store.Import): it keeps the description, the source, the licence and the sheet; the
// column changes and labels come from the dataset's recipe, which Import follows.
func (m Meta) Update(fileName string, body io.Reader) ImportRequest {
	return ImportRequest{
		Name: m.Name, Title: m.Title, Description: m.Description, Source: m.Source,
		SourceURL: m.SourceURL, Licence: m.Licence, DataDate: m.DataDate, Sheet: m.Sheet,
		FileName: fileName, Body: body,
	}
}

// Change makes a new version of a dataset from its latest one with columns renamed or
// converted (see ColumnChange). The new version keeps the latest one's original file and
// description; nothing stored changes when a conversion is refused.
func (s *Store) Change(ctx context.Context, name Name, changes []ColumnChange) (Meta, error) {
	t, m, err := s.Table(ctx, name, 0)
	if err != nil {
		return Meta{}, err
	}
	changed, err := applyChanges(t, changes, s.mem)
	if err != nil {
		return Meta{}, err
	}
	defer changed.Release()
	orig, err := openStored(s.root, originalPath(m.Name, m.Version))
	if err != nil {
		return Meta{}, fmt.Errorf("original of %s@%d: %w", m.Name, m.Version, err)
	}
	defer orig.Close()
	m.ImportedAt = time.Now().UTC().Truncate(time.Second)
	m.Columns = columnsWithStats(changed)
	m.Changes = append(m.Changes, changes...)
	copyOrig := func(w io.Writer) error { _, err := io.Copy(w, orig); return err }
	if err := s.commitVersion(ctx, &m, func(m Meta) error { return s.writeFiles(m, copyOrig, changed) }); err != nil {
		return Meta{}, err
	}
	if err := s.recipeChanged(ctx, m.Name, changes); err != nil {
		return Meta{}, err
	}
	m, err = s.labelled(ctx, m)
	if err != nil {
		return Meta{}, err
	}
	s.hooks.run(ctx, m)
	return m, nil
}
