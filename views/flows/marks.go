package flows

import (
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Marks on the tree are by flow: marking any node of a flow marks the
// flow, and every row of it shows the mark. With marks, p and a act on
// every marked flow at once (bulk.Ask); without, on the flow under the
// cursor as before.

// flowOf is the marked-flow form of node i's flow (from its origin row).
func (s *Screen) flowOf(i int) (viewkit.MarkedFlow, bool) {
	o := originIndex(s.nodes, i)
	if o < 0 || o >= len(s.nodes) {
		return viewkit.MarkedFlow{}, false
	}
	n := s.nodes[o]
	return viewkit.MarkedFlow{ID: n.FlowID, Name: n.FlowName, Status: n.Status}, n.FlowID > 0
}

// rowFlow is the flow id of a table row (its Data is the node index).
func (s *Screen) rowFlow(r *components.Row) int64 {
	if i, ok := r.Data.(int); ok && i >= 0 && i < len(s.nodes) {
		return s.nodes[i].FlowID
	}
	return 0
}

// markKey handles the mark keys, and p/a while flows are marked.
func (s *Screen) markKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := bulk.AskMarked(s.d, s.marks, msg); ok {
		return cmd, true
	}
	// The credential of the node under the cursor: a source's or a
	// destination's; a nexset row uses none, and says so.
	row := func() (nexla.ResourceType, int64, bool) { n, ok := s.current(); return n.RT, n.ID, ok }
	if cmd, ok := bulk.AffectedKey(s.d, s.loads.Ctx(), s.keys.Marks, msg, row); ok {
		return cmd, true
	}
	cur := func() (viewkit.MarkedFlow, bool) { return s.flowOf(s.currentIndex()) }
	shown := func() []viewkit.MarkedFlow {
		var out []viewkit.MarkedFlow
		seen := map[int64]bool{}
		s.table.EachShown(func(r *components.Row) {
			if i, ok := r.Data.(int); ok {
				if f, ok := s.flowOf(i); ok && !seen[f.ID] {
					seen[f.ID] = true
					out = append(out, f)
				}
			}
		})
		return out
	}
	return s.marks.MarkKey(s.keys.Marks, msg, s.table, cur, shown, s.nextFlow)
}

// nextFlow moves the cursor to the next row of another flow, so space
// pressed again marks the next flow, not a node of the same one.
func (s *Screen) nextFlow() {
	f, _ := s.flowOf(s.currentIndex())
	matched, _ := s.table.Counts()
	for k := s.table.Cursor() + 1; k < matched; k++ {
		s.table.SetCursor(k)
		if g, ok := s.flowOf(s.currentIndex()); ok && g.ID != f.ID {
			return
		}
	}
}

// refreshMarks takes the marked flows' names and statuses from a new load.
func (s *Screen) refreshMarks() {
	if s.marks.Len() == 0 {
		return
	}
	fresh := map[int64]viewkit.MarkedFlow{}
	for i := range s.nodes {
		if s.nodes[i].Parent < 0 {
			if f, ok := s.flowOf(i); ok {
				fresh[f.ID] = f
			}
		}
	}
	s.marks.Refresh(fresh)
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
