// Package accounts owns who may change things: facilitator and admin accounts with bcrypt
// password hashes, and server-side sessions in SQLite.
//
// Invariants:
//   - There is no default account and no default secret: the first account is made with
//     `atelier user add`.
//   - A session token is shown to the browser once, in a cookie; the database keeps only its
//     SHA-256, so a copy of atelier.db does not let anyone log in.
//   - An unknown e-mail and a wrong password fail the same way, in about the same time.
package accounts
