package datasets

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/atomicfile"
	"atelier/internal/database"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// Store is the catalogue of datasets: versions described in SQLite, tables kept as Arrow IPC
// files under one directory, and loaded tables cached in memory. It is safe for concurrent use.
type Store struct {
	db     *sql.DB
	root   *os.Root // the datasets directory; every file is opened through it
	limits Limits
	mem    memory.Allocator

	importMu  sync.Mutex                               // with the lock file (see exclusive): two imports of one name get N and N+1
	wrapWrite func(path string, w io.Writer) io.Writer // tests inject write faults here

	now    func() time.Time // see SetClock
	staged stagedSet        // uploads waiting for their review's confirmation

	mu     sync.Mutex
	tables map[versionKey]*mappedTable

	hooks hooks // called after each new version (see OnNewVersion)
}

type versionKey struct {
	name    Name
	version int
}

var schema = []string{
	`CREATE TABLE IF NOT EXISTS dataset_versions (
		name        TEXT    NOT NULL,
		version     INTEGER NOT NULL,
		meta        TEXT    NOT NULL, -- Meta as JSON
		imported_at TEXT    NOT NULL,
		PRIMARY KEY (name, version)
	)`,
}

// OpenStore opens the catalogue in db and the table files in dir (created if needed), and
// removes temporary files a crash may have left there.
func OpenStore(ctx context.Context, db *sql.DB, dir string, limits Limits) (*Store, error) {
	if err := database.Migrate(ctx, db, append(schema, recipeSchema...)...); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if err := root.RemoveAll(stagingDir); err != nil {
		root.Close()
		return nil, err
	}
	s := &Store{
		db:     db,
		root:   root,
		limits: limits,
		mem:    memory.NewGoAllocator(),
		tables: map[versionKey]*mappedTable{},
	}
	if n, err := s.sweep(ctx); err != nil {
		root.Close()
		return nil, err
	} else if n > 0 {
		slog.Info("removed files no dataset version refers to (left by a crash or a full disk)", "dir", dir, "count", n)
	}
	return s, nil
}

// Close releases the cached tables and their mappings. Tables handed out before are invalid.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, t := range s.tables {
		t.close()
		delete(s.tables, k)
	}
	return s.root.Close()
}

// ImportRequest describes one file to import.
type ImportRequest struct {
	Name        Name   // optional: derived from FileName, else Title
	Title       string // optional: derived from FileName
	Description string
	Source      string
	SourceURL   string
	Licence     string
	DataDate    string         // the date the data describes, as given
	Columns     []ColumnChange // renames and type overrides, applied after reading; nil follows the recipe
	Labels      []ColumnLabel  // column labels and units; nil follows the recipe
	FileName    string         // as the user gave it; shown, never used as a path
	Sheet       string         // XLSX: the sheet to read (default: the first with a value)
	KeepRows    bool           // XLSX: keep blank, total and footnote rows as data
	Body        io.Reader

	recipeColumns bool // Columns came from the recipe: those that no longer apply are skipped
}

// Import reads the file, stores it as the next version of its dataset and returns that
// version's description. On any error nothing stored changes.
func (s *Store) Import(ctx context.Context, req ImportRequest) (Meta, error) {
	req, err := s.RecipeFor(ctx, req)
	if err != nil {
		return Meta{}, err
	}
	body, mapped, done, err := s.body(req.Body)
	if err != nil {
		return Meta{}, err
	}
	defer done()
	loaded, err := readInput(ctx, req.FileName, body, mapped, ReadOptions{Sheet: req.Sheet, KeepRows: req.KeepRows}, s.limits, s.mem)
	if err != nil {
		return Meta{}, err
	}
	defer func() { loaded.Table.Release() }()
	changes, err := followChanges(loaded, req, s.mem)
	if err != nil {
		return Meta{}, err
	}

	meta := describe(req, loaded, int64(len(body)))
	meta.Columns = columnsWithStats(loaded.Table)
	meta.Changes = changes
	err = s.commitVersion(ctx, &meta, func(m Meta) error {
		return s.writeFiles(m, originalOf(req.Body, body), loaded.Table)
	})
	if err != nil {
		return Meta{}, err
	}
	if err := s.saveRecipe(ctx, meta.Name, recipeOf(req, meta)); err != nil {
		return Meta{}, err
	}
	meta.Columns = withLabels(meta.Columns, req.Labels)
	s.hooks.run(ctx, meta)
	return meta, nil
}

