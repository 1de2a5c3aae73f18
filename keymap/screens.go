package keymap

import "charm.land/bubbles/v2/key"

// The screens' own keys, one set per screen, passed in like Global (no
// package state) and overridable from the config file as "<screen>.<name>".

// Flows are the flows tree's keys.
type Flows struct {
	Toggle, Expand, Collapse key.Binding
	PauseOne, ActivateOne    key.Binding // mutate: one resource of the flow
	SortNext, SortFlip       key.Binding
}

// Resources are the resource tables' keys.
type Resources struct{ SortNext, SortFlip key.Binding }

// Detail are the detail view's keys.
type Detail struct{ Raw, Wrap, Focus, Logs key.Binding }

// Runbook are the runbook's keys. Mark picks runs of the run table to
// compare; Zoom gives the detail pane the whole screen; Save writes the
// report to a file.
type Runbook struct {
	Focus, Level, Wrap, Stamps, Follow, Probe key.Binding
	Mark, Zoom, Save, Prev, Next              key.Binding
}

// Logs are the logs screen's keys.
type Logs struct{ Level, Wrap, Stamps, Follow, Window, From, Zoom key.Binding }

// Screens holds every screen's key set.
type Screens struct {
	Flows     Flows
	Resources Resources
	Detail    Detail
	Runbook   Runbook
	Logs      Logs
}

func bind(help string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
}

// DefaultScreens returns the screens' default keys.
func DefaultScreens() Screens {
	return Screens{
		Flows: Flows{
			Toggle:      bind("expand/collapse", "space"),
			Expand:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "expand")),
			Collapse:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
			PauseOne:    bind("pause this resource only", "P"),
			ActivateOne: bind("activate this resource only", "A"),
			SortNext:    bind("sort flows", "s"),
			SortFlip:    bind("reverse sort", "S"),
		},
		Resources: Resources{SortNext: bind("sort by next column", "s"), SortFlip: bind("reverse sort", "S")},
		Detail: Detail{Raw: bind("raw JSON", "v"), Wrap: bind("wrap lines", "w"), Focus: bind("fields/related", "tab"),
			Logs: bind("logs", "L")},
		Runbook: Runbook{
			Focus:  bind("steps/detail", "tab", "enter"),
			Level:  bind("severity", "s"),
			Wrap:   bind("wrap", "w"),
			Stamps: bind("timestamps", "T"),
			Follow: bind("follow", "f"),
			Probe:  bind("probe tree+sample", "e"),
			Mark:   bind("mark run to compare", "space"),
			Zoom:   bind("zoom pane", "z"),
			Save:   bind("save report", "S"),
			Prev:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous link")),
			Next:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next link")),
		},
		Logs: Logs{
			Level:  bind("severity", "s"),
			Wrap:   bind("wrap", "w"),
			Stamps: bind("timestamps", "T"),
			Follow: bind("follow", "f"),
			Window: bind("window 1h/1d/1w", "W"),
			From:   bind("custom window", "F"),
			Zoom:   bind("zoom line", "z"),
		},
	}
}

// IsZero is true for a Screens nobody filled (a test's Deps): screens then
// use the defaults.
func (s Screens) IsZero() bool { return len(s.Flows.Toggle.Keys()) == 0 }

// Mutates is true for a screen key that changes the org.
func (s Screens) Mutates(b key.Binding) bool {
	return sameKeys(b, s.Flows.PauseOne) || sameKeys(b, s.Flows.ActivateOne)
}

// scopes names each screen's bindings for overrides and conflict checks.
func (s *Screens) scopes() map[string]map[string]*key.Binding {
	f, r, d, rb, lg := &s.Flows, &s.Resources, &s.Detail, &s.Runbook, &s.Logs
	return map[string]map[string]*key.Binding{
		"flows": {"toggle": &f.Toggle, "expand": &f.Expand, "collapse": &f.Collapse, "pause_one": &f.PauseOne,
			"activate_one": &f.ActivateOne, "sort_next": &f.SortNext, "sort_flip": &f.SortFlip},
		"resources": {"sort_next": &r.SortNext, "sort_flip": &r.SortFlip},
		"detail":    {"raw": &d.Raw, "wrap": &d.Wrap, "focus": &d.Focus, "logs": &d.Logs},
		"runbook": {"focus": &rb.Focus, "level": &rb.Level, "wrap": &rb.Wrap, "stamps": &rb.Stamps,
			"follow": &rb.Follow, "probe": &rb.Probe, "mark": &rb.Mark, "zoom": &rb.Zoom, "save": &rb.Save,
			"prev_link": &rb.Prev, "next_link": &rb.Next},
		"logs": {"level": &lg.Level, "wrap": &lg.Wrap, "stamps": &lg.Stamps, "follow": &lg.Follow,
			"window": &lg.Window, "from": &lg.From, "zoom": &lg.Zoom},
	}
}
