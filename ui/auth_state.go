package ui

import (
	"errors"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The header and the full-pane error tell apart what the user must do
// differently: an expired access token or a refused key (fix the
// credentials) from an API that does not answer (wait, check the network).
// An auth failure is never shown as "API down", nor an outage as bad keys.

// apiBadge is the header's API cell: its text and whether it is an error.
func (a *App) apiBadge() (text string, bad bool) {
	g := a.deps.Theme.Glyphs
	switch {
	case !a.apiKnown:
		return "API " + g.Unknown, false
	case a.apiOK:
		return "API " + g.OK + " " + a.apiLatency.Round(1e6).String(), false
	}
	switch nexla.AuthCauseOf(a.apiErr) {
	case nexla.AuthTokenExpired:
		return "auth " + g.Error + " token expired", true
	case nexla.AuthKeyRefused:
		return "auth " + g.Error + " key refused", true
	case nexla.AuthRejected:
		return "auth " + g.Error + " refused", true
	}
	if nexla.IsForbidden(a.apiErr) {
		return "API " + g.Error + " forbidden", true
	}
	return "API " + g.Error + " down", true
}

// fatalAdvice is the full-pane error's title and what to do.
func fatalAdvice(err error) (title, advice string) {
	switch nexla.AuthCauseOf(err) {
	case nexla.AuthTokenExpired:
		return "Access token expired",
			"access token expired: set NEXLA_SERVICE_KEY (a service key renews its own tokens) or renew the token in NEXLA_ACCESS_TOKEN; r to retry"
	case nexla.AuthKeyRefused:
		return "Authentication failed: service key refused",
			"The service key was refused. Set NEXLA_SERVICE_KEY to a valid key (or the profile's key), or pick another --profile; r to retry"
	case nexla.AuthRejected:
		return "Authentication failed",
			"The session token was refused even after renewing it: the service key may have been revoked. Check NEXLA_SERVICE_KEY, or pick another --profile; r to retry"
	}
	switch {
	case nexla.IsForbidden(err):
		return "Permission denied", "This user cannot read this resource. Try another profile or ask an org admin."
	case nexla.KindOf(err) == nexla.KindNetwork, errors.Is(err, nexla.ErrCircuitOpen):
		return "Nexla API unreachable", "Check the network and NEXLA_API_URL, then retry."
	}
	return "Cannot use the Nexla API", "Check the network and NEXLA_API_URL, then retry."
}
