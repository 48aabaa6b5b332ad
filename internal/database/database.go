// Package database opens atelier's SQLite file (pure Go, no cgo) with the settings every
// store relies on: WAL so that readers never wait for a writer, a busy timeout so that two
// writers queue instead of failing, and foreign keys on.
//
// Each domain store owns its tables and creates them itself (CREATE TABLE IF NOT EXISTS), so
// this package knows nothing about datasets or pages.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Open opens (creating if needed) the SQLite database at path.
func Open(ctx context.Context, path string) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		"busy_timeout(10000)",
		"foreign_keys(ON)",
		"synchronous(NORMAL)",
	} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// Migrate runs each statement in one transaction. Statements must be idempotent
// (CREATE ... IF NOT EXISTS), since every start runs them again.
//
// The transaction takes the write lock when it begins (BEGIN IMMEDIATE): the server and an
// `atelier import` may start at the same moment, and a transaction that read first and then
// tried to write would get "database is locked" at once instead of waiting its turn.
func Migrate(ctx context.Context, db *sql.DB, statements ...string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, s := range statements {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// AddColumn adds a column to a table unless it is there, under the same write lock as
// Migrate, so that two processes starting together do not both add it.
func AddColumn(ctx context.Context, db *sql.DB, table, column, definition string) error {
	var has int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?`, table, column).Scan(&has)
	if err != nil || has > 0 {
		return err
	}
	err = Migrate(ctx, db, fmt.Sprintf(`ALTER TABLE %s ADD COLUMN %s %s`, table, column, definition))
	if err != nil && strings.Contains(err.Error(), "duplicate column name") {
		return nil // another process added it between the look and the lock
	}
	return err
}
