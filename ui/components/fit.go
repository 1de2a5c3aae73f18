package components

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit is the one exact-size helper: s padded or truncated to exactly h lines
// of exactly w cells (the Screen contract for View). Lines are truncated
// with an ellipsis before any padding, so escape sequences are never cut.
func Fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.SplitN(s, "\n", h+1)
	var b strings.Builder
	b.Grow((w + 1) * h)
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(Pad(line, w))
	}
	return b.String()
}

// Pad fits one line to exactly w cells: truncated with an ellipsis, or
// padded with spaces.
func Pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// pad is Pad, for this package's own widgets.
func pad(s string, w int) string { return Pad(s, w) }
