package notebooks

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"atelier/charts"
	"atelier/datasets"
	"atelier/internal/database"
	"atelier/internal/fault"
	"atelier/notebooks/questions"
)

// Status says who may see a page.
type Status string

// The statuses, from the most private.
const (
	Draft     Status = "draft"     // facilitators only
	Unlisted  Status = "unlisted"  // anyone with the link
	Published Status = "published" // listed on the home page
)

// ParseStatus checks s.
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case Draft, Unlisted, Published:
		return st, nil
	}
	return "", fault.New(fault.Invalid, "état « %s » inconnu : choisissez draft (brouillon), unlisted (non listée) ou published (publiée)", s)
}

// Public reports whether anonymous visitors may read a page in this status.
func (s Status) Public() bool { return s == Unlisted || s == Published }

// Page is one page at its current revision.
type Page struct {
	Slug        Slug           `json:"slug"`
	Title       string         `json:"title"`
	Description string         `json:"description,omitempty"`
	Markdown    string         `json:"markdown"`
	Revision    int            `json:"revision"`
	Status      Status         `json:"status"`
	HTML        string         `json:"-"`
	Slides      []string       `json:"-"` // the audience's: no speaker notes
	Notes       []string       `json:"-"` // each slide's speaker notes: for the presenter only
	Figures     []string       `json:"-"`
	Tables      []charts.Table `json:"-"`
	Charts      int            `json:"charts"`
	Generation  int64          `json:"-"` // see Stamp
	ShareKey    string         `json:"-"` // see Stamp
	Author      string         `json:"author,omitempty"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

// Store keeps pages and their revisions in SQLite.
type Store struct {
	db       *sql.DB
	renderer *Renderer
	stamp    *sql.Stmt // StampOf runs at every public view: parsed once

	stampMu sync.Mutex
	stamps  map[Slug]memoStamp

	// Now is the clock the stamp memo reads (time.Now unless a test sets it before use):
	// a test advances it past stampTTL instead of sleeping.
	Now func() time.Time

	answers      *questions.Store
	questionMemo questionMemo
}

var schema = []string{
	`CREATE TABLE IF NOT EXISTS pages (
		slug        TEXT    PRIMARY KEY,
		status      TEXT    NOT NULL DEFAULT 'draft',
		revision    INTEGER NOT NULL,
		title       TEXT    NOT NULL,
		description TEXT    NOT NULL,
		html        TEXT    NOT NULL, -- of the current revision, refreshed when its data change
		slides      TEXT    NOT NULL, -- the same, as a JSON array of slides
		figures     TEXT    NOT NULL, -- each chart's figure alone, as a JSON array
		tables      TEXT    NOT NULL, -- each chart's result, as a JSON array
		charts      INTEGER NOT NULL,
		updated_at  TEXT    NOT NULL,
		deleted_at  TEXT,            -- in the bin: hidden everywhere, restorable
		generation  INTEGER NOT NULL DEFAULT 1, -- grows at every change of the row: caches compare it
		share_key   TEXT    NOT NULL DEFAULT '' -- the secret of an unlisted page's link; a new one revokes the old
	)`,
	`CREATE TABLE IF NOT EXISTS page_revisions (
		slug       TEXT    NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
		revision   INTEGER NOT NULL,
		markdown   TEXT    NOT NULL,
		author     TEXT    NOT NULL,
		created_at TEXT    NOT NULL,
		PRIMARY KEY (slug, revision)
	)`,
	`CREATE TABLE IF NOT EXISTS page_datasets (
		slug    TEXT NOT NULL REFERENCES pages(slug) ON DELETE CASCADE,
		dataset TEXT NOT NULL,
		PRIMARY KEY (slug, dataset)
	)`,
	`CREATE INDEX IF NOT EXISTS page_datasets_by_dataset ON page_datasets(dataset)`,
}

// OpenStore creates the page tables in db if needed.
func OpenStore(ctx context.Context, db *sql.DB, r *Renderer) (*Store, error) {
	if err := database.Migrate(ctx, db, slices.Concat(schema, snapshotSchema, sourcesSchema)...); err != nil {
		return nil, err
	}
	if err := migrateNotes(ctx, db); err != nil {
		return nil, err
	}
	stamp, err := db.PrepareContext(ctx, `SELECT status, generation, share_key FROM pages WHERE slug = ? AND deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	answers, err := questions.OpenStore(ctx, db)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, renderer: r, stamp: stamp, stamps: map[Slug]memoStamp{}, Now: time.Now, answers: answers,
		questionMemo: questionMemo{byPage: map[Slug]memoQuestions{}}}
	return s, s.backfillSources(ctx)
}

