package keymap

import "charm.land/bubbles/v2/key"

// The screens' own keys, one set per screen, passed in like Global (no
// package state) and overridable from the config file as "<screen>.<name>".

// Marks mark rows for a bulk pause/activate (p/a then act on every marked
// flow). k9s users expect space to mark and ctrl+\ to clear; every screen
// with marks has its own copy, so an override names the screen
// ("flows.mark").
type Marks struct{ Mark, Matching, Clear key.Binding }

// Flows are the flows tree's keys.
type Flows struct {
	Toggle, Expand, Collapse key.Binding
	PauseOne, ActivateOne    key.Binding // mutate: one resource of the flow
	SortNext, SortFlip       key.Binding
	Marks                    Marks
}

// Resources are the resource tables' keys. Probe and Blast apply to the
// credentials table only.
type Resources struct {
	SortNext, SortFlip key.Binding
	Probe, Blast       key.Binding
	Marks              Marks
}

// Health are the health overview's keys.
type Health struct{ Marks Marks }

// Blast are the blast radius screen's keys (a credential's or a shared
// nexset's flows).
type Blast struct{ Marks Marks }

// Detail are the detail view's keys. Probe and Blast apply to a
// credential (Blast also to a nexset).
type Detail struct{ Raw, Wrap, Focus, Access, Probe, Blast key.Binding }

// Runbook are the runbook's keys.
type Runbook struct{ Focus, Level, Wrap, Stamps, Follow, Probe, Access key.Binding }

// Access are the accessors pane's keys: grant, change the role, revoke
// (each confirmed; refused in read-only).
type Access struct{ Grant, Change, Revoke key.Binding }

// Screens holds every screen's key set.
type Screens struct {
	Flows     Flows
	Resources Resources
	Health    Health
	Blast     Blast
	Detail    Detail
	Runbook   Runbook
	Access    Access
}

func bind(help string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
}

func defaultMarks() Marks {
	return Marks{
		Mark:     bind("mark/unmark", "space"),
		Matching: bind("mark all shown (the filter's matches)", "M"),
		Clear:    key.NewBinding(key.WithKeys("ctrl+\\", "U"), key.WithHelp("ctrl+\\/U", "clear marks")),
	}
}

// DefaultScreens returns the screens' default keys.
func DefaultScreens() Screens {
	return Screens{
		Flows: Flows{
			// space marks (k9s); the tree folds with z (vim's za), →/l and ←/h.
			Toggle:      bind("expand/collapse", "z"),
			Expand:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "expand")),
			Collapse:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
			PauseOne:    bind("pause this resource only", "P"),
			ActivateOne: bind("activate this resource only", "A"),
			SortNext:    bind("sort flows", "s"),
			SortFlip:    bind("reverse sort", "S"),
			Marks:       defaultMarks(),
		},
		Resources: Resources{SortNext: bind("sort by next column", "s"), SortFlip: bind("reverse sort", "S"),
			Probe: bind("probe credential", "o"), Blast: bind("blast radius", "b"), Marks: defaultMarks()},
		Health: Health{Marks: defaultMarks()},
		Blast:  Blast{Marks: defaultMarks()},
		Detail: Detail{Raw: bind("raw JSON", "v"), Wrap: bind("wrap lines", "w"), Focus: bind("fields/related", "tab"),
			Access: bind("who has access", "u"), Probe: bind("probe credential", "o"), Blast: bind("blast radius", "b")},
		Access: Access{Grant: bind("grant access", "+"), Change: bind("change role", "e"), Revoke: bind("revoke access", "-")},
		Runbook: Runbook{
			Focus:  bind("steps/detail", "tab", "enter"),
			Level:  bind("severity", "s"),
			Wrap:   bind("wrap", "w"),
			Stamps: bind("timestamps", "T"),
			Follow: bind("follow", "f"),
			Probe:  bind("probe tree+sample", "o"),
			Access: bind("who has access", "u"),
		},
	}
}

// IsZero is true for a Screens nobody filled (a test's Deps): screens then
// use the defaults.
func (s Screens) IsZero() bool { return len(s.Flows.Toggle.Keys()) == 0 }

// Mutates is true for a screen key that changes the org.
func (s Screens) Mutates(b key.Binding) bool {
	return sameKeys(b, s.Flows.PauseOne) || sameKeys(b, s.Flows.ActivateOne) ||
		sameKeys(b, s.Access.Grant) || sameKeys(b, s.Access.Change) || sameKeys(b, s.Access.Revoke)
}

// marks names a screen's mark keys in its scope.
func (m *Marks) names(into map[string]*key.Binding) map[string]*key.Binding {
	into["mark"], into["mark_matching"], into["mark_clear"] = &m.Mark, &m.Matching, &m.Clear
	return into
}

// scopes names each screen's bindings for overrides and conflict checks.
func (s *Screens) scopes() map[string]map[string]*key.Binding {
	f, r, d, rb, a := &s.Flows, &s.Resources, &s.Detail, &s.Runbook, &s.Access
	return map[string]map[string]*key.Binding{
		"flows": f.Marks.names(map[string]*key.Binding{"toggle": &f.Toggle, "expand": &f.Expand, "collapse": &f.Collapse,
			"pause_one": &f.PauseOne, "activate_one": &f.ActivateOne, "sort_next": &f.SortNext, "sort_flip": &f.SortFlip}),
		"resources": r.Marks.names(map[string]*key.Binding{"sort_next": &r.SortNext, "sort_flip": &r.SortFlip,
			"probe": &r.Probe, "blast": &r.Blast}),
		"health": s.Health.Marks.names(map[string]*key.Binding{}),
		"blast":  s.Blast.Marks.names(map[string]*key.Binding{}),
		"detail": {"raw": &d.Raw, "wrap": &d.Wrap, "focus": &d.Focus, "access": &d.Access, "probe": &d.Probe, "blast": &d.Blast},
		"runbook": {"focus": &rb.Focus, "level": &rb.Level, "wrap": &rb.Wrap, "stamps": &rb.Stamps,
			"follow": &rb.Follow, "probe": &rb.Probe, "access": &rb.Access},
		"access": {"grant": &a.Grant, "change": &a.Change, "revoke": &a.Revoke},
	}
}
