package viewkit

import (
	"cmp"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// MarkedFlow is one flow a screen has marked for a bulk pause/activate: its
// origin id, its name and its status as the screen last read it.
type MarkedFlow struct {
	ID     int64
	Name   string
	Status string
}

// Marks are the flows a screen has marked. Marks are by flow (origin id),
// whatever row they were made on: a bulk action pauses or activates whole
// flows, so every row of a marked flow shows the mark and the header counts
// flows. A screen's marks live and die with the screen.
type Marks struct{ flows map[int64]MarkedFlow }

// NewMarks is an empty set.
func NewMarks() *Marks { return &Marks{flows: map[int64]MarkedFlow{}} }

// Has is true when flow id is marked.
func (m *Marks) Has(id int64) bool { _, ok := m.flows[id]; return ok }

// Len is how many flows are marked.
func (m *Marks) Len() int { return len(m.flows) }

// Clear drops every mark.
func (m *Marks) Clear() { clear(m.flows) }

// Add marks f (again: its name and status are refreshed).
func (m *Marks) Add(f MarkedFlow) {
	if f.ID > 0 {
		m.flows[f.ID] = f
	}
}

// Toggle marks f, or unmarks it when it is marked.
func (m *Marks) Toggle(f MarkedFlow) {
	if m.Has(f.ID) {
		delete(m.flows, f.ID)
		return
	}
	m.Add(f)
}

// Refresh updates the name and status of the marked flows a new listing
// holds (fresh is by flow id); marks the listing no longer holds stay, so
// a flow that left the listing is never silently dropped from a batch.
func (m *Marks) Refresh(fresh map[int64]MarkedFlow) {
	for id := range m.flows {
		if f, ok := fresh[id]; ok {
			m.flows[id] = f
		}
	}
}

// Flows lists the marked flows by id.
func (m *Marks) Flows() []MarkedFlow {
	out := make([]MarkedFlow, 0, len(m.flows))
	for _, f := range m.flows {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b MarkedFlow) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// MarkKey handles the mark keys of a list screen: Mark toggles the flow
// under the cursor (cur) and moves down (advance), as k9s does; Matching marks the
// flows of every row shown (shown: the filter's matches, or every row);
// Clear drops them all. handled is false for any other key.
func (m *Marks) MarkKey(k keymap.Marks, msg tea.KeyPressMsg, t *components.Table,
	cur func() (MarkedFlow, bool), shown func() []MarkedFlow, advance func()) (cmd tea.Cmd, handled bool) {
	switch {
	case key.Matches(msg, k.Mark.Binding):
		f, ok := cur()
		if !ok || f.ID <= 0 {
			return ui.Toast(ui.ToastWarn, "this row belongs to no flow: marks are on flows"), true
		}
		m.Toggle(f)
		advance()
	case key.Matches(msg, k.Matching.Binding):
		before := m.Len()
		for _, f := range shown() {
			m.Add(f)
		}
		cmd = ui.Toast(ui.ToastInfo, "marked "+Count(m.Len()-before)+" more flows ("+Count(m.Len())+" marked)")
	case key.Matches(msg, k.Clear.Binding):
		if m.Len() == 0 {
			return nil, true
		}
		m.Clear()
		cmd = ui.Toast(ui.ToastInfo, "marks cleared")
	default:
		return nil, false
	}
	t.MarksChanged()
	return cmd, true
}

// MarkHelp is the marks' line of a screen's full help.
func MarkHelp(k keymap.Marks) []keymap.Action {
	return []keymap.Action{k.Mark, k.Matching, k.Affected, k.Clear}
}