func describe(req ImportRequest, loaded *Loaded, size int64) Meta {
	m := Meta{
		Name:        req.Name,
		Title:       req.Title,
		Description: req.Description,
		Source:      req.Source,
		SourceURL:   req.SourceURL,
		Licence:     req.Licence,
		DataDate:    req.DataDate,
		Sheet:       loaded.Sheet,
		Rows:        loaded.Table.NumRows(),
		Columns:     columnsOf(loaded.Table),
		Format:      loaded.Format,
		Encoding:    loaded.Encoding,
		Delimiter:   loaded.Delimiter,
		Warnings:    loaded.Warnings,
		FileName:    req.FileName,
		Bytes:       size,
		ImportedAt:  time.Now().UTC().Truncate(time.Second),
	}
	base := trimExtension(req.FileName)
	if m.Title == "" {
		m.Title = base
	}
	if m.Name == "" {
		m.Name = NameFrom(firstNonEmpty(base, m.Title))
	}
	if m.Title == "" {
		m.Title = string(m.Name)
	}
	return m
}

func columnsOf(t arrow.Table) []Column {
	cols := make([]Column, t.NumCols())
	for i := range cols {
		c := t.Column(i)
		cols[i] = Column{Name: c.Name(), Type: TypeName(c.DataType()), Nulls: int64(c.Data().NullN())}
	}
	return cols
}

// body returns the whole upload: a file is mapped, anything else read into memory. done
// releases it.
func (s *Store) body(r io.Reader) ([]byte, bool, func(), error) {
	if f, ok := r.(*os.File); ok {
		if data, unmap, ok := mapFile(f, s.limits.MaxFileBytes); ok {
			return data, true, unmap, nil
		}
	}
	b, err := readLimited(r, s.limits.MaxFileBytes)
	return b, false, func() {}, err
}

// readLimited reads all of r, refusing more than max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	body, err := readUpTo(r, max)
	if fault.KindOf(err) == fault.TooLarge {
		return nil, err // the HTTP layer already said which limit
	}
	if err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "le fichier n'a pas pu être reçu en entier ; réessayez")
	}
	if int64(len(body)) > max {
		return nil, fault.New(fault.TooLarge, "fichier trop volumineux : la limite est de %s", localfmt.Bytes("fr", max))
	}
	return body, nil
}

func (s *Store) latestVersion(ctx context.Context, name Name) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx,
		`SELECT MAX(version) FROM dataset_versions WHERE name = ?`, string(name)).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("latest version of %s: %w", name, err)
	}
	return int(v.Int64), nil
}

