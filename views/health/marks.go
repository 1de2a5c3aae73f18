package health

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Each health row is one flow: marks are on its id. p and a pause or
// activate the marked flows, or the flow under the cursor when none is
// marked, through the one bulk confirmation.

func flowOfRow(r *components.Row) (viewkit.MarkedFlow, bool) {
	h, ok := r.Data.(*rb.FlowHealth)
	if !ok || h.FlowID <= 0 {
		return viewkit.MarkedFlow{}, false
	}
	return viewkit.MarkedFlow{ID: h.FlowID, Name: h.Name, Status: h.Status}, true
}

// markKey handles the mark keys and p/a.
func (s *Screen) markKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	g := s.d.Keys
	cur := func() (viewkit.MarkedFlow, bool) {
		r, ok := s.table.SelectedRow()
		if !ok {
			return viewkit.MarkedFlow{}, false
		}
		return flowOfRow(&r)
	}
	if cmd, ok := bulk.AskMarked(s.d, s.marks, msg); ok {
		return cmd, true
	}
	if key.Matches(msg, g.Pause.Binding) || key.Matches(msg, g.Activate.Binding) {
		pause := key.Matches(msg, g.Pause.Binding)
		if f, ok := cur(); ok {
			return bulk.Ask(s.d, pause, "under the cursor", []viewkit.MarkedFlow{f}), true
		}
		return nil, true
	}
	// A health row is a flow: the credential it stands for is the one its
	// sources and destinations use, or the only failing one of several.
	row := func() (nexla.ResourceType, int64, bool) { f, ok := cur(); return nexla.Flows, f.ID, ok }
	if cmd, ok := bulk.AffectedKey(s.d, s.loads.Ctx(), s.d.ScreenKeys.Health.Marks, msg, row); ok {
		return cmd, true
	}
	shown := func() []viewkit.MarkedFlow {
		var out []viewkit.MarkedFlow
		s.table.EachShown(func(r *components.Row) {
			if f, ok := flowOfRow(r); ok {
				out = append(out, f)
			}
		})
		return out
	}
	return s.marks.MarkKey(s.d.ScreenKeys.Health.Marks, msg, s.table, cur, shown, func() { s.table.Move(1) })
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
