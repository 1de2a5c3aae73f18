package ui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
)

// MaxClipboardSequence caps one OSC 52 sequence at 100,000 bytes: hterm
// (ChromeOS, the Secure Shell extension) drops longer ones, several
// terminals cap near it, and GNU screen must relay it in 768-byte chunks. That
// leaves 74,994 bytes of text (99,992 of base64 between "ESC]52;c;" and BEL),
// far above any id or name the shell copies; a longer text is refused rather
// than silently not copied.
const MaxClipboardSequence = 100_000

// MaxClipboardText is the longest text (bytes) whose OSC 52 sequence fits.
const MaxClipboardText = (MaxClipboardSequence - len("\x1b]52;c;\a")) / 4 * 3

// ClipboardTooBigError says a copy was refused for its size.
type ClipboardTooBigError struct{ Size int }

func (e *ClipboardTooBigError) Error() string {
	return fmt.Sprintf("not copied: %s is over the %s OSC 52 limit (terminals and multiplexers drop longer sequences)",
		byteSize(e.Size), byteSize(MaxClipboardText))
}

// ClipboardSequence is what the shell writes to copy text with OSC 52.
// Inside tmux it writes the plain sequence (taken by tmux when set-clipboard
// is on) and the same wrapped in tmux's passthrough (reaches the outer
// terminal when allow-passthrough is on), so one of the two works in either
// setup. GNU screen drops OSC 52, so there only its DCS passthrough, in
// chunks screen accepts, is written.
func (t Terminal) ClipboardSequence(text string) (string, error) {
	if len(text) > MaxClipboardText {
		return "", &ClipboardTooBigError{Size: len(text)}
	}
	seq := ansi.SetSystemClipboard(text)
	switch t.Mux {
	case MuxTmux:
		return seq + t.Passthrough(seq), nil
	case MuxScreen:
		return t.Passthrough(seq), nil
	}
	return seq, nil
}

// byteSize is n in B, KB or MB (1000-based, as people read file sizes).
func byteSize(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}
