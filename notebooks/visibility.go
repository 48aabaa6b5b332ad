package notebooks

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"atelier/datasets"
	"atelier/internal/fault"
)

// Who may see which data. A dataset is not public by itself: an anonymous visitor may read a
// version of it because a page they may read draws from that version — a published page, an
// unlisted one whose key they hold, or a frozen snapshot of either. This file is the one
// place that decides it; the web layer asks DatasetViewFor and ListedDatasets.

var sourcesSchema = []string{
	// The dataset versions each page's current rendering read: the latest at render time
	// for a block that follows it (refreshed when a new version arrives), N for name@N.
	`CREATE TABLE IF NOT EXISTS page_sources (
		slug    TEXT    NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
		dataset TEXT    NOT NULL,
		version INTEGER NOT NULL,
		PRIMARY KEY (slug, dataset, version)
	)`,
	`CREATE INDEX IF NOT EXISTS page_sources_by_dataset ON page_sources(dataset)`,
	// The versions a snapshot froze: they stay readable as long as the snapshot's page is.
	`CREATE TABLE IF NOT EXISTS snapshot_sources (
		slug    TEXT    NOT NULL,
		number  INTEGER NOT NULL,
		dataset TEXT    NOT NULL,
		version INTEGER NOT NULL,
		PRIMARY KEY (slug, number, dataset, version),
		FOREIGN KEY (slug, number) REFERENCES page_snapshots(slug, number) ON DELETE CASCADE
	)`,
	`CREATE INDEX IF NOT EXISTS snapshot_sources_by_dataset ON snapshot_sources(dataset)`,
}

// Source is one dataset version a page's charts read.
type Source struct {
	Dataset datasets.Name
	Version int
}

// Reader is who asks to see something.
type Reader struct {
	Facilitator bool   // logged in: sees every dataset and version
	ShareKey    string // the key of an unlisted page's secret link, if the visitor gave one
}

// DatasetView is what a reader may see of one dataset.
type DatasetView struct {
	All      bool  // every version: a facilitator
	Versions []int // otherwise the versions the reader may read, ascending; none hides the dataset
}

// Visible reports whether the reader may know the dataset exists.
func (v DatasetView) Visible() bool { return v.All || len(v.Versions) > 0 }

// Allows reports whether the reader may read version n (n ≥ 1).
func (v DatasetView) Allows(n int) bool { return v.All || slices.Contains(v.Versions, n) }

// Newest is the newest version the reader may read: what « the dataset » means to them.
// It is 0 for a facilitator, who reads the latest, and for a hidden dataset.
func (v DatasetView) Newest() int {
	if v.All || len(v.Versions) == 0 {
		return 0
	}
	return v.Versions[len(v.Versions)-1]
}

// visibleTo is the SQL condition on a page row p under which an anonymous reader holding
// key ?2 may read it.
const visibleTo = `p.deleted_at IS NULL AND (p.status = 'published' OR (p.status = 'unlisted' AND p.share_key <> '' AND p.share_key = ?2))`

// DatasetViewFor says which versions of the dataset the reader may read.
func (s *Store) DatasetViewFor(ctx context.Context, rd Reader, name datasets.Name) (DatasetView, error) {
	if rd.Facilitator {
		return DatasetView{All: true}, nil
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT s.version FROM page_sources s JOIN pages p ON p.slug = s.slug
		WHERE s.dataset = ?1 AND `+visibleTo+`
		UNION
		SELECT s.version FROM snapshot_sources s JOIN pages p ON p.slug = s.slug
		WHERE s.dataset = ?1 AND `+visibleTo+`
		ORDER BY 1`, string(name), rd.ShareKey)
	if err != nil {
		return DatasetView{}, fmt.Errorf("who may read %s: %w", name, err)
	}
	defer rows.Close()
	var v DatasetView
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return DatasetView{}, err
		}
		v.Versions = append(v.Versions, n)
	}
	return v, rows.Err()
}

// ListedDatasets are the datasets shown to everyone on /datasets: those that a published page,
// or a snapshot of one, draws from. An unlisted page's data is never listed: it is reached
// through that page's secret link only.
func (s *Store) ListedDatasets(ctx context.Context) (map[datasets.Name]bool, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT s.dataset FROM page_sources s JOIN pages p ON p.slug = s.slug
		WHERE p.status = 'published' AND p.deleted_at IS NULL
		UNION
		SELECT s.dataset FROM snapshot_sources s JOIN pages p ON p.slug = s.slug
		WHERE p.status = 'published' AND p.deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("listed datasets: %w", err)
	}
	defer rows.Close()
	out := map[datasets.Name]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out[datasets.Name(name)] = true
	}
	return out, rows.Err()
}

// execer is a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func setSources(ctx context.Context, tx execer, slug Slug, sources []Source) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM page_sources WHERE slug = ?`, string(slug)); err != nil {
		return fmt.Errorf("sources of %s: %w", slug, err)
	}
	for _, src := range sources {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO page_sources (slug, dataset, version) VALUES (?, ?, ?)`,
			string(slug), string(src.Dataset), src.Version); err != nil {
			return fmt.Errorf("sources of %s: %w", slug, err)
		}
	}
	return nil
}

// freezeSources keeps, for snapshot number of the page, the versions the page reads now.
func freezeSources(ctx context.Context, tx execer, slug Slug, number int) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO snapshot_sources (slug, number, dataset, version)
		SELECT slug, ?, dataset, version FROM page_sources WHERE slug = ?`, number, string(slug))
	if err != nil {
		return fmt.Errorf("sources of snapshot %d of %s: %w", number, slug, err)
	}
	return nil
}

// backfillSources renders again, once, the pages of a data directory written before the
// versions they read were kept, so that their data stay visible after an upgrade.
func (s *Store) backfillSources(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT d.slug FROM page_datasets d
		WHERE NOT EXISTS (SELECT 1 FROM page_sources s WHERE s.slug = d.slug)`)
	if err != nil {
		return fmt.Errorf("backfill sources: %w", err)
	}
	var slugs []Slug
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			rows.Close()
			return err
		}
		slugs = append(slugs, Slug(slug))
	}
	rows.Close()
	for _, slug := range slugs {
		if err := s.refresh(ctx, slug); err != nil && fault.KindOf(err) != fault.NotFound {
			return fmt.Errorf("backfill sources of %s: %w", slug, err)
		}
	}
	return rows.Err()
}

// geoSource reads a map's shapes dataset from its name as charts gives it, "communes-13@1".
func geoSource(mapName string) (Source, bool) {
	name, v, ok := strings.Cut(mapName, "@")
	n, err := strconv.Atoi(v)
	if !ok || err != nil {
		return Source{}, false
	}
	return Source{Dataset: datasets.Name(name), Version: n}, true
}
