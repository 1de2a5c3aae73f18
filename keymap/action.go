package keymap

import "charm.land/bubbles/v2/key"

// Action is one thing a key does, declared once in Default or
// DefaultScreens: its keys and help text (the binding) and whether it
// changes the org. The shell reads Mutates, and only Mutates, to refuse the
// action in read-only mode, to dim it in the footer with "(read-only)" and
// to mark it in help: nothing compares key names to learn what a key does.
type Action struct {
	key.Binding
	// Mutates marks an action that changes the org (pause, activate): the
	// shell refuses it in read-only mode and confirms it otherwise.
	Mutates bool
}

// act declares an action whose help names its first key.
func act(desc string, keys ...string) Action {
	return actShown(keys[0], desc, keys...)
}

// actShown declares an action whose help shows helpKey ("↑/k").
func actShown(helpKey, desc string, keys ...string) Action {
	return Action{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))}
}

// mutating marks a declared action as one that changes the org.
func mutating(a Action) Action {
	a.Mutates = true
	return a
}
