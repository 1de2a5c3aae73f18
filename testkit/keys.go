package testkit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Key builds the message a terminal sends for k: a named key ("enter",
// "esc", "tab", "space", "up", "pgdown", "home", "ctrl+c"...) or one
// printable character (a capital comes with shift, as terminals send it).
func Key(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if code, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	if k == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	c := []rune(k)[0]
	if c >= 'A' && c <= 'Z' {
		return tea.KeyPressMsg{Code: c + ('a' - 'A'), ShiftedCode: c, Mod: tea.ModShift, Text: k}
	}
	return tea.KeyPressMsg{Code: c, Text: k}
}

// Run executes cmd and every Cmd it batches, returning the leaf messages in
// order. It stops descending at depth 8 so a re-arming tick cannot loop
// forever.
func Run(cmd tea.Cmd) []tea.Msg { return run(cmd, 0) }

func run(cmd tea.Cmd, depth int) []tea.Msg {
	if cmd == nil || depth > 8 {
		return nil
	}
	msg := cmd()
	switch m := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, run(c, depth+1)...)
		}
		return out
	case nil:
		return nil
	}
	return []tea.Msg{msg}
}
