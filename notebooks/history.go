package notebooks

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"atelier/internal/fault"
)

// Revision is one saved state of a page.
type Revision struct {
	Revision  int       `json:"revision"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
	Markdown  string    `json:"markdown,omitempty"`
}

// Revisions lists a page's revisions, newest first, without their text.
func (s *Store) Revisions(ctx context.Context, slug Slug) ([]Revision, error) {
	if _, err := s.Get(ctx, slug); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT revision, author, created_at FROM page_revisions WHERE slug = ? ORDER BY revision DESC`, string(slug))
	if err != nil {
		return nil, fmt.Errorf("revisions of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var created string
		if err := rows.Scan(&r.Revision, &r.Author, &created); err != nil {
			return nil, err
		}
		r.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RevisionAt returns one revision of a page, with its text.
func (s *Store) RevisionAt(ctx context.Context, slug Slug, n int) (Revision, error) {
	r := Revision{Revision: n}
	var created string
	err := s.db.QueryRowContext(ctx, `
		SELECT r.author, r.created_at, r.markdown FROM page_revisions r JOIN pages p ON p.slug = r.slug
		WHERE r.slug = ? AND r.revision = ? AND p.deleted_at IS NULL`, string(slug), n).Scan(&r.Author, &created, &r.Markdown)
	if errors.Is(err, sql.ErrNoRows) {
		return Revision{}, fault.New(fault.NotFound, "la page « %s » n'a pas de révision %d", slug, n)
	}
	if err != nil {
		return Revision{}, fmt.Errorf("revision %d of %s: %w", n, slug, err)
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return r, nil
}

// Restore saves revision n's text as a new revision after base: history only grows, so a
// restore can itself be undone.
func (s *Store) Restore(ctx context.Context, slug Slug, n, base int, author string) (*Page, error) {
	r, err := s.RevisionAt(ctx, slug, n)
	if err != nil {
		return nil, err
	}
	return s.Save(ctx, slug, r.Markdown, author, base)
}

// Delete puts a page in the bin: it disappears everywhere at once, and Undelete brings it
// back as it was.
func (s *Store) Delete(ctx context.Context, slug Slug) error {
	return s.setDeleted(ctx, slug, time.Now().UTC().Format(time.RFC3339), "deleted_at IS NULL")
}

// Undelete takes a page out of the bin, rendered again: its data may have had new versions
// while it was there (RefreshUsing leaves the bin alone).
func (s *Store) Undelete(ctx context.Context, slug Slug) error {
	if err := s.setDeleted(ctx, slug, nil, "deleted_at IS NOT NULL"); err != nil {
		return err
	}
	return s.refresh(ctx, slug)
}

func (s *Store) setDeleted(ctx context.Context, slug Slug, at any, cond string) error {
	defer s.forget(slug)
	res, err := s.db.ExecContext(ctx, `UPDATE pages SET deleted_at = ?, generation = generation + 1 WHERE slug = ? AND `+cond, at, string(slug))
	if err != nil {
		return fmt.Errorf("delete %s: %w", slug, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound(slug)
	}
	return nil
}

// Rename moves a page to a new address, with its revisions, snapshots and data links. The
// old address stops answering: links already shared break, which the editor says before.
func (s *Store) Rename(ctx context.Context, from, to Slug) error {
	if from == to {
		return nil
	}
	defer s.forget(from)
	defer s.forget(to)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Foreign keys are checked at commit, once every table has moved.
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE pages SET slug = ?, generation = generation + 1
		WHERE slug = ? AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM pages WHERE slug = ?)`,
		string(to), string(from), string(to))
	if err != nil {
		return fmt.Errorf("rename %s: %w", from, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Get(ctx, from); err != nil {
			return err
		}
		return fault.New(fault.Conflict, "l'adresse « %s » est déjà prise par une autre page", to)
	}
	for _, table := range []string{"page_revisions", "page_datasets", "page_snapshots", "page_sources", "snapshot_sources"} {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET slug = ? WHERE slug = ?`, string(to), string(from)); err != nil {
			return fmt.Errorf("rename %s in %s: %w", from, table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("rename %s: %w", from, err)
	}
	// The figures' CSV links carry the address: render them again under the new one.
	return s.refresh(ctx, to)
}
