// Package news holds Masthead's domain: the things a newsroom publishes and the
// errors its operations return. It depends on nothing but the block document.
package news

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes say what kind of failure happened; the web layer maps each to one
// HTTP status and one safe message, so no handler decides that on its own.
const (
	ENOTFOUND = "not_found" // the thing does not exist (or is not public)
	EGONE     = "gone"      // it existed publicly and was withdrawn
	EINVALID  = "invalid"   // the input breaks a rule; Message says which
	// EMALFORMED: the request cannot be read as what it must be: a query
	// parameter that is not a number, a date or one of its words, an
	// address segment out of range. Unlike EINVALID, nothing was checked
	// against the newsroom's rules; the request itself is wrong (400).
	EMALFORMED = "malformed"
	ECONFLICT  = "conflict" // a unique value is taken, or a stale write
	EINTERNAL  = "internal" // anything else; detail goes to the log only
	// EUNAVAILABLE: the node cannot save (or reach the database) for now: its
	// disk is full or read-only, or the database went away. Nothing saved
	// before is harmed, and the same request works again once it is back.
	EUNAVAILABLE = "unavailable"
)

// UnavailableMessage is what a person whose change could not be saved reads;
// the newsroom's editor keeps their text in the browser meanwhile.
const UnavailableMessage = "The server cannot save right now; your text is kept in this browser. Try again in a minute."

// RetryAfter is how many seconds an EUNAVAILABLE answer asks a client to wait.
const RetryAfter = 30

// HTTPStatus is the one place an error's code becomes an HTTP status: the
// public site, the newsroom's pages and JSON calls and the API all ask it,
// so one failure answers the same status on each.
func HTTPStatus(err error) int {
	switch ErrorCode(err) {
	case "":
		return http.StatusOK
	case ENOTFOUND:
		return http.StatusNotFound
	case EGONE:
		return http.StatusGone
	case EINVALID:
		return http.StatusUnprocessableEntity
	case EMALFORMED:
		return http.StatusBadRequest
	case ECONFLICT:
		return http.StatusConflict
	case EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Unavailable wraps err, a failure of the disk or the database connection,
// as EUNAVAILABLE; errors.Is and errors.As still find err itself.
func Unavailable(err error) error {
	return fmt.Errorf("%w: %w", &Error{Code: EUNAVAILABLE, Message: UnavailableMessage}, err)
}

// Error is a failure with a code and a message that is safe to show a reader or
// an editor. Field names the form field at fault, when there is one.
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return e.Code + ": " + e.Message
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the safe message of err: the *Error's own message, or a
// generic one for internal errors, whose text may hold detail readers must not see.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side."
}
