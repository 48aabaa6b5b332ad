package notebooks

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"atelier/charts"
	"atelier/internal/fault"
)

// A snapshot freezes a page for a meeting: its text, its charts and their results, its
// questions and their results as they were, under a permanent address, so that what was debated stays as it was when the data
// are updated. Snapshots are never refreshed, edited or deleted by a data import.

var snapshotSchema = []string{
	`CREATE TABLE IF NOT EXISTS page_snapshots (
		slug       TEXT    NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
		number     INTEGER NOT NULL,
		label      TEXT    NOT NULL,
		revision   INTEGER NOT NULL,
		page       TEXT    NOT NULL, -- the Page as JSON, HTML, slides and figures included
		author     TEXT    NOT NULL,
		created_at TEXT    NOT NULL,
		PRIMARY KEY (slug, number)
	)`,
}

// Snapshot is a frozen page.
type Snapshot struct {
	Number    int       `json:"number"`
	Label     string    `json:"label"` // « réunion du 12 décembre »
	Revision  int       `json:"revision"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
	Page      *Page     `json:"-"`
}

// storedPage is a Page with the parts its JSON form leaves out.
type storedPage struct {
	Page
	HTML    string         `json:"html"`
	Slides  []string       `json:"slides"`
	Notes   []string       `json:"notes"`
	Figures []string       `json:"figures"`
	Tables  []charts.Table `json:"tables"`
}

// Freeze makes a snapshot of the page's current revision.
func (s *Store) Freeze(ctx context.Context, slug Slug, label, author string) (Snapshot, error) {
	label = strings.TrimSpace(label)
	if label == "" || len(label) > 200 {
		return Snapshot{}, fault.New(fault.Invalid, "donnez un nom court à cette version figée, par exemple « réunion du 12 décembre »")
	}
	p, err := s.Get(ctx, slug)
	if err != nil {
		return Snapshot{}, err
	}
	// The questions are frozen too: what the room saw revealed, or how many had answered.
	if p, err = s.QuestionsAsText(ctx, p, QuestionText{Count: true}); err != nil {
		return Snapshot{}, err
	}
	js, err := json.Marshal(storedPage{Page: *p, HTML: p.HTML, Slides: p.Slides, Notes: p.Notes, Figures: p.Figures, Tables: p.Tables})
	if err != nil {
		return Snapshot{}, err
	}
	snap := Snapshot{Label: label, Revision: p.Revision, Author: author, CreatedAt: time.Now().UTC().Truncate(time.Second), Page: p}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Snapshot{}, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `
		INSERT INTO page_snapshots (slug, number, label, revision, page, author, created_at)
		VALUES (?, (SELECT COALESCE(MAX(number), 0) + 1 FROM page_snapshots WHERE slug = ?), ?, ?, ?, ?, ?)
		RETURNING number`,
		string(slug), string(slug), label, p.Revision, string(js), author, snap.CreatedAt.Format(time.RFC3339)).Scan(&snap.Number)
	if err != nil {
		return Snapshot{}, fmt.Errorf("freeze %s: %w", slug, err)
	}
	if err := freezeSources(ctx, tx, slug, snap.Number); err != nil {
		return Snapshot{}, err
	}
	// The page lists its snapshots: its cached copies must be made again.
	if _, err := tx.ExecContext(ctx, `UPDATE pages SET generation = generation + 1 WHERE slug = ?`, string(slug)); err != nil {
		return Snapshot{}, fmt.Errorf("freeze %s: %w", slug, err)
	}
	defer s.forget(slug)
	if err := tx.Commit(); err != nil {
		return Snapshot{}, fmt.Errorf("freeze %s: %w", slug, err)
	}
	return snap, nil
}

// SnapshotAt returns snapshot n of a page.
func (s *Store) SnapshotAt(ctx context.Context, slug Slug, n int) (Snapshot, error) {
	snap := Snapshot{Number: n}
	var js, created string
	err := s.db.QueryRowContext(ctx, `
		SELECT label, revision, page, author, created_at FROM page_snapshots WHERE slug = ? AND number = ?`,
		string(slug), n).Scan(&snap.Label, &snap.Revision, &js, &snap.Author, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Snapshot{}, fault.New(fault.NotFound, "la page « %s » n'a pas de version figée n° %d", slug, n)
	}
	if err != nil {
		return Snapshot{}, fmt.Errorf("snapshot %d of %s: %w", n, slug, err)
	}
	var sp storedPage
	if err := json.Unmarshal([]byte(js), &sp); err != nil {
		return Snapshot{}, fmt.Errorf("snapshot %d of %s: %w", n, slug, err)
	}
	sp.Page.HTML, sp.Page.Slides, sp.Page.Notes, sp.Page.Figures, sp.Page.Tables = sp.HTML, sp.Slides, sp.Notes, sp.Figures, sp.Tables
	snap.Page = &sp.Page
	snap.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return snap, nil
}

// Snapshots lists a page's snapshots, newest first.
func (s *Store) Snapshots(ctx context.Context, slug Slug) ([]Snapshot, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT number, label, revision, author, created_at FROM page_snapshots WHERE slug = ? ORDER BY number DESC`, string(slug))
	if err != nil {
		return nil, fmt.Errorf("snapshots of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var sn Snapshot
		var created string
		if err := rows.Scan(&sn.Number, &sn.Label, &sn.Revision, &sn.Author, &created); err != nil {
			return nil, err
		}
		sn.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, sn)
	}
	return out, rows.Err()
}

// AllSnapshots lists every page's snapshots, newest first, for the workspace's list of pages.
func (s *Store) AllSnapshots(ctx context.Context) (map[Slug][]Snapshot, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT slug, number, label, revision, created_at FROM page_snapshots ORDER BY slug, number DESC`)
	if err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	defer rows.Close()
	out := map[Slug][]Snapshot{}
	for rows.Next() {
		var slug, created string
		var sn Snapshot
		if err := rows.Scan(&slug, &sn.Number, &sn.Label, &sn.Revision, &created); err != nil {
			return nil, err
		}
		sn.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out[Slug(slug)] = append(out[Slug(slug)], sn)
	}
	return out, rows.Err()
}
