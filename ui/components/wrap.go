package components

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// WrapText wraps s to w cells at spaces only. ansi.Wrap also breaks at every
// hyphen, which splits dates ("2026-" / "11-22") and ids; here only a word
// wider than the whole line is cut. Continuation lines keep the line's own
// indent (up to half the width) so wrapped evidence stays under its bullet.
// Escape sequences from styling are preserved and not counted.
func WrapText(s string, w int) string {
	if w <= 0 {
		return s
	}
	var out strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		wrapLine(&out, line, w)
	}
	return out.String()
}

func wrapLine(out *strings.Builder, line string, w int) {
	if ansi.StringWidth(line) <= w {
		out.WriteString(line)
		return
	}
	body := strings.TrimLeft(line, " ")
	indent := line[:len(line)-len(body)]
	if len(indent) > w/2 {
		indent = ""
	}
	cur, curW := indent, len(indent)
	flush := func() {
		out.WriteString(strings.TrimRight(cur, " "))
		out.WriteByte('\n')
		cur, curW = indent, len(indent)
	}
	for _, word := range strings.Split(body, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case curW > len(indent) && curW+1+ww > w:
			flush()
		case curW > len(indent):
			cur += " "
			curW++
		}
		// A word wider than the room left on a fresh line is cut hard.
		for ww > w-curW && w-curW > 0 {
			room := w - curW
			cur += ansi.Truncate(word, room, "")
			word = ansi.TruncateLeft(word, room, "")
			ww = ansi.StringWidth(word)
			flush()
		}
		cur += word
		curW += ww
	}
	out.WriteString(strings.TrimRight(cur, " "))
}