// Save renders markdown and stores it as the revision after base. base 0 creates the page
// and fails if it exists; otherwise the page's current revision must be base, or the save is
// refused with PreconditionFailed so that nobody overwrites a text they have not seen.
func (s *Store) Save(ctx context.Context, slug Slug, markdown, author string, base int) (*Page, error) {
	r, err := s.renderer.RenderPage(ctx, slug, markdown)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	p := &Page{Slug: slug, Title: r.Title, Description: r.Description, Markdown: markdown,
		Revision: base + 1, HTML: r.HTML, Slides: r.Slides, Notes: r.Notes, Figures: r.Figures, Tables: r.Tables, Charts: r.Charts, Author: author, UpdatedAt: now}
	if p.Title == "" {
		p.Title = string(slug)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := advance(ctx, tx, p, base); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO page_revisions (slug, revision, markdown, author, created_at) VALUES (?, ?, ?, ?, ?)`,
		string(slug), p.Revision, markdown, author, now.Format(time.RFC3339)); err != nil {
		return nil, fmt.Errorf("save %s: %w", slug, err)
	}
	if err := setDatasets(ctx, tx, slug, r.Datasets); err != nil {
		return nil, err
	}
	if err := setSources(ctx, tx, slug, r.Sources); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save %s: %w", slug, err)
	}
	s.forget(slug)
	p.Status, err = s.status(ctx, slug)
	return p, err
}

// advance moves the page row from revision base to p.Revision, in one statement that
// succeeds for exactly one of several concurrent saves from the same base.
func advance(ctx context.Context, tx *sql.Tx, p *Page, base int) error {
	slides, notes, figures, tables := jsonText(p.Slides), jsonText(p.Notes), jsonText(p.Figures), jsonText(p.Tables)
	var res sql.Result
	var err error
	if base == 0 {
		res, err = tx.ExecContext(ctx, `
			INSERT INTO pages (slug, revision, title, description, html, slides, notes, figures, tables, charts, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`,
			string(p.Slug), p.Revision, p.Title, p.Description, p.HTML, slides, notes, figures, tables, p.Charts, p.UpdatedAt.Format(time.RFC3339))
	} else {
		res, err = tx.ExecContext(ctx, `
			UPDATE pages SET revision = ?, title = ?, description = ?, html = ?, slides = ?, notes = ?, figures = ?, tables = ?, charts = ?,
				updated_at = ?, generation = generation + 1
			WHERE slug = ? AND revision = ? AND deleted_at IS NULL`,
			p.Revision, p.Title, p.Description, p.HTML, slides, notes, figures, tables, p.Charts, p.UpdatedAt.Format(time.RFC3339), string(p.Slug), base)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", p.Slug, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	if base == 0 {
		return fault.New(fault.PreconditionFailed, "la page « %s » existe déjà (peut-être dans la corbeille) : ouvrez-la pour la modifier, ou choisissez une autre adresse", p.Slug)
	}
	return fault.New(fault.PreconditionFailed,
		"la page « %s » a été modifiée par quelqu'un d'autre depuis la révision %d : votre texte n'a pas été enregistré, reprenez-le à partir de la dernière version", p.Slug, base)
}

func setDatasets(ctx context.Context, tx *sql.Tx, slug Slug, names []datasets.Name) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM page_datasets WHERE slug = ?`, string(slug)); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO page_datasets (slug, dataset) VALUES (?, ?)`, string(slug), string(n)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) status(ctx context.Context, slug Slug) (Status, error) {
	var st string
	err := s.db.QueryRowContext(ctx, `SELECT status FROM pages WHERE slug = ?`, string(slug)).Scan(&st)
	return Status(st), err
}

// Preview renders a text as Save would, without storing anything: the editor's live preview.
func (s *Store) Preview(ctx context.Context, markdown string) (*Rendered, error) {
	return s.renderer.Render(ctx, markdown)
}

// Stamp is what a cache needs to know of a page: who may see it, and a number that changes
// whenever anything shown on it changes.
type Stamp struct {
	Status     Status
	Generation int64
	ShareKey   string // what an anonymous visitor of an unlisted page must present
}

// StampOf reads a page's stamp. At a meeting hundreds of phones ask for the same page within
// a second, so stamps are remembered for stampTTL: a change made through this Store forgets
// the page's stamp at once (unpublishing takes effect immediately), and a change made by
// another process (`atelier page import` while the server runs) shows within stampTTL.
func (s *Store) StampOf(ctx context.Context, slug Slug) (Stamp, error) {
	now := s.Now()
	s.stampMu.Lock()
	m, ok := s.stamps[slug]
	s.stampMu.Unlock()
	if ok && now.Sub(m.at) < stampTTL {
		return m.stamp, m.err
	}
	st, err := s.readStamp(ctx, slug)
	if fault.KindOf(err) == fault.Internal && err != nil {
		return st, err // a database fault is not remembered
	}
	s.stampMu.Lock()
	if len(s.stamps) > 4096 {
		clear(s.stamps) // slugs probed by robots must not grow the memo without bound
	}
	s.stamps[slug] = memoStamp{stamp: st, err: err, at: now}
	s.stampMu.Unlock()
	return st, err
}

// stampTTL bounds how long another process's change may take to show on public pages.
const stampTTL = 250 * time.Millisecond

type memoStamp struct {
	stamp Stamp
	err   error
	at    time.Time
}

// forget drops a page's remembered stamp after a change made here.
func (s *Store) forget(slug Slug) {
	s.stampMu.Lock()
	delete(s.stamps, slug)
	s.stampMu.Unlock()
}

func (s *Store) readStamp(ctx context.Context, slug Slug) (Stamp, error) {
	var st Stamp
	var status string
	err := s.stamp.QueryRowContext(ctx, string(slug)).Scan(&status, &st.Generation, &st.ShareKey)
	if errors.Is(err, sql.ErrNoRows) {
		return Stamp{}, ErrNotFound(slug)
	}
	if err != nil {
		return Stamp{}, fmt.Errorf("stamp of %s: %w", slug, err)
	}
	st.Status = Status(status)
	return st, nil
}

// Get returns the page's current revision.
func (s *Store) Get(ctx context.Context, slug Slug) (*Page, error) {
	p := &Page{Slug: slug}
	var status, updated string
	var slides, notes, figures, tables []byte
	err := s.db.QueryRowContext(ctx, `
		SELECT p.status, p.revision, p.title, p.description, p.html, p.slides, p.notes, p.figures, p.tables, p.charts, p.generation, p.share_key, p.updated_at, r.markdown, r.author
		FROM pages p JOIN page_revisions r ON r.slug = p.slug AND r.revision = p.revision
		WHERE p.slug = ? AND p.deleted_at IS NULL`, string(slug)).Scan(
		&status, &p.Revision, &p.Title, &p.Description, &p.HTML, &slides, &notes, &figures, &tables, &p.Charts, &p.Generation, &p.ShareKey, &updated, &p.Markdown, &p.Author)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound(slug)
	}
	if err != nil {
		return nil, fmt.Errorf("get page %s: %w", slug, err)
	}
	p.Status = Status(status)
	p.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	if err := json.Unmarshal(slides, &p.Slides); err != nil {
		return nil, fmt.Errorf("slides of %s: %w", slug, err)
	}
	if err := json.Unmarshal(notes, &p.Notes); err != nil {
		return nil, fmt.Errorf("notes of %s: %w", slug, err)
	}
	if err := json.Unmarshal(figures, &p.Figures); err != nil {
		return nil, fmt.Errorf("figures of %s: %w", slug, err)
	}
	if err := json.Unmarshal(tables, &p.Tables); err != nil {
		return nil, fmt.Errorf("tables of %s: %w", slug, err)
	}
	return p, nil
}

// SetStatus changes who may see the page.
// An unlisted page gets a secret link key the first time; the key is kept across status
// changes, so that a page unlisted again answers to the link already handed out, until
// RevokeShareKey.
func (s *Store) SetStatus(ctx context.Context, slug Slug, st Status) error {
	defer s.forget(slug)
	res, err := s.db.ExecContext(ctx, `UPDATE pages SET status = ?, generation = generation + 1,
		share_key = CASE WHEN share_key = '' THEN ? ELSE share_key END
		WHERE slug = ? AND deleted_at IS NULL`, string(st), newShareKey(), string(slug))
	if err != nil {
		return fmt.Errorf("status of %s: %w", slug, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound(slug)
	}
	return nil
}

// RevokeShareKey gives the page a new secret link: the old one answers 404 from now on.
func (s *Store) RevokeShareKey(ctx context.Context, slug Slug) (string, error) {
	defer s.forget(slug)
	key := newShareKey()
	res, err := s.db.ExecContext(ctx, `UPDATE pages SET share_key = ?, generation = generation + 1
		WHERE slug = ? AND deleted_at IS NULL`, key, string(slug))
	if err != nil {
		return "", fmt.Errorf("revoke link of %s: %w", slug, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", ErrNotFound(slug)
	}
	return key, nil
}

// newShareKey is 128 random bits: an unlisted page's link cannot be guessed.
func newShareKey() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("notebooks: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// List returns the pages in the given statuses (all when none is given), newest first,
// with the author of their last revision, without their markdown and HTML.
func (s *Store) List(ctx context.Context, statuses ...Status) ([]Page, error) {
	q := `SELECT p.slug, p.status, p.revision, p.title, p.description, p.charts, p.updated_at, r.author
		FROM pages p JOIN page_revisions r ON r.slug = p.slug AND r.revision = p.revision
		WHERE p.deleted_at IS NULL`
	var args []any
	if len(statuses) > 0 {
		q += ` AND p.status IN (?` + strings.Repeat(`, ?`, len(statuses)-1) + `)`
		for _, st := range statuses {
			args = append(args, string(st))
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY p.updated_at DESC, p.slug`, args...)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	defer rows.Close()
	var out []Page
	for rows.Next() {
		var p Page
		var slug, status, updated string
		if err := rows.Scan(&slug, &status, &p.Revision, &p.Title, &p.Description, &p.Charts, &updated, &p.Author); err != nil {
			return nil, err
		}
		p.Slug, p.Status = Slug(slug), Status(status)
		p.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
		out = append(out, p)
	}
	return out, rows.Err()
}

