package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"atelier/internal/database"
	"atelier/internal/fault"
)

// Role says what an account may do.
type Role string

// The roles.
const (
	Facilitator Role = "facilitator" // imports data, writes and publishes pages
	Admin       Role = "admin"       // and manages accounts
)

// ParseRole checks s.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case Facilitator, Admin:
		return r, nil
	}
	return "", fault.New(fault.Invalid, "rôle « %s » inconnu : choisissez facilitator ou admin", s)
}

// User is an account.
type User struct {
	ID       int64
	Email    string
	Role     Role
	Disabled bool
}

// SessionLifetime is how long a login lasts.
const SessionLifetime = 14 * 24 * time.Hour

// MinPasswordLength keeps passwords out of the reach of guessing.
const MinPasswordLength = 10

// Store keeps accounts and sessions.
type Store struct {
	db   *sql.DB
	cost int
	// dummyHash is compared against when the e-mail is unknown, so that a miss costs as
	// much time as a wrong password and does not reveal which e-mails have accounts. It is
	// made at the first miss: a command that never logs anyone in does not pay for it.
	dummyOnce sync.Once
	dummyHash []byte
}

var schema = []string{
	`CREATE TABLE IF NOT EXISTS users (
		id            INTEGER PRIMARY KEY,
		email         TEXT    NOT NULL UNIQUE,
		password_hash BLOB    NOT NULL,
		role          TEXT    NOT NULL,
		disabled      INTEGER NOT NULL DEFAULT 0,
		created_at    TEXT    NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS sessions (
		token_hash TEXT    PRIMARY KEY,
		user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		expires_at TEXT    NOT NULL
	)`,
}

// OpenStore creates the account tables in db if needed. cost is bcrypt's; 0 means the default.
func OpenStore(ctx context.Context, db *sql.DB, cost int) (*Store, error) {
	if err := database.Migrate(ctx, db, schema...); err != nil {
		return nil, err
	}
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	return &Store{db: db, cost: cost}, nil
}

func (s *Store) dummy() []byte {
	s.dummyOnce.Do(func() {
		s.dummyHash, _ = bcrypt.GenerateFromPassword([]byte("no account has this password"), s.cost)
	})
	return s.dummyHash
}

func normalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return "", fault.New(fault.Invalid, "adresse électronique « %s » invalide", s)
	}
	return s, nil
}

// Add creates an account.
func (s *Store) Add(ctx context.Context, email, password string, role Role) (User, error) {
	email, err := normalizeEmail(email)
	if err != nil {
		return User{}, err
	}
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return User{}, fault.New(fault.Invalid, "mot de passe trop court : %d caractères au moins", MinPasswordLength)
	}
	if len(password) > 72 { // bcrypt reads 72 bytes at most; refuse rather than truncate silently
		return User{}, fault.New(fault.Invalid, "mot de passe trop long : 72 octets au plus")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return User{}, err
	}
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
		email, hash, string(role), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return User{}, fmt.Errorf("add user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return User{}, fault.New(fault.Conflict, "un compte existe déjà pour %s", email)
	}
	id, _ := res.LastInsertId()
	return User{ID: id, Email: email, Role: role}, nil
}

// ErrBadCredentials is the one answer to a failed login, whatever failed.
var ErrBadCredentials = fault.New(fault.Unauthorized, "adresse ou mot de passe incorrect")

// Authenticate checks an e-mail and a password.
func (s *Store) Authenticate(ctx context.Context, email, password string) (User, error) {
	var u User
	var hash []byte
	var role string
	email = strings.ToLower(strings.TrimSpace(email))
	err := s.db.QueryRowContext(ctx, `SELECT id, email, password_hash, role, disabled FROM users WHERE email = ?`, email).
		Scan(&u.ID, &u.Email, &hash, &role, &u.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		bcrypt.CompareHashAndPassword(s.dummy(), []byte(password))
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("authenticate: %w", err)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u.Disabled {
		return User{}, ErrBadCredentials
	}
	u.Role = Role(role)
	return u, nil
}

// NewSession opens a session for the user and returns its token, for the cookie.
func (s *Store) NewSession(ctx context.Context, u User) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)`,
		hashToken(token), u.ID, time.Now().Add(SessionLifetime).UTC().Format(time.RFC3339))
	if err != nil {
		return "", fmt.Errorf("new session: %w", err)
	}
	return token, nil
}

// Session returns the user of a live session; an unknown, expired or revoked token, or a
// disabled account, is Unauthorized.
func (s *Store) Session(ctx context.Context, token string) (User, error) {
	var u User
	var role, expires string
	err := s.db.QueryRowContext(ctx, `
		SELECT u.id, u.email, u.role, u.disabled, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hashToken(token)).
		Scan(&u.ID, &u.Email, &role, &u.Disabled, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fault.New(fault.Unauthorized, "session inconnue ou terminée : connectez-vous")
	}
	if err != nil {
		return User{}, fmt.Errorf("session: %w", err)
	}
	if exp, _ := time.Parse(time.RFC3339, expires); time.Now().After(exp) || u.Disabled {
		return User{}, fault.New(fault.Unauthorized, "session terminée : connectez-vous à nouveau")
	}
	u.Role = Role(role)
	return u, nil
}

// Revoke ends a session on the server: the token is useless from now on.
func (s *Store) Revoke(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
	return err
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
