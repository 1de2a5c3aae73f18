package resources

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Marks on a source, nexset or destination table mark the flow the row
// belongs to (bulk actions change whole flows); every row of a marked flow
// shows the mark. On the credentials table a row is no flow: space and M
// say so, and B marks every flow the credential under the cursor breaks
// (the header counts them; p/a act on them), as B does on a source or
// destination row for the credential it uses.

func (s *Screen) rowFlow(r *components.Row) int64 {
	if i, ok := r.Data.(int); ok && i >= 0 && i < len(s.recs) {
		return s.recs[i].FlowID
	}
	return 0
}

func flowOfRecord(r record) viewkit.MarkedFlow {
	// The flow's name is not in a resource listing: the dialog names the
	// flow by id, and the batch reads it before sending anything.
	return viewkit.MarkedFlow{ID: r.FlowID}
}

// markKey handles the mark keys, p/a while flows are marked, and the
// credentials table's probe and blast radius keys.
func (s *Screen) markKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := bulk.AskMarked(s.d, s.marks, msg); ok {
		return cmd, true
	}
	row := func() (nexla.ResourceType, int64, bool) { r, ok := s.current(); return s.rt, r.ID, ok }
	if cmd, ok := bulk.AffectedKey(s.d, s.loads.Ctx(), s.keys.Marks, msg, row); ok {
		return cmd, true
	}
	if s.rt == nexla.DataCredentials {
		return s.credentialKey(msg)
	}
	cur := func() (viewkit.MarkedFlow, bool) {
		r, ok := s.current()
		return flowOfRecord(r), ok
	}
	shown := func() []viewkit.MarkedFlow {
		var out []viewkit.MarkedFlow
		s.table.EachShown(func(row *components.Row) {
			if i, ok := row.Data.(int); ok && i >= 0 && i < len(s.recs) && s.recs[i].FlowID > 0 {
				out = append(out, flowOfRecord(s.recs[i]))
			}
		})
		return out
	}
	return s.marks.MarkKey(s.keys.Marks, msg, s.table, cur, shown, func() { s.table.Move(1) })
}

// credentialKey: o probes the credential under the cursor, b opens the
// flows it breaks; U clears the marks B made; space, M and p/a without
// marks say where to go instead.
func (s *Screen) credentialKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	r, ok := s.current()
	switch {
	case key.Matches(msg, s.keys.Probe.Binding) && ok:
		return viewkit.ProbeCmd(s.d.API, s.loads.Ctx(), r.ID), true
	case key.Matches(msg, s.keys.Blast.Binding) && ok:
		return ui.Navigate(ui.Route{Kind: ui.RouteBlast, RT: nexla.DataCredentials, ID: r.ID}), true
	case key.Matches(msg, s.keys.Marks.Clear.Binding):
		// Clear reads no row: MarkKey needs none of the row callbacks.
		return s.marks.MarkKey(s.keys.Marks, msg, s.table, nil, nil, nil)
	case key.Matches(msg, s.keys.Marks.Mark.Binding), key.Matches(msg, s.keys.Marks.Matching.Binding),
		key.Matches(msg, s.d.Keys.Pause.Binding), key.Matches(msg, s.d.Keys.Activate.Binding):
		return ui.Toast(ui.ToastInfo, "a credential is not paused or activated: "+s.keys.Marks.Affected.Help().Key+
			" marks every flow it breaks, "+s.keys.Blast.Help().Key+" lists them"), true
	}
	return nil, false
}

// onAffected marks the flows a credential breaks (bulk.AffectedKey's answer).
func (s *Screen) onAffected(msg bulk.AffectedMsg) tea.Cmd {
	cmd := bulk.ApplyAffected(s.marks, msg)
	s.table.MarksChanged()
	return cmd
}

// Marked is the header's count of marked flows.
func (s *Screen) Marked() int { return s.marks.Len() }

var _ ui.Marker = (*Screen)(nil)