func (s *Store) insert(ctx context.Context, m Meta) error {
	js, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO dataset_versions (name, version, meta, imported_at) VALUES (?, ?, ?, ?)`,
		string(m.Name), m.Version, string(js), m.ImportedAt.Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("catalogue %s@%d: %w", m.Name, m.Version, err)
	}
	return nil
}

// List returns the latest version of every dataset, by name.
func (s *Store) List(ctx context.Context) ([]Meta, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT meta FROM dataset_versions v
		WHERE version = (SELECT MAX(version) FROM dataset_versions w WHERE w.name = v.name)
		ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list datasets: %w", err)
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
	rows.Close()
	for i := range out {
		if out[i], err = s.labelled(ctx, out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func decodeMeta(js string) (Meta, error) {
	var m Meta
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		return Meta{}, fmt.Errorf("catalogue row: %w", err)
	}
	return m, nil
}

// Names lists the names of all datasets.
func (s *Store) Names(ctx context.Context) ([]Name, error) {
	metas, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]Name, len(metas))
	for i, m := range metas {
		names[i] = m.Name
	}
	return names, nil
}

// Meta describes version of name; version 0 means the latest.
func (s *Store) Meta(ctx context.Context, name Name, version int) (Meta, error) {
	q := `SELECT meta FROM dataset_versions WHERE name = ? AND version = ?`
	args := []any{string(name), version}
	if version == 0 {
		q = `SELECT meta FROM dataset_versions WHERE name = ? ORDER BY version DESC LIMIT 1`
		args = args[:1]
	}
	var js string
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		if version == 0 {
			return Meta{}, fault.New(fault.NotFound, "jeu de données « %s » introuvable", name)
		}
		return Meta{}, fault.New(fault.NotFound, "version %d du jeu de données « %s » introuvable", version, name)
	}
	if err != nil {
		return Meta{}, fmt.Errorf("meta %s@%d: %w", name, version, err)
	}
	var m Meta
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		return Meta{}, fmt.Errorf("catalogue row %s@%d: %w", name, version, err)
	}
	return s.labelled(ctx, m)
}

// Table returns the table of version of name (0: the latest) and its description. The table
// is shared and stays valid until Close: callers must not release it.
func (s *Store) Table(ctx context.Context, name Name, version int) (arrow.Table, Meta, error) {
	m, err := s.Meta(ctx, name, version)
	if err != nil {
		return nil, Meta{}, err
	}
	key := versionKey{m.Name, m.Version}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tables[key]; ok {
		return t.table, m, nil
	}
	t, err := mapTable(s.root, tablePath(m.Name, m.Version), dictPath(m.Name, m.Version))
	if err != nil {
		return nil, Meta{}, fmt.Errorf("load %s@%d: %w", m.Name, m.Version, err)
	}
	s.tables[key] = t
	return t.table, m, nil
}

// Original opens the file as it was uploaded for version of name.
func (s *Store) Original(ctx context.Context, name Name, version int) (io.ReadSeekCloser, Meta, error) {
	m, err := s.Meta(ctx, name, version)
	if err != nil {
		return nil, Meta{}, err
	}
	f, err := openStored(s.root, originalPath(m.Name, m.Version))
	if err != nil {
		return nil, Meta{}, fmt.Errorf("original of %s@%d: %w", m.Name, m.Version, err)
	}
	return f, m, nil
}

func tablePath(n Name, v int) string    { return fmt.Sprintf("%s/%d.arrow", n, v) }
func originalPath(n Name, v int) string { return fmt.Sprintf("%s/%d.orig", n, v) }
func dictPath(n Name, v int) string     { return fmt.Sprintf("%s/%d.dict.arrow", n, v) }

// originalOf is what writeFiles copies as the original: the file itself when the upload is
// one (the kernel copies it, without bringing its pages back into this process), else body.
func originalOf(r io.Reader, body []byte) func(io.Writer) error {
	if f, ok := r.(*os.File); ok {
		return func(w io.Writer) error {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
			n, err := io.Copy(w, f)
			if err == nil && n != int64(len(body)) {
				err = fmt.Errorf("original changed while it was imported: %d bytes, then %d", len(body), n)
			}
			return err
		}
	}
	return func(w io.Writer) error {
		_, err := w.Write(body)
		return err
	}
}

func (s *Store) writeFiles(m Meta, original func(io.Writer) error, t arrow.Table) error {
	orig := originalPath(m.Name, m.Version)
	if err := atomicfile.Write(s.root, orig, func(w io.Writer) error { return original(s.writerFor(orig, w)) }); err != nil {
		return err
	}
	var dicts []arrow.Array
	table := tablePath(m.Name, m.Version)
	err := atomicfile.Write(s.root, table, func(w io.Writer) (err error) {
		dicts, err = writeIPC(s.writerFor(table, w), t, s.mem)
		return err
	})
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(dicts, func(a arrow.Array) bool { return a != nil }) {
		s.root.Remove(dictPath(m.Name, m.Version)) // left by an import that crashed
		return nil
	}
	return atomicfile.Write(s.root, dictPath(m.Name, m.Version), func(w io.Writer) error {
		return writeDictionaries(w, dicts, s.mem)
	})
}
