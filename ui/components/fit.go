package components

import (
	"strings"
	"unicode/utf8"

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
// padded with spaces. It truncates before any styling so escape sequences
// are never cut. Its cost is bounded by w, not by len(s) (see clipForCells):
// a 10 MB line in the raw JSON pager costs a frame what an 80-cell one does.
func Pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s, clipped := clipForCells(s, w)
	sw := ansi.StringWidth(s)
	switch {
	case sw > w:
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s) // a wide rune cut at the edge leaves a cell
	case clipped: // fewer than w cells in maxCellBytes*(w+1) bytes: a pile of combining marks
		s = ansi.Truncate(s, w-1, "") + "…"
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

// pad is Pad, for this package's own widgets.
func pad(s string, w int) string { return Pad(s, w) }

// maxCellBytes bounds the bytes one cell is given when a long line is
// clipped before measuring: far more than any real grapheme (4 bytes a rune,
// a few combining marks).
const maxCellBytes = 32

// clipForCells returns a prefix of s that still holds its first w+1 cells,
// cut at a rune boundary, so measuring and truncating it reads a bounded
// number of bytes; it reports whether it cut. A line holding an escape
// sequence in that prefix is styled by us, not raw API text, and is kept
// whole: cutting could split a sequence.
func clipForCells(s string, w int) (string, bool) {
	n := maxCellBytes * (w + 1)
	if len(s) <= n || strings.IndexByte(s[:n], 0x1b) >= 0 {
		return s, false
	}
	for i := 1; i < utf8.UTFMax && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	return s[:n], true
}
