package keymap

// The screens' own keys, one set per screen, passed in like Global (no
// package state) and overridable from the config file as "<screen>.<name>".

// Marks mark rows for a bulk pause/activate (p/a then act on every marked
// flow). k9s users expect space to mark and ctrl+\ to clear; every screen
// with marks has its own copy, so an override names the screen
// ("flows.mark"). Affected marks every flow the credential of the row
// breaks (B: the capital of b, the blast radius it marks).
type Marks struct{ Mark, Matching, Affected, Clear Action }

// Flows are the flows tree's keys.
type Flows struct {
	Toggle, Expand, Collapse Action
	PauseOne, ActivateOne    Action // mutate: one resource of the flow
	SortNext, SortFlip       Action
	Marks                    Marks
	// IssuesOnly shows only the flows the health check says have issues
	// (and those it has not judged yet: never a hidden failure).
	IssuesOnly Action
}

// Resources are the resource tables' keys. Probe and Blast apply to the
// credentials table only.
type Resources struct {
	SortNext, SortFlip Action
	Probe, Blast       Action
	Marks              Marks
}

// Health are the health overview's keys.
type Health struct{ Marks Marks }

// Blast are the blast radius screen's keys (a credential's or a shared
// nexset's flows).
type Blast struct{ Marks Marks }

// Detail are the detail view's keys. Probe and Blast apply to a
// credential (Blast also to a nexset); Logs to a flow, source, nexset or
// destination.
type Detail struct{ Raw, Wrap, Focus, Access, Probe, Blast, Logs Action }

// Runbook are the runbook's keys. Mark picks runs of the run table to
// compare; Zoom gives the detail pane the whole screen; Save writes the
// report to a file.
type Runbook struct {
	Focus, Level, Wrap, Stamps, Follow, Probe, Access Action
	Mark, Zoom, Save, Prev, Next                      Action
}

// Logs are the logs screen's keys.
type Logs struct{ Level, Wrap, Stamps, Follow, Window, From, Zoom Action }

// Access are the accessors pane's keys: grant, change the role, revoke
// (each confirmed; refused in read-only).
type Access struct{ Grant, Change, Revoke Action }

// Notifications are the notifications screen's keys.
type Notifications struct{ Level Action }

// Screens holds every screen's key set.
type Screens struct {
	Flows         Flows
	Resources     Resources
	Health        Health
	Blast         Blast
	Detail        Detail
	Runbook       Runbook
	Logs          Logs
	Access        Access
	Notifications Notifications
}

func defaultMarks() Marks {
	return Marks{
		Mark:     act("mark/unmark", "space"),
		Matching: act("mark all shown (the filter's matches)", "M"),
		Affected: act("mark blast radius", "B"),
		Clear:    actShown("ctrl+\\/U", "clear marks", "ctrl+\\", "U"),
	}
}

// DefaultScreens returns the screens' default keys.
func DefaultScreens() Screens {
	return Screens{
		Flows: Flows{
			// space marks (k9s); the tree folds with z (vim's za), →/l and ←/h.
			Toggle:      act("expand/collapse", "z"),
			Expand:      actShown("→/l", "expand", "right", "l"),
			Collapse:    actShown("←/h", "collapse", "left", "h"),
			PauseOne:    mutating(act("pause this resource only", "P")),
			ActivateOne: mutating(act("activate this resource only", "A")),
			SortNext:    act("sort flows", "s"),
			SortFlip:    act("reverse sort", "S"),
			Marks:       defaultMarks(),
			IssuesOnly:  act("only issues", "i"),
		},
		Resources: Resources{SortNext: act("sort by next column", "s"), SortFlip: act("reverse sort", "S"),
			Probe: act("probe credential", "e"), Blast: act("blast radius", "b"), Marks: defaultMarks()},
		Health: Health{Marks: defaultMarks()},
		Blast:  Blast{Marks: defaultMarks()},
		Detail: Detail{Raw: act("raw JSON", "v"), Wrap: act("wrap lines", "w"), Focus: act("fields/related", "tab"),
			Access: act("who has access", "u"), Probe: act("probe credential", "e"), Blast: act("blast radius", "b"),
			Logs: act("logs", "L")},
		Access: Access{Grant: mutating(act("grant access", "+")), Change: mutating(act("change role", "e")),
			Revoke: mutating(act("revoke access", "-"))},
		Runbook: Runbook{
			Focus:  act("steps/detail", "tab", "enter"),
			Level:  act("severity", "s"),
			Wrap:   act("wrap", "w"),
			Stamps: act("timestamps", "T"),
			Follow: act("follow", "f"),
			Probe:  act("probe tree+sample", "e"),
			Access: act("who has access", "u"),
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
		Notifications: Notifications{Level: act("level", "l")},
	}
}

// IsZero is true for a Screens nobody filled (a test's Deps): screens then
// use the defaults.
func (s Screens) IsZero() bool { return len(s.Flows.Toggle.Keys()) == 0 }

// names names a screen's mark keys in its scope.
func (m *Marks) names(into map[string]*Action) map[string]*Action {
	into["mark"], into["mark_matching"], into["mark_clear"] = &m.Mark, &m.Matching, &m.Clear
	into["mark_affected"] = &m.Affected
	return into
}

// scopes names each screen's bindings for overrides and conflict checks.
func (s *Screens) scopes() map[string]map[string]*Action {
	f, r, d, rb, a, n, lg := &s.Flows, &s.Resources, &s.Detail, &s.Runbook, &s.Access, &s.Notifications, &s.Logs
	return map[string]map[string]*Action{
		"flows": f.Marks.names(map[string]*Action{"toggle": &f.Toggle, "expand": &f.Expand, "collapse": &f.Collapse,
			"pause_one": &f.PauseOne, "activate_one": &f.ActivateOne, "sort_next": &f.SortNext, "sort_flip": &f.SortFlip,
			"issues_only": &f.IssuesOnly}),
		"resources": r.Marks.names(map[string]*Action{"sort_next": &r.SortNext, "sort_flip": &r.SortFlip,
			"probe": &r.Probe, "blast": &r.Blast}),
		"health": s.Health.Marks.names(map[string]*Action{}),
		"blast":  s.Blast.Marks.names(map[string]*Action{}),
		"detail": {"raw": &d.Raw, "wrap": &d.Wrap, "focus": &d.Focus, "access": &d.Access, "probe": &d.Probe,
			"blast": &d.Blast, "logs": &d.Logs},
		"runbook": {"focus": &rb.Focus, "level": &rb.Level, "wrap": &rb.Wrap, "stamps": &rb.Stamps,
			"follow": &rb.Follow, "probe": &rb.Probe, "access": &rb.Access, "mark": &rb.Mark, "zoom": &rb.Zoom,
			"save": &rb.Save, "prev_link": &rb.Prev, "next_link": &rb.Next},
		"logs": {"level": &lg.Level, "wrap": &lg.Wrap, "stamps": &lg.Stamps, "follow": &lg.Follow,
			"window": &lg.Window, "from": &lg.From, "zoom": &lg.Zoom},
		"access":        {"grant": &a.Grant, "change": &a.Change, "revoke": &a.Revoke},
		"notifications": {"level": &n.Level},
	}
}
