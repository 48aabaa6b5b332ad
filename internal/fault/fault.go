// Package fault is atelier's one error type: a kind that decides the HTTP status, and a
// message written for the person in front of the screen, in French, saying what to do.
//
// Domain packages return *fault.Error for anything a user caused or can fix; any other error
// is internal, and its detail goes to the log, never to the user.
package fault

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the user can do about it.
type Kind int

// The kinds, from "nothing you can do" to the most specific.
const (
	Internal             Kind = iota // a bug or a fault of the machine: 500
	Invalid                          // the request or its content is wrong: 400
	Unauthorized                     // not logged in: 401
	Forbidden                        // logged in, but not allowed: 403
	NotFound                         // no such thing, or not visible to you: 404
	Conflict                         // clashes with what is stored: 409
	PreconditionFailed               // saved by someone else in between: 412
	TooLarge                         // over a size limit: 413
	Unsupported                      // a file format atelier does not read: 415
	Unprocessable                    // the file is of a known format but cannot be read: 422
	PreconditionRequired             // a save without the revision it started from: 428
	TooManyRequests                  // slow down: 429
	InsufficientStorage              // the disk is full: 507
)

// Error is an error with a kind and a message for the user.
type Error struct {
	Kind    Kind
	Message string // French, for the user; never contains internal detail
	Err     error  // the cause, for the log
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind whose user message is format applied to args.
func New(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Wrap is New with a cause kept for the log.
func Wrap(kind Kind, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...), Err: cause}
}

// KindOf reports the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Message reports the user message of the first *Error in err's chain. Internal errors
// have no user message: the caller shows a generic one with a reference id.
func Message(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) && e.Kind != Internal {
		return e.Message, true
	}
	return "", false
}
