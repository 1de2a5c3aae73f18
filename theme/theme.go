// Package theme maps semantic roles (ok, warning, error, muted, selected...)
// to lipgloss styles, built once and passed to screens as a value. Colours use
// the 16 ANSI colours by default so they render the same at 16, 256 and
// true-colour depths; meaning never rests on colour alone (glyphs and the
// selection marker carry it without colour, for NO_COLOR and goldens).
package theme

import (
	"charm.land/lipgloss/v2"
)

// Theme holds the styles and glyphs of the UI.
type Theme struct {
	Title    lipgloss.Style
	Header   lipgloss.Style
	Muted    lipgloss.Style
	Text     lipgloss.Style
	OK       lipgloss.Style
	Warn     lipgloss.Style
	Error    lipgloss.Style
	Info     lipgloss.Style
	Accent   lipgloss.Style
	Selected lipgloss.Style
	Border   lipgloss.Style
	Key      lipgloss.Style
	Glyphs   Glyphs
}

// Glyphs are the status marks; ASCII fallbacks keep them legible on any font.
type Glyphs struct {
	Selected string // row marker, visible without colour
	OK       string
	Warn     string
	Error    string
	Paused   string
	Running  string
	Unknown  string
	Skipped  string
}

// Options choose the variant.
type Options struct {
	ASCII bool // plain ASCII glyphs
	Light bool // light terminal background
}

// New builds a theme.
func New(o Options) *Theme {
	fg := lipgloss.Color("7")
	muted := lipgloss.Color("8")
	if o.Light {
		fg = lipgloss.Color("0")
	}
	t := &Theme{
		Title:    lipgloss.NewStyle().Bold(true),
		Header:   lipgloss.NewStyle().Bold(true).Underline(true),
		Muted:    lipgloss.NewStyle().Foreground(muted),
		Text:     lipgloss.NewStyle().Foreground(fg),
		OK:       lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		Warn:     lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
		Error:    lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true),
		Info:     lipgloss.NewStyle().Foreground(lipgloss.Color("6")),
		Accent:   lipgloss.NewStyle().Foreground(lipgloss.Color("5")),
		Selected: lipgloss.NewStyle().Reverse(true),
		Border:   lipgloss.NewStyle().Foreground(muted),
		Key:      lipgloss.NewStyle().Bold(true),
	}
	t.Glyphs = Glyphs{Selected: "▶", OK: "●", Warn: "▲", Error: "✗", Paused: "‖", Running: "◌", Unknown: "?", Skipped: "–"}
	if o.ASCII {
		t.Glyphs = Glyphs{Selected: ">", OK: "o", Warn: "!", Error: "x", Paused: "=", Running: "~", Unknown: "?", Skipped: "-"}
	}
	return t
}
