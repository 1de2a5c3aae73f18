package nexla

import (
	"errors"
	"strings"
)

// AuthCause says why the API refused who we are, so the TUI can tell the
// user what to do: an access token that expired wants a new token (or a
// service key, which renews its own), a refused service key wants another key.
type AuthCause int

// Causes of an authentication failure.
const (
	AuthNone         AuthCause = iota // not an authentication failure
	AuthTokenExpired                  // a direct access token was refused (expired or revoked)
	AuthKeyRefused                    // the service key was refused at POST /token
	AuthRejected                      // a session token from the key was refused even after a renewal
)

// tokenExpiredText starts the message of a 401 to a direct access token.
const tokenExpiredText = "access token invalid or expired"

// AuthCauseOf classifies err; AuthNone when it is no authentication failure.
func AuthCauseOf(err error) AuthCause {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != KindAuthentication {
		return AuthNone
	}
	switch {
	case ae.Path == "/token":
		return AuthKeyRefused
	case strings.HasPrefix(ae.Message, tokenExpiredText):
		return AuthTokenExpired
	}
	return AuthRejected
}
