package questions

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"atelier/internal/database"
	"atelier/internal/fault"
)

// The states of a question.
const (
	Closed   = "closed"
	Open     = "open"
	Revealed = "revealed"
)

// Actions are what a facilitator may do to a question.
var Actions = []string{"open", "reveal", "close", "reset"}

var schema = []string{
	`CREATE TABLE IF NOT EXISTS question_rounds (
		id          INTEGER PRIMARY KEY,
		slug        TEXT    NOT NULL,
		n           INTEGER NOT NULL,
		ask         TEXT    NOT NULL, -- the question as asked then: pages change between meetings
		opened_at   TEXT    NOT NULL,
		revealed_at TEXT,
		closed_at   TEXT,
		reset       INTEGER NOT NULL DEFAULT 0 -- kept in the history, never counted
	)`,
	`CREATE INDEX IF NOT EXISTS question_rounds_by_question ON question_rounds(slug, n)`,
	`CREATE TABLE IF NOT EXISTS question_state (
		slug  TEXT    NOT NULL,
		n     INTEGER NOT NULL,
		state TEXT    NOT NULL,
		round INTEGER NOT NULL REFERENCES question_rounds(id), -- the last round opened
		PRIMARY KEY (slug, n)
	)`,
	`CREATE TABLE IF NOT EXISTS question_answers (
		round       INTEGER NOT NULL REFERENCES question_rounds(id),
		participant TEXT    NOT NULL, -- a random cookie value: no name, no address
		value       TEXT    NOT NULL, -- JSON, as Question.Check returns it
		answered_at TEXT    NOT NULL,
		PRIMARY KEY (round, participant)
	)`,
	`CREATE TABLE IF NOT EXISTS question_hidden (
		slug TEXT    NOT NULL,
		n    INTEGER NOT NULL,
		word TEXT    NOT NULL, -- folded: « Vélo » hides « vélo »
		PRIMARY KEY (slug, n, word)
	)`,
}

// Store keeps questions' rounds and answers.
type Store struct {
	db  *sql.DB
	Now func() time.Time // the clock; tests set it
	mu  sync.Mutex       // state changes read then write: one at a time

	queueMu  sync.Mutex // answers waiting for the next group commit
	queue    []*answerReq
	flushing bool // a caller is writing the queue
}

// OpenStore creates the question tables in db if needed.
func OpenStore(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := database.Migrate(ctx, db, schema...); err != nil {
		return nil, err
	}
	return &Store{db: db, Now: time.Now}, nil
}

// Status is where a question stands.
type Status struct {
	State    string    `json:"state"`
	Round    int64     `json:"round,omitempty"`    // the current (last) round; 0 before the first opening
	OpenedAt time.Time `json:"opened_at,omitzero"` // of that round
	Revealed bool      `json:"revealed,omitempty"` // that round has been revealed (and not reset)
	Answers  int       `json:"answers"`            // counted answers of that round
	Reset    bool      `json:"reset,omitempty"`    // that round was reset: nothing counts
}

const stamp = time.RFC3339Nano

