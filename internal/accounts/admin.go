package accounts

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"atelier/internal/fault"
)

// Account is a user as an admin sees it.
type Account struct {
	User
	CreatedAt time.Time
}

// List returns every account, by e-mail.
func (s *Store) List(ctx context.Context) ([]Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, role, disabled, created_at FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		var role, created string
		if err := rows.Scan(&a.ID, &a.Email, &role, &a.Disabled, &created); err != nil {
			return nil, err
		}
		a.Role = Role(role)
		a.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetDisabled disables an account (its sessions end at once) or enables it again.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	if err := s.update(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, id); err != nil {
		return err
	}
	if disabled {
		_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	}
	return nil
}

// ResetPassword sets a new password and ends the account's sessions.
func (s *Store) ResetPassword(ctx context.Context, id int64, password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength || len(password) > 72 {
		return fault.New(fault.Invalid, "le mot de passe doit faire de %d caractères à 72 octets", MinPasswordLength)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return err
	}
	if err := s.update(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
	return err
}

func (s *Store) update(ctx context.Context, q string, v any, id int64) error {
	res, err := s.db.ExecContext(ctx, q, v, id)
	if err != nil {
		return fmt.Errorf("update user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fault.New(fault.NotFound, "compte introuvable")
	}
	return nil
}
