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
type Detail struct{ Raw, Wrap, Focus Action }

// Runbook are the runbook's keys.
type Runbook struct{ Focus, Level, Wrap, Stamps, Follow, Probe Action }

// Screens holds every screen's key set.
type Screens struct {
	Flows     Flows
	Resources Resources
	Detail    Detail
	Runbook   Runbook
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
		Detail:    Detail{Raw: act("raw JSON", "v"), Wrap: act("wrap lines", "w"), Focus: act("fields/related", "tab")},
		Runbook: Runbook{
			Focus:  act("steps/detail", "tab", "enter"),
			Level:  act("severity", "s"),
			Wrap:   act("wrap", "w"),
			Stamps: act("timestamps", "T"),
			Follow: act("follow", "f"),
			Probe:  act("probe tree+sample", "o"),
		},
	}
}

// IsZero is true for a Screens nobody filled (a test's Deps): screens then
// use the defaults.
func (s Screens) IsZero() bool { return len(s.Flows.Toggle.Keys()) == 0 }

// scopes names each screen's bindings for overrides and conflict checks.
func (s *Screens) scopes() map[string]map[string]*Action {
	f, r, d, rb := &s.Flows, &s.Resources, &s.Detail, &s.Runbook
	return map[string]map[string]*Action{
		"flows": {"toggle": &f.Toggle, "expand": &f.Expand, "collapse": &f.Collapse, "pause_one": &f.PauseOne,
			"activate_one": &f.ActivateOne, "sort_next": &f.SortNext, "sort_flip": &f.SortFlip},
		"resources": {"sort_next": &r.SortNext, "sort_flip": &r.SortFlip},
		"detail":    {"raw": &d.Raw, "wrap": &d.Wrap, "focus": &d.Focus},
		"runbook": {"focus": &rb.Focus, "level": &rb.Level, "wrap": &rb.Wrap, "stamps": &rb.Stamps,
			"follow": &rb.Follow, "probe": &rb.Probe},
	}
}
