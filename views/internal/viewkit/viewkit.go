// Package viewkit holds what the views share: fitting a block to an exact
// size, status glyphs, human times and counts (this file); seq-checked loads
// and the screen's context (loads.go); confirm requests, confirmed calls and
// pending marks (actions.go); the list screens' frame (list.go). The widgets
// live in ui/components.
package viewkit

import (
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// Clean is the one sanitizer (safetext.Clean), re-exported so every view
// file reads the same way.
func Clean(s string) string { return safetext.Clean(s) }

// Fit is components.Fit (the one exact-size helper), named here so every
// view file reads the same way: s as exactly h lines of w cells.
func Fit(s string, w, h int) string { return components.Fit(s, w, h) }

// FitLine is components.Pad: one line of exactly w cells.
func FitLine(line string, w int) string { return components.Pad(line, w) }

// Glyph is the status mark of a resource and the tone to colour its status
// with: errors win, then state, then activity. The glyph is plain text (the
// table sanitizes cells, so colour travels as a Tone, never as escapes).
func Glyph(g theme.Glyphs, status, runtime string, errors int64) (string, components.Tone) {
	return g.StatusGlyph(status, runtime, errors), theme.StatusRole(status, runtime, errors)
}

// Ago is a short relative time ("5m ago", "3d ago"); "-" for a zero time.
func Ago(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	// The server's clock is estimated from Date headers of one-second
	// resolution, so a time read a moment ago can sit up to a second or so
	// "ahead": that is jitter, not a future time.
	if d < -2*time.Second {
		return "in " + short(-d)
	}
	if d < time.Minute {
		return "just now"
	}
	return short(d) + " ago"
}

func short(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d"
}

// Stamp is an absolute time for detail panes in the zone loc, with the
// zone named ("2025-03-14 09:30:00 CET"); "-" for zero. Screens pass the
// zone of their clock (Deps.Now: local time, UTC in tests).
func Stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// Count formats n with thousands separators: 10000 -> "10,000".
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Or returns s, or dash when s is empty.
func Or(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}

// ErrText is an error's text, sanitized, for toasts and inline panels. API
// errors never carry credentials (nexla.APIError holds only the path and the
// server's message), so the text is safe to show.
func ErrText(err error) string {
	if err == nil {
		return ""
	}
	return Clean(err.Error())
}

// ThemeOr returns t, or the default theme when t is nil (tests, headless use).
func ThemeOr(t *theme.Theme) *theme.Theme {
	if t == nil {
		return theme.New(theme.Options{})
	}
	return t
}

// NowOr returns now, or time.Now when now is nil.
func NowOr(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}

// WithDefaults fills what a screen needs and tests or headless callers may
// leave out: the default theme, the wall clock and the screens' default keys.
func WithDefaults(d ui.Deps) ui.Deps {
	d.Theme = ThemeOr(d.Theme)
	d.Now = NowOr(d.Now)
	if d.Location == nil {
		d.Location = time.Local
	}
	if d.ScreenKeys.IsZero() {
		d.ScreenKeys = keymap.DefaultScreens()
	}
	return d
}
