// Package keymap holds key bindings as values passed to screens. User
// overrides from the config file are applied to a copy at start-up.
package keymap

import "charm.land/bubbles/v2/key"

// Global are the keys every screen shares.
type Global struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Enter, Back, Quit, Help, Command      key.Binding
	Filter, Refresh, Runbook              key.Binding
	Pause, Activate, Confirm, Cancel      key.Binding
	CopyID, CopyName                      key.Binding
	// OpenURL copies the selection's web console URL (the profile's ui_url).
	OpenURL key.Binding
	// QuitRoot quits from the root screen only (q); elsewhere the key is the screen's.
	QuitRoot key.Binding
}

// Default returns the default bindings.
func Default() Global {
	return Global{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Command:  key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Runbook:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "troubleshoot")),
		Pause:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause")),
		Activate: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
		// Confirm is a key no screen binds: a key meant for the screen
		// behind the dialog (y copies an id) must not confirm a mutation.
		Confirm:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm")),
		Cancel:   key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
		CopyID:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy id")),
		CopyName: key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy name")),
		OpenURL:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "copy Nexla URL")),
		QuitRoot: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (root)")),
	}
}

// Mutates is true for a binding that changes the org (pause, activate): the
// shell confirms it and refuses it in read-only mode, and the footer dims it
// there.
func (g Global) Mutates(b key.Binding) bool {
	return sameKeys(b, g.Pause) || sameKeys(b, g.Activate)
}

func sameKeys(a, b key.Binding) bool {
	ak, bk := a.Keys(), b.Keys()
	if len(ak) != len(bk) || len(ak) == 0 {
		return false
	}
	for i := range ak {
		if ak[i] != bk[i] {
			return false
		}
	}
	return true
}
