package accounts_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"atelier/internal/accounts"
	"atelier/internal/database"
	"atelier/internal/fault"
)

func newStore(t *testing.T) *accounts.Store {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, filepath.Join(t.TempDir(), "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := accounts.OpenStore(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAddAndAuthenticate(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	u, err := s.Add(ctx, " Alice@Ville.fr ", "un mot de passe long", accounts.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "alice@ville.fr" {
		t.Errorf("email = %q; want it normalised", u.Email)
	}
	if _, err := s.Authenticate(ctx, "alice@ville.fr", "un mot de passe long"); err != nil {
		t.Errorf("right password refused: %v", err)
	}
	_, wrong := s.Authenticate(ctx, "alice@ville.fr", "mauvais mot de passe")
	_, unknown := s.Authenticate(ctx, "bob@ville.fr", "un mot de passe long")
	if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() || fault.KindOf(wrong) != fault.Unauthorized {
		t.Errorf("wrong password %v and unknown e-mail %v must fail alike", wrong, unknown)
	}
	if _, err := s.Add(ctx, "alice@ville.fr", "un autre mot de passe", accounts.Admin); fault.KindOf(err) != fault.Conflict {
		t.Errorf("duplicate account: kind %v", fault.KindOf(err))
	}
}

func TestAddRefusesBadInput(t *testing.T) {
	s := newStore(t)
	for _, c := range []struct{ email, password string }{
		{"pas-une-adresse", "un mot de passe long"},
		{"a@b.fr", "court"},
		{"a@b.fr", string(make([]byte, 80)) + "aaaaaaaaaa"},
		{"Nom <a@b.fr>", "un mot de passe long"},
	} {
		if _, err := s.Add(context.Background(), c.email, c.password, accounts.Facilitator); fault.KindOf(err) != fault.Invalid {
			t.Errorf("Add(%q, %d chars): kind %v; want Invalid", c.email, len(c.password), fault.KindOf(err))
		}
	}
}

func TestSessionsAreRevokedOnTheServer(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	u, _ := s.Add(ctx, "a@b.fr", "un mot de passe long", accounts.Admin)
	token, err := s.NewSession(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.NewSession(ctx, u)
	if token == other || len(token) < 40 {
		t.Errorf("tokens %q and %q: want distinct and long", token, other)
	}
	got, err := s.Session(ctx, token)
	if err != nil || got.Email != "a@b.fr" || got.Role != accounts.Admin {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	if err := s.Revoke(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, token); fault.KindOf(err) != fault.Unauthorized {
		t.Errorf("revoked session still valid: %v", err)
	}
	if _, err := s.Session(ctx, other); err != nil {
		t.Errorf("revoking one session ended another: %v", err)
	}
}

func TestThrottle(t *testing.T) {
	th := accounts.NewThrottle(3, time.Minute)
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if w := th.Wait("k", now); w != 0 {
			t.Fatalf("attempt %d must be allowed, wait %v", i+1, w)
		}
		th.Fail("k", now.Add(time.Duration(i)*time.Second))
	}
	if w := th.Wait("k", now.Add(3*time.Second)); w != 57*time.Second {
		t.Errorf("after 3 failures wait = %v; want 57s", w)
	}
	if w := th.Wait("autre", now); w != 0 {
		t.Errorf("another key must not wait, got %v", w)
	}
	if w := th.Wait("k", now.Add(61*time.Second)); w != 0 {
		t.Errorf("after the window wait = %v; want 0", w)
	}
	th.Fail("k", now.Add(62*time.Second))
	th.Forget("k")
	if w := th.Wait("k", now.Add(62*time.Second)); w != 0 {
		t.Errorf("after Forget wait = %v", w)
	}
}

func TestAdminDisablesAndResets(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	u, _ := s.Add(ctx, "a@b.fr", "un mot de passe long", accounts.Facilitator)
	token, _ := s.NewSession(ctx, u)
	if err := s.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, token); err == nil {
		t.Error("a disabled account keeps its session")
	}
	if _, err := s.Authenticate(ctx, "a@b.fr", "un mot de passe long"); err == nil {
		t.Error("a disabled account can log in")
	}
	s.SetDisabled(ctx, u.ID, false)
	if err := s.ResetPassword(ctx, u.ID, "un nouveau mot de passe"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "a@b.fr", "un nouveau mot de passe"); err != nil {
		t.Errorf("new password refused: %v", err)
	}
	if _, err := s.Authenticate(ctx, "a@b.fr", "un mot de passe long"); err == nil {
		t.Error("the old password still works")
	}
	if err := s.ResetPassword(ctx, u.ID, "court"); fault.KindOf(err) != fault.Invalid {
		t.Errorf("short password: %v", err)
	}
	if err := s.SetDisabled(ctx, 999, true); fault.KindOf(err) != fault.NotFound {
		t.Errorf("unknown account: %v", err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 1 || list[0].Email != "a@b.fr" || list[0].Disabled {
		t.Errorf("list = %+v, %v", list, err)
	}
}
