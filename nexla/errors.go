package nexla

import (
	"errors"
	"fmt"
	"time"
)

// ErrReadOnly is returned by every mutating call of a read-only client, before any I/O.
var ErrReadOnly = errors.New("read-only mode: this change is disabled (started with --read-only or a read-only profile)")

// ErrCircuitOpen is returned without I/O while the breaker for a base URL is open.
var ErrCircuitOpen = errors.New("API unavailable: too many consecutive failures, not retrying for a while")

// ErrorKind mirrors the official SDK's exception hierarchy.
type ErrorKind int

// The kinds, one per SDK exception class reachable from HTTP.
const (
	KindServer         ErrorKind = iota // 405, 422, 5xx, anything unmapped
	KindAuthentication                  // 401
	KindAuthorization                   // 403
	KindNotFound                        // 404
	KindValidation                      // 400
	KindConflict                        // 409
	KindRateLimit                       // 429
	KindNetwork                         // no HTTP status: connection refused, reset, timeout
	// KindOutcomeUnknown: a mutation's answer was lost and re-reading its
	// target did not settle whether it was applied (see mutate.go).
	KindOutcomeUnknown
)

func (k ErrorKind) String() string {
	switch k {
	case KindAuthentication:
		return "authentication failed"
	case KindAuthorization:
		return "permission denied"
	case KindNotFound:
		return "not found"
	case KindValidation:
		return "invalid request"
	case KindConflict:
		return "conflict"
	case KindRateLimit:
		return "rate limited"
	case KindNetwork:
		return "network error"
	case KindOutcomeUnknown:
		return "outcome unknown"
	}
	return "server error"
}

// KindForStatus maps an HTTP status to an error kind as the SDK does.
func KindForStatus(status int) ErrorKind {
	switch status {
	case 400:
		return KindValidation
	case 401:
		return KindAuthentication
	case 403:
		return KindAuthorization
	case 404:
		return KindNotFound
	case 409:
		return KindConflict
	case 429:
		return KindRateLimit
	}
	return KindServer
}

// APIError is every failed call. It never holds credentials: Path is the URL
// path without query, and Message is the server's "message" (or "error"), the
// empty-body text, or the transport error.
type APIError struct {
	Kind       ErrorKind
	Method     string
	Path       string
	Status     int // 0 for network errors
	Message    string
	ErrorCode  string        // server "error_code" when present
	RequestID  string        // x-request-id header when present
	RetryAfter time.Duration // 429 only
	Err        error         // underlying transport error, if any
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Kind.String()
	}
	s := fmt.Sprintf("%s %s", e.Method, e.Path)
	if e.Status != 0 {
		s += fmt.Sprintf(": %d", e.Status)
	}
	s += ": " + msg
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	return s
}

func (e *APIError) Unwrap() error { return e.Err }

// Is lets errors.Is(err, &APIError{Kind: KindNotFound}) match by kind.
func (e *APIError) Is(target error) bool {
	t, ok := target.(*APIError)
	return ok && t.Kind == e.Kind && t.Status == 0 && t.Method == ""
}

// KindOf returns the kind of err, or -1 when err is not an *APIError.
func KindOf(err error) ErrorKind {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return -1
}

// IsOutcomeUnknown reports a mutation that may or may not have been applied.
func IsOutcomeUnknown(err error) bool { return KindOf(err) == KindOutcomeUnknown }

// IsNotFound reports a 404.
func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }

// IsAuth reports a 401.
func IsAuth(err error) bool { return KindOf(err) == KindAuthentication }

// IsForbidden reports a 403.
func IsForbidden(err error) bool { return KindOf(err) == KindAuthorization }

// StatusOf returns the HTTP status of err, or 0.
func StatusOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}
