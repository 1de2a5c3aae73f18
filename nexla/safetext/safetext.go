// Package safetext is the one sanitizer every API string passes through
// before it reaches a terminal: the TUI, the headless reports and the logs.
// A log line or a resource name can carry escape sequences (OSC 52 clipboard
// writes, title changes, cursor moves); none of them may reach the screen.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxField is the most bytes of one API string that Clean reads. A name,
// a status or a log line longer than this is cut with an ellipsis: whoever
// names a resource can make the name 10 MB long, and every cell, pane and
// report line that shows it would then cost a pass over 10 MB per frame.
// The whole value stays reachable in the detail's raw JSON view
// (CleanMultiline does not cut).
const MaxField = 4096

// Ellipsis marks a value cut for display.
const Ellipsis = "…"

// Clean removes escape sequences and control characters from s and keeps
// only its first MaxField bytes (then ending in Ellipsis). Tabs and newlines
// become one space. Invalid UTF-8 becomes U+FFFD. The result never contains
// a byte < 0x20, 0x7f, or a C1 control (U+0080..U+009F). Its cost is bounded
// by MaxField, whatever the length of s.
func Clean(s string) string {
	if len(s) <= MaxField {
		return clean(s, false)
	}
	return clean(s[:runeStartBefore(s, MaxField-len(Ellipsis))], false) + Ellipsis
}

// CleanUncut is Clean without the cut, for a value that leaves the screen
// whole (a copy to the clipboard): linear in len(s), never cached or drawn.
func CleanUncut(s string) string { return clean(s, false) }

// CleanMultiline is Clean but keeps '\n' and never cuts (for logs and JSON
// bodies shown in a pager, where the whole value must stay readable). It is
// linear in len(s).
func CleanMultiline(s string) string { return clean(s, true) }

// runeStartBefore backs n up to the start of the rune it falls in, so a cut
// there never splits a valid UTF-8 sequence (at most UTFMax-1 steps: in
// invalid UTF-8 the cut stays put and clean turns the stray bytes into U+FFFD).
func runeStartBefore(s string, n int) int {
	for i := 1; i < utf8.UTFMax && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	return n
}

func clean(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	// s[start:i] is a run of kept bytes, copied in one write when something
	// that is not kept follows: one copy per run, not one per rune.
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if kept(r, size, keepNewlines) {
			i += size
			continue
		}
		b.WriteString(s[start:i])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\t' || r == '\r' || r == '\n':
			b.WriteByte(' ')
			i += size
		default: // other controls, zero-width, bidi, unassigned and private-use runes are dropped
			i += size
		}
		start = i
	}
	b.WriteString(s[start:])
	return b.String()
}

// kept reports whether the rune r (of size bytes) is copied as is.
func kept(r rune, size int, keepNewlines bool) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return false
	case r == '\n':
		return keepNewlines
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return false
	case r == '\u200b' || r == '\u2028' || r == '\u2029' || r == '\ufeff' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
		return false // zero-width and bidi overrides can disguise text
	}
	// Unassigned and private-use runes are not kept.
	return unicode.IsPrint(r) || unicode.IsSpace(r) || unicode.Is(unicode.Mn, r)
}

// isPlain is the fast path: printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// skipEscape returns the index after the escape sequence whose ESC was at i-1.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-character sequences (ESC c, ESC 7, charset selections ESC ( B ...).
	if s[i] >= 0x20 && s[i] <= 0x2f && i+1 < len(s) {
		return i + 2
	}
	return i + 1
}

// skipCSI skips parameters and intermediates up to and including the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c > 0x3f && c < 0x40 {
			// malformed: stop at the control
			return i
		}
	}
	return i
}

// skipString skips an OSC/DCS/APC/PM/SOS body up to BEL, ST (ESC \) or C1 ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}
