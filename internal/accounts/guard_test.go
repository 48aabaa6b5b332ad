package accounts_test

import (
	"testing"
	"time"

	"atelier/internal/accounts"
)

// Five wrong passwords from one address lock that address out of that account, whatever the
// e-mail's case, and never the owner on another address.
func TestLoginGuardLocksTheGuesserNotTheOwner(t *testing.T) {
	g := accounts.NewLoginGuard()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i := range accounts.PerPair {
		if w := g.Wait("v@x.fr", "203.0.113.9", now); w != 0 {
			t.Fatalf("attempt %d waits %v", i+1, w)
		}
		g.Fail([]string{"v@x.fr", "V@X.FR", " v@X.fr "}[i%3], "203.0.113.9", now)
	}
	if w := g.Wait("V@x.fr", "203.0.113.9", now); w != accounts.PairWindow {
		t.Errorf("the guesser waits %v; want %v", w, accounts.PairWindow)
	}
	if w := g.Wait("v@x.fr", "198.51.100.7", now); w != 0 {
		t.Errorf("the owner on another address waits %v", w)
	}
	if w := g.Wait("autre@x.fr", "203.0.113.9", now); w != 0 {
		t.Errorf("another account from the guesser's address waits %v", w)
	}
	if w := g.Wait("v@x.fr", "203.0.113.9", now.Add(accounts.PairWindow)); w != 0 {
		t.Errorf("after the window the guesser waits %v", w)
	}
}

// One address that sweeps accounts is stopped by its own limit.
func TestLoginGuardLimitsAnAddressAcrossAccounts(t *testing.T) {
	g := accounts.NewLoginGuard()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i := range accounts.PerAddress {
		g.Fail(string(rune('a'+i))+"@x.fr", "203.0.113.9", now)
	}
	if w := g.Wait("nouveau@x.fr", "203.0.113.9", now); w == 0 {
		t.Error("an address that failed for 20 accounts may go on")
	}
	if w := g.Wait("nouveau@x.fr", "198.51.100.7", now); w != 0 {
		t.Errorf("another address waits %v", w)
	}
}

// A guess spread over many addresses is slowed by the account's own limit, which one
// address alone cannot reach within the account's window.
func TestLoginGuardSlowsADistributedGuess(t *testing.T) {
	g := accounts.NewLoginGuard()
	start := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	// One address, as fast as its limits allow, for an hour: the owner elsewhere still logs in.
	for now := start; now.Before(start.Add(accounts.AccountWindow)); now = now.Add(time.Second) {
		if g.Wait("v@x.fr", "203.0.113.9", now) == 0 {
			g.Fail("v@x.fr", "203.0.113.9", now)
		}
	}
	if w := g.Wait("v@x.fr", "198.51.100.7", start.Add(accounts.AccountWindow-time.Second)); w != 0 {
		t.Errorf("one attacking address locked the owner out for %v", w)
	}
	g = accounts.NewLoginGuard()
	for i := range accounts.PerAccount {
		g.Fail("v@x.fr", "10.0.0."+string(rune('0'+i%10))+string(rune('0'+i/10)), start)
	}
	if w := g.Wait("v@x.fr", "10.9.9.9", start); w != accounts.AccountWindow {
		t.Errorf("after %d failures from many addresses, wait = %v; want %v", accounts.PerAccount, w, accounts.AccountWindow)
	}
}