// RefreshUsing renders again the current revision of every page that reads the dataset, so
// that a new version of the data shows without anyone saving the page. It reports how many
// pages it refreshed. A page in the bin is left alone, and one page that fails does not stop
// the others: their errors are joined.
func (s *Store) RefreshUsing(ctx context.Context, name datasets.Name) (int, error) {
	slugs, err := s.pagesUsing(ctx, name)
	if err != nil {
		return 0, err
	}
	var errs []error
	n := 0
	for _, slug := range slugs {
		err := s.refresh(ctx, slug)
		switch {
		case err == nil:
			n++
		case fault.KindOf(err) == fault.NotFound: // deleted since the query
		default:
			errs = append(errs, fmt.Errorf("refresh %s: %w", slug, err))
		}
	}
	return n, errors.Join(errs...)
}

// pagesUsing lists the pages out of the bin that read the dataset.
func (s *Store) pagesUsing(ctx context.Context, name datasets.Name) ([]Slug, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.slug FROM page_datasets d JOIN pages p ON p.slug = d.slug
		WHERE d.dataset = ? AND p.deleted_at IS NULL ORDER BY d.slug`, string(name))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var slugs []Slug
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		slugs = append(slugs, Slug(s))
	}
	return slugs, rows.Err()
}

// Follow makes every new version of a dataset in ds refresh the pages that read it: the one
// owner of that rule, which the server and the command line both open.
func (s *Store) Follow(ds *datasets.Store) {
	ds.OnNewVersion(func(ctx context.Context, m datasets.Meta) error {
		_, err := s.RefreshUsing(ctx, m.Name)
		return err
	})
}

func (s *Store) refresh(ctx context.Context, slug Slug) error {
	p, err := s.Get(ctx, slug)
	if err != nil {
		return err
	}
	r, err := s.renderer.RenderPage(ctx, slug, p.Markdown)
	if err != nil {
		return err
	}
	// Only if nobody saved in between: a newer revision was rendered with the new data anyway.
	defer s.forget(slug)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE pages SET html = ?, slides = ?, notes = ?, figures = ?, tables = ?, charts = ?, generation = generation + 1
		WHERE slug = ? AND revision = ?`,
		r.HTML, jsonText(r.Slides), jsonText(r.Notes), jsonText(r.Figures), jsonText(r.Tables), r.Charts, string(slug), p.Revision)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		if err := setSources(ctx, tx, slug, r.Sources); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ErrNotFound is the error for a page that does not exist, or that the reader may not see.
func ErrNotFound(slug Slug) error {
	return fault.New(fault.NotFound, "la page « %s » n'existe pas, ou n'est pas publiée", slug)
}

// jsonText stores a list (HTML fragments, tables) in one column; such lists always marshal.
func jsonText[T any](parts []T) string {
	if parts == nil {
		parts = []T{}
	}
	b, _ := json.Marshal(parts)
	return string(b)
}
