package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Optional interfaces a Screen may implement. The shell checks for them with
// a type assertion; a screen that does not need one simply omits it.

// Previewer screens feed the detail/preview pane (beside the main pane from
// 120 columns, below it under that). Preview renders exactly w x h.
type Previewer interface {
	Preview(w, h int) string
}

// TextPreviewer is the simpler form: the shell fits the text to the pane
// (truncating long lines, dropping extra ones).
type TextPreviewer interface {
	Preview() string
}

// previewOf returns the preview renderer of s, if it has one.
func previewOf(s Screen) (func(w, h int) string, bool) {
	switch p := s.(type) {
	case Previewer:
		return p.Preview, true
	case TextPreviewer:
		return func(w, h int) string { return p.Preview() }, true
	}
	return nil, false
}

// BackInterceptor screens keep esc/backspace for themselves while it returns
// true (e.g. a filter is applied: esc clears it before going back).
type BackInterceptor interface {
	InterceptBack() bool
}

// Marker screens hold marks for a bulk action; the header shows how many
// rows the top screen has marked.
type Marker interface {
	Marked() int
}

// KeyClaimer screens take a key the shell would otherwise answer (y copies
// the selection's id, o its console URL) while ClaimsKey returns true: the
// runbook copies its findings with y, a log screen the selected line.
type KeyClaimer interface {
	ClaimsKey(msg tea.KeyPressMsg) bool
}

// Closer screens release resources (cancel their context) when the shell
// drops them from the stack.
type Closer interface {
	Close()
}

// OnboardingInfo is shown on first run without credentials. It never holds
// credentials, only where they would come from.
type OnboardingInfo struct {
	Reason     string   // why no connection was made (e.g. "no credentials found")
	ConfigPath string   // the config file that was read
	Profiles   []string // profile names found in it
}

// DemoStarter starts the in-process simulator and returns a client for it
// (through the real HTTP client) and a function that stops it. The shell
// calls it from a Cmd, never from Update.
type DemoStarter func() (api nexla.API, stop func(), err error)

// toastTTL is how long a toast stays; errors stay longer.
const (
	toastTTL      = 4 * time.Second
	toastErrorTTL = 8 * time.Second
)
