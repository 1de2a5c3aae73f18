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
//
// It is linear in len(s): every byte is measured once and copied at most
// twice. (It used to cut a long word with ansi.Truncate/TruncateLeft, each a
// pass over the rest of the word: a 300 KB word took 19-26 s, a 10 MB name
// froze the runbook.)
func WrapText(s string, w int) string {
	if w <= 0 {
		return s
	}
	var out strings.Builder
	out.Grow(len(s) + len(s)/max(w, 1) + 1)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		wrapLine(&out, line, w)
	}
	return out.String()
}

// lineWriter builds one wrapped paragraph: the output line being filled
// (cur, curW cells) and the indent every continuation line starts with.
type lineWriter struct {
	out    *strings.Builder
	cur    strings.Builder
	curW   int
	indent string
}

func (l *lineWriter) flush() {
	l.out.WriteString(strings.TrimRight(l.cur.String(), " "))
	l.out.WriteByte('\n')
	l.cur.Reset()
	l.cur.WriteString(l.indent)
	l.curW = len(l.indent)
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
	l := &lineWriter{out: out, indent: indent, curW: len(indent)}
	l.cur.WriteString(indent)
	for word := range strings.SplitSeq(body, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case l.curW > len(indent) && l.curW+1+ww > w:
			l.flush()
		case l.curW > len(indent):
			l.cur.WriteByte(' ')
			l.curW++
		}
		// A word wider than the room left on a fresh line is cut hard, one
		// line's worth at a time from its front: the cut reads only the
		// bytes it keeps.
		for ww > w-l.curW && w-l.curW > 0 {
			head, headW := cutCells(word, w-l.curW)
			if headW == 0 || len(head) == len(word) {
				break // one grapheme wider than the room: it goes whole
			}
			l.cur.WriteString(head)
			word, ww = word[len(head):], ww-headW
			l.flush()
		}
		l.cur.WriteString(word)
		l.curW += ww
	}
	out.WriteString(strings.TrimRight(l.cur.String(), " "))
}

// cutCells returns the longest prefix of s at most n cells wide (escape
// sequences count zero and are never split) and its width; when the first
// grapheme alone is wider than n, that grapheme, so a cut always moves on.
// Its cost is the length of that prefix, not of s.
func cutCells(s string, n int) (head string, width int) {
	var state byte
	i := 0
	for i < len(s) {
		_, cw, size, st := ansi.DecodeSequence(s[i:], state, nil)
		if size == 0 || (width+cw > n && width > 0) {
			break
		}
		width += cw
		i += size
		state = st
	}
	return s[:i], width
}