// StatusOf reads a question's status. A question never opened is closed.
func (s *Store) StatusOf(ctx context.Context, slug string, n int) (Status, error) {
	var st Status
	var opened string
	var revealed sql.NullString
	var reset bool
	err := s.db.QueryRowContext(ctx, `SELECT q.state, q.round, r.opened_at, r.revealed_at, r.reset
		FROM question_state q JOIN question_rounds r ON r.id = q.round WHERE q.slug = ? AND q.n = ?`, slug, n).
		Scan(&st.State, &st.Round, &opened, &revealed, &reset)
	if errors.Is(err, sql.ErrNoRows) {
		return Status{State: Closed}, nil
	}
	if err != nil {
		return Status{}, err
	}
	st.OpenedAt, _ = time.Parse(stamp, opened)
	st.Revealed, st.Reset = revealed.Valid && !reset, reset
	if !reset {
		err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM question_answers WHERE round = ?`, st.Round).Scan(&st.Answers)
	}
	return st, err
}

// Change applies a facilitator's action: open (a new round, from closed), reveal (from
// open), close (from open or revealed), reset (the round stops counting; closed).
func (s *Store) Change(ctx context.Context, slug string, n int, ask, action string) (Status, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.StatusOf(ctx, slug, n)
	if err != nil {
		return Status{}, err
	}
	now := s.Now().UTC().Format(stamp)
	switch {
	case action == "open" && st.State == Closed:
		err = s.open(ctx, slug, n, ask, now)
	case action == "reveal" && st.State == Open:
		err = s.exec(ctx, `UPDATE question_rounds SET revealed_at = ? WHERE id = ?`, now, st.Round)
		if err == nil {
			err = s.setState(ctx, slug, n, Revealed)
		}
	case action == "close" && st.State != Closed:
		err = s.exec(ctx, `UPDATE question_rounds SET closed_at = ? WHERE id = ?`, now, st.Round)
		if err == nil {
			err = s.setState(ctx, slug, n, Closed)
		}
	case action == "reset" && st.Round != 0:
		err = s.exec(ctx, `UPDATE question_rounds SET reset = 1, closed_at = coalesce(closed_at, ?) WHERE id = ?`, now, st.Round)
		if err == nil {
			err = s.setState(ctx, slug, n, Closed)
		}
	case !slices.Contains(Actions, action):
		return Status{}, fault.New(fault.Invalid, "action « %s » inconnue : open, reveal, close ou reset", action)
	default:
		return Status{}, fault.New(fault.Conflict, "la question %d est %s : « %s » n'est pas possible maintenant", n, stateName[st.State], action)
	}
	if err != nil {
		return Status{}, err
	}
	return s.StatusOf(ctx, slug, n)
}

var stateName = map[string]string{Closed: "fermée", Open: "ouverte", Revealed: "révélée"}

func (s *Store) open(ctx context.Context, slug string, n int, ask, now string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO question_rounds (slug, n, ask, opened_at) VALUES (?, ?, ?, ?)`, slug, n, ask, now)
	if err != nil {
		return err
	}
	id, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO question_state (slug, n, state, round) VALUES (?, ?, 'open', ?)
		ON CONFLICT (slug, n) DO UPDATE SET state = 'open', round = excluded.round`, slug, n, id); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) setState(ctx context.Context, slug string, n int, state string) error {
	return s.exec(ctx, `UPDATE question_state SET state = ? WHERE slug = ? AND n = ?`, state, slug, n)
}

func (s *Store) exec(ctx context.Context, q string, args ...any) error {
	_, err := s.db.ExecContext(ctx, q, args...)
	return err
}

// Values are the answers of a round, in the order they came.
func (s *Store) Values(ctx context.Context, round int64) ([]json.RawMessage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT value FROM question_answers WHERE round = ? ORDER BY answered_at, participant`, round)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, json.RawMessage(v))
	}
	return out, rows.Err()
}

// Hide hides (or shows again) a word of a words question, in every round.
func (s *Store) Hide(ctx context.Context, slug string, n int, word string, hidden bool) error {
	if hidden {
		return s.exec(ctx, `INSERT OR IGNORE INTO question_hidden (slug, n, word) VALUES (?, ?, ?)`, slug, n, foldWord(word))
	}
	return s.exec(ctx, `DELETE FROM question_hidden WHERE slug = ? AND n = ? AND word = ?`, slug, n, foldWord(word))
}

// Hidden lists the hidden words of a question, folded.
func (s *Store) Hidden(ctx context.Context, slug string, n int) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT word FROM question_hidden WHERE slug = ? AND n = ?`, slug, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out[w] = true
	}
	return out, rows.Err()
}

func foldWord(w string) string { return strings.ToLower(strings.TrimSpace(w)) }
