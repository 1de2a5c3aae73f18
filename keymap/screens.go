package keymap

// The screens' own keys, one set per screen, passed in like Global (no
// package state) and overridable from the config file as "<screen>.<name>".

// Flows are the flows tree's keys.
type Flows struct {
	Toggle, Expand, Collapse Action
	PauseOne, ActivateOne    Action // mutate: one resource of the flow
	SortNext, SortFlip       Action
}

// Resources are the resource tables' keys.
type Resources struct{ SortNext, SortFlip Action }

// Detail are the detail view's keys.
type Detail struct{ Raw, Wrap, Focus, Logs Action }

// Runbook are the runbook's keys. Mark picks runs of the run table to
// compare; Zoom gives the detail pane the whole screen; Save writes the
// report to a file.
type Runbook struct {
	Focus, Level, Wrap, Stamps, Follow, Probe Action
	Mark, Zoom, Save, Prev, Next              Action
}

// Logs are the logs screen's keys.
type Logs struct{ Level, Wrap, Stamps, Follow, Window, From, Zoom Action }

// Screens holds every screen's key set.
type Screens struct {
	Flows     Flows
	Resources Resources
	Detail    Detail
	Runbook   Runbook
	Logs      Logs
}

// DefaultScreens returns the screens' default keys.
func DefaultScreens() Screens {
	return Screens{
		Flows: Flows{
			Toggle:      act("expand/collapse", "space"),
			Expand:      actShown("→/l", "expand", "right", "l"),
			Collapse:    actShown("←/h", "collapse", "left", "h"),
			PauseOne:    mutating(act("pause this resource only", "P")),
			ActivateOne: mutating(act("activate this resource only", "A")),
			SortNext:    act("sort flows", "s"),
			SortFlip:    act("reverse sort", "S"),
		},
		Resources: Resources{SortNext: act("sort by next column", "s"), SortFlip: act("reverse sort", "S")},
		Detail: Detail{Raw: act("raw JSON", "v"), Wrap: act("wrap lines", "w"), Focus: act("fields/related", "tab"),
			Logs: act("logs", "L")},
		Runbook: Runbook{
			Focus:  act("steps/detail", "tab", "enter"),
			Level:  act("severity", "s"),
			Wrap:   act("wrap", "w"),
			Stamps: act("timestamps", "T"),
			Follow: act("follow", "f"),
			Probe:  act("probe tree+sample", "e"),
			Mark:   act("mark run to compare", "space"),
			Zoom:   act("zoom pane", "z"),
			Save:   act("save report", "S"),
			Prev:   actShown("←/h", "previous link", "left", "h"),
			Next:   actShown("→/l", "next link", "right", "l"),
		},
		Logs: Logs{
			Level:  act("severity", "s"),
			Wrap:   act("wrap", "w"),
			Stamps: act("timestamps", "T"),
			Follow: act("follow", "f"),
			Window: act("window 1h/1d/1w", "W"),
			From:   act("custom window", "F"),
			Zoom:   act("zoom line", "z"),
		},
	}
}

// IsZero is true for a Screens nobody filled (a test's Deps): screens then
// use the defaults.
func (s Screens) IsZero() bool { return len(s.Flows.Toggle.Keys()) == 0 }

// scopes names each screen's bindings for overrides and conflict checks.
func (s *Screens) scopes() map[string]map[string]*Action {
	f, r, d, rb, lg := &s.Flows, &s.Resources, &s.Detail, &s.Runbook, &s.Logs
	return map[string]map[string]*Action{
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
