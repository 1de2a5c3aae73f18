package keymap

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// bindings names every binding for config overrides (keys: {pause: ["P"]}).
func (g *Global) bindings() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &g.Up, "down": &g.Down, "page_up": &g.PageUp, "page_down": &g.PageDown,
		"home": &g.Home, "end": &g.End, "enter": &g.Enter, "back": &g.Back,
		"quit": &g.Quit, "help": &g.Help, "command": &g.Command, "filter": &g.Filter,
		"refresh": &g.Refresh, "runbook": &g.Runbook, "pause": &g.Pause,
		"activate": &g.Activate, "confirm": &g.Confirm, "cancel": &g.Cancel,
		"copy_id": &g.CopyID, "copy_name": &g.CopyName, "quit_root": &g.QuitRoot,
	}
}

// Names lists the binding names a config file may override.
func Names() []string {
	var g Global
	names := make([]string, 0, 20)
	for n := range g.bindings() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WithOverrides returns a copy of g with the named bindings replaced. The help
// text keeps its description and shows the new keys. An unknown name or an
// empty key list is an error that names the culprit; g is never modified.
func (g Global) WithOverrides(overrides map[string][]string) (Global, error) {
	out := g
	table := out.bindings()
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		keys := overrides[name]
		b, ok := table[name]
		if !ok {
			return g, fmt.Errorf("keys: unknown binding %q (known: %s)", name, strings.Join(Names(), ", "))
		}
		if len(keys) == 0 {
			return g, fmt.Errorf("keys: binding %q has no keys", name)
		}
		desc := b.Help().Desc
		*b = key.NewBinding(key.WithKeys(keys...), key.WithHelp(strings.Join(keys, "/"), desc))
	}
	return out, nil
}
