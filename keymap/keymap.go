// Package keymap holds the actions (key bindings with their help text and
// Mutates mark) as values passed to screens. User overrides from the config
// file are applied to a copy at start-up.
package keymap

// Global are the keys every screen shares.
type Global struct {
	Up, Down, PageUp, PageDown, Home, End Action
	Enter, Back, Quit, Help, Command      Action
	Filter, Refresh, Runbook              Action
	// Health opens the org health overview from any screen (`:health`).
	Health                           Action
	Pause, Activate, Confirm, Cancel Action
	CopyID, CopyName                 Action
	// OpenURL copies the selection's web console URL (the profile's ui_url).
	OpenURL Action
	// QuitRoot quits from the root screen only (q); elsewhere the key is the screen's.
	QuitRoot Action
}

// Default returns the default bindings.
func Default() Global {
	return Global{
		Up:       actShown("↑/k", "up", "up", "k"),
		Down:     actShown("↓/j", "down", "down", "j"),
		PageUp:   actShown("pgup", "page up", "pgup", "ctrl+b"),
		PageDown: actShown("pgdn", "page down", "pgdown", "ctrl+f"),
		Home:     actShown("g/home", "top", "home", "g"),
		End:      actShown("G/end", "bottom", "end", "G"),
		Enter:    act("open", "enter"),
		Back:     actShown("esc", "back", "esc", "backspace"),
		Quit:     act("quit", "ctrl+c"),
		Help:     act("help", "?"),
		Command:  act("command", ":"),
		Filter:   act("filter", "/"),
		Refresh:  act("refresh", "r"),
		Runbook:  act("troubleshoot", "t"),
		Health:   act("health", "H"),
		Pause:    mutating(act("pause", "p")),
		Activate: mutating(act("activate", "a")),
		// Confirm is a key no screen binds: a key meant for the screen
		// behind the dialog (y copies an id) must not confirm a mutation.
		Confirm:  act("confirm", "c"),
		Cancel:   actShown("n/esc", "cancel", "n", "esc"),
		CopyID:   act("copy id", "y"),
		CopyName: act("copy name", "Y"),
		OpenURL:  act("copy Nexla URL", "o"),
		QuitRoot: actShown("q", "quit (root)", "q"),
	}
}
