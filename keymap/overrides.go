package keymap

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// bindings names every binding for config overrides (keys: {pause: ["P"]}).
func (g *Global) bindings() map[string]*Action {
	return map[string]*Action{
		"up": &g.Up, "down": &g.Down, "page_up": &g.PageUp, "page_down": &g.PageDown,
		"home": &g.Home, "end": &g.End, "enter": &g.Enter, "back": &g.Back,
		"quit": &g.Quit, "help": &g.Help, "command": &g.Command, "filter": &g.Filter,
		"refresh": &g.Refresh, "runbook": &g.Runbook, "health": &g.Health, "pause": &g.Pause,
		"activate": &g.Activate, "confirm": &g.Confirm, "cancel": &g.Cancel,
		"copy_id": &g.CopyID, "copy_name": &g.CopyName, "quit_root": &g.QuitRoot,
		"open_url": &g.OpenURL,
	}
}

// Keys are the global keys and every screen's, as the config file
// overrides them.
type Keys struct {
	Global  Global
	Screens Screens
}

// Defaults are the default keys.
func Defaults() Keys { return Keys{Global: Default(), Screens: DefaultScreens()} }

// all names every binding: "pause" for a global one, "flows.toggle" for a screen's.
func (k *Keys) all() map[string]*Action {
	out := k.Global.bindings()
	for scope, m := range k.Screens.scopes() {
		for n, b := range m {
			out[scope+"."+n] = b
		}
	}
	return out
}

// Names lists the binding names a config file may override.
func Names() []string {
	var k Keys
	return sortedNames(k.all())
}

// WithOverrides returns a copy of k with the named bindings replaced. The
// help text keeps its description and shows the new keys; the action keeps
// its Mutates mark. An unknown name,
// an empty key list, or an override whose key another binding of the same
// screen already uses is an error that names the culprits; k is never
// modified.
func (k Keys) WithOverrides(overrides map[string][]string) (Keys, error) {
	out := k
	table := out.all()
	for _, name := range sortedNames(overrides) {
		keys := overrides[name]
		b, ok := table[name]
		if !ok {
			return k, fmt.Errorf("keys: unknown binding %q (known: %s)", name, strings.Join(Names(), ", "))
		}
		if len(keys) == 0 {
			return k, fmt.Errorf("keys: binding %q has no keys", name)
		}
		b.Binding = key.NewBinding(key.WithKeys(keys...), key.WithHelp(strings.Join(keys, "/"), b.Help().Desc))
	}
	if err := out.conflict(overrides); err != nil {
		return k, err
	}
	return out, nil
}

// conflict reports two bindings that answer the same key where they are
// both live (one screen with the global keys; the confirm key against every
// key of the screen behind the dialog), when at least one of them was
// overridden: the defaults share keys on purpose (the runbook's enter
// toggles its panes).
func (k *Keys) conflict(overridden map[string][]string) error {
	global := k.Global.bindings()
	screens := k.Screens.scopes()
	check := func(a, b string, ba, bb *Action, where string) error {
		_, oa := overridden[a]
		_, ob := overridden[b]
		if !oa && !ob {
			return nil
		}
		if x, ok := shared(ba.Binding, bb.Binding); ok {
			return fmt.Errorf("keys: %q and %q both use %q on the %s", a, b, x, where)
		}
		return nil
	}
	for _, scope := range sortedNames(screens) {
		live := map[string]*Action{}
		for n, b := range global {
			if n != "confirm" && n != "cancel" { // the dialog's own: esc cancels there by design
				live[n] = b
			}
		}
		for n, b := range screens[scope] {
			live[scope+"."+n] = b
		}
		names := sortedNames(live)
		for i, a := range names {
			for _, b := range names[i+1:] {
				if err := check(a, b, live[a], live[b], scope+" screen"); err != nil {
					return err
				}
			}
			if err := check("confirm", a, global["confirm"], live[a], "confirm dialog over the "+scope+" screen"); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// shared is a key both bindings answer.
func shared(a, b key.Binding) (string, bool) {
	for _, x := range a.Keys() {
		for _, y := range b.Keys() {
			if x == y {
				return x, true
			}
		}
	}
	return "", false
}
