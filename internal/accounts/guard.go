package accounts

import (
	"strings"
	"time"

	"golang.org/x/text/cases"
)

// LoginGuard slows password guessing without letting a guesser lock the owner out. Failed
// logins are counted three ways:
//
//   - per account and address: a few tries, then that address waits for that account;
//   - per address, whatever the account: one address cannot sweep many accounts;
//   - per account, from every address, over a longer window and with a higher limit than one
//     address can reach on its own: a guess spread over many addresses is still slowed, but
//     a single attacker elsewhere never locks the owner out.
//
// E-mails are compared case-folded, so that « V@X.FR » and « v@x.fr » are one account.
type LoginGuard struct {
	pair, address, account *Throttle
}

// The limits. One address may fail at most PerAddress times per AddressWindow, that is 80
// times an hour: below PerAccount, so that locking an account needs several addresses.
const (
	PerPair       = 5
	PairWindow    = 15 * time.Minute
	PerAddress    = 20
	AddressWindow = 15 * time.Minute
	PerAccount    = 100
	AccountWindow = time.Hour
)

// NewLoginGuard returns a guard with the limits above.
func NewLoginGuard() *LoginGuard {
	return &LoginGuard{
		pair:    NewThrottle(PerPair, PairWindow),
		address: NewThrottle(PerAddress, AddressWindow),
		account: NewThrottle(PerAccount, AccountWindow),
	}
}

// FoldEmail is the form under which e-mails are compared.
func FoldEmail(email string) string {
	return cases.Fold().String(strings.TrimSpace(email))
}

func (g *LoginGuard) keys(email, addr string) (pair, address, account string) {
	e := FoldEmail(email)
	return e + "\x00" + addr, addr, e
}

// Wait reports how long a login for email from addr must wait; 0 means it may try now.
func (g *LoginGuard) Wait(email, addr string, now time.Time) time.Duration {
	pair, address, account := g.keys(email, addr)
	return max(g.pair.Wait(pair, now), g.address.Wait(address, now), g.account.Wait(account, now))
}

// Fail records a failed login.
func (g *LoginGuard) Fail(email, addr string, now time.Time) {
	pair, address, account := g.keys(email, addr)
	g.pair.Fail(pair, now)
	g.address.Fail(address, now)
	g.account.Fail(account, now)
}

// Succeed forgets the failures of this account from this address: the owner's own typos. The
// address's and the account's other failures stay counted, since they may be someone else's.
func (g *LoginGuard) Succeed(email, addr string) {
	pair, _, _ := g.keys(email, addr)
	g.pair.Forget(pair)
}
