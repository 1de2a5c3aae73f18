package detail

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nexla-tui/nexla-tui/keymap"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// The detail view's doors to the issue-13 panes: u who has access (any
// resource), o probe a credential now, b the blast radius of a credential
// (the flows it breaks) or of a nexset (the flows that consume it).

// actionKey handles those keys; handled is false for any other.
func (s *Screen) actionKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, s.keys.Access.Binding):
		return ui.Navigate(ui.Route{Kind: ui.RouteAccess, RT: s.rt, ID: s.id}), true
	case key.Matches(msg, s.keys.Probe.Binding) && s.rt == nexla.DataCredentials:
		return viewkit.ProbeCmd(s.d.API, s.loads.Ctx(), s.id), true
	case key.Matches(msg, s.keys.Blast.Binding) && (s.rt == nexla.DataCredentials || s.rt == nexla.DataSets):
		return ui.Navigate(ui.Route{Kind: ui.RouteBlast, RT: s.rt, ID: s.id}), true
	}
	return nil, false
}

// actionHelp are the keys of actionKey that apply to this resource.
func (s *Screen) actionHelp() []keymap.Action {
	switch s.rt {
	case nexla.DataCredentials:
		return []keymap.Action{s.keys.Probe, s.keys.Blast, s.keys.Access}
	case nexla.DataSets:
		return []keymap.Action{s.keys.Blast, s.keys.Access}
	}
	return []keymap.Action{s.keys.Access}
}
