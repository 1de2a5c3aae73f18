package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// NotificationSequence is the bytes of one desktop notification in the
// terminal's protocol (see DetectTerminal): OSC 9 or OSC 777 wrapped for the
// multiplexer, a plain BEL (tmux and screen forward it themselves), or
// nothing when notifications are off. Text is sanitized so it cannot end the
// sequence.
func (t Terminal) NotificationSequence(title, body string) string {
	// ";" separates OSC 777 fields, and "9;<digit>;" starts a ConEmu command
	// in OSC 9, so neither text may carry one.
	title = strings.ReplaceAll(safetext.Clean(title), ";", ",")
	body = strings.ReplaceAll(safetext.Clean(body), ";", ",")
	switch t.Notify {
	case NotifyBell:
		return "\a"
	case NotifyOSC9:
		return t.Passthrough(fmt.Sprintf("\x1b]9;%s: %s\x07", title, body))
	case NotifyOSC777:
		return t.Passthrough(fmt.Sprintf("\x1b]777;notify;%s;%s\x07", title, body))
	}
	return ""
}

// NotifyCmd is a Cmd writing one notification through the program's output.
func (t Terminal) NotifyCmd(title, body string) tea.Cmd {
	seq := t.NotificationSequence(title, body)
	if seq == "" {
		return nil
	}
	return tea.Raw(seq)
}
