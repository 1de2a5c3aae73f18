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
	// Banner is the profile's header badge (e.g. "PROD"): reversed text on
	// the accent colour, still a reversed block without colour.
	Banner lipgloss.Style
	Glyphs Glyphs
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
	Marked   string // a row marked for a bulk action (beside the cursor glyph)
}

// Options choose the variant.
type Options struct {
	ASCII bool // plain ASCII glyphs
	Light bool // light terminal background
	// NoColor drops every colour (NO_COLOR); bold/reverse stay, and the
	// selection marker glyph carries the cursor.
	NoColor bool
	// Overrides map a role (see Roles) to a colour: an ANSI index "0".."255"
	// or "#rrggbb". Unknown roles and bad colours are refused by
	// the config package (with the file's line) before New is called.
	Overrides map[string]string
	// Accent is the profile's banner colour (same forms as Overrides); ""
	// uses the accent role's colour.
	Accent string
}

// New builds a theme.
func New(o Options) *Theme {
	colours := defaultColours(o.Light)
	for role, c := range o.Overrides {
		if _, ok := colours[role]; ok && validColour(c) {
			colours[role] = c
		}
	}
	fgOf := func(role string) lipgloss.Style {
		if o.NoColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(lipgloss.Color(colours[role]))
	}
	t := &Theme{
		Title:    lipgloss.NewStyle().Bold(true),
		Header:   lipgloss.NewStyle().Bold(true).Underline(true),
		Muted:    fgOf("muted"),
		Text:     fgOf("text"),
		OK:       fgOf("ok"),
		Warn:     fgOf("warn"),
		Error:    fgOf("error").Bold(true),
		Info:     fgOf("info"),
		Accent:   fgOf("accent"),
		Selected: lipgloss.NewStyle().Reverse(true),
		Border:   fgOf("border"),
		Key:      fgOf("key").Bold(true),
		Banner:   fgOf("accent").Bold(true).Reverse(true),
	}
	if o.Accent != "" && validColour(o.Accent) && !o.NoColor {
		t.Banner = t.Banner.Foreground(lipgloss.Color(o.Accent))
	}
	t.Glyphs = Glyphs{Selected: "▶", OK: "●", Warn: "▲", Error: "✗", Paused: "‖", Running: "◌", Unknown: "?", Skipped: "–", Marked: "✓"}
	if o.ASCII {
		t.Glyphs = Glyphs{Selected: ">", OK: "o", Warn: "!", Error: "x", Paused: "=", Running: "~", Unknown: "?", Skipped: "-", Marked: "*"}
	}
	return t
}
