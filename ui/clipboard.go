package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// ClipboardSequence is what the shell writes to copy text with OSC 52. Inside
// tmux it writes the plain sequence (taken by tmux when set-clipboard is on)
// and the same wrapped in tmux's DCS passthrough (reaches the outer terminal
// when allow-passthrough is on), so one of the two works in either setup.
func ClipboardSequence(text string, inTmux bool) string {
	seq := ansi.SetSystemClipboard(text)
	if inTmux {
		seq += ansi.TmuxPassthrough(seq)
	}
	return seq
}

// copyCmd writes the OSC 52 sequence through the program's output.
func copyCmd(text string, inTmux bool) tea.Cmd {
	return tea.Raw(ClipboardSequence(text, inTmux))
}
