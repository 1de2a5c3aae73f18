package flows

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// selectNode puts the cursor on the tree row of resource (rt, id).
func selectNode(t *testing.T, s *Screen, rt nexla.ResourceType, id int64) {
	t.Helper()
	for i := range s.nodes {
		if s.nodes[i].RT == rt && s.nodes[i].ID == id && s.table.SelectKey(s.nodes[i].rowKey) {
			return
		}
	}
	t.Fatalf("no visible row of %s %d", rt.Singular(), id)
}

// B on a destination that authenticates with the demo's credential 3005
// marks the 14 flows it breaks (from one flows listing, off Update), and
// every row of those flows shows the mark; p asks one confirmation for
// them. B on a nexset row marks nothing and says why.
func TestAffectedKeyOnTreeMarksTheFlowsOfTheNodesCredential(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	selectNode(t, s, nexla.DataSinks, 500005)
	out := viewtest.Press(t, s, "B")
	if len(out) != 1 || !strings.Contains(out[0].(ui.ToastMsg).Text, "marked 14 flows that credential 3005 breaks") || s.Marked() != 14 {
		t.Fatalf("B: %d marked, %#v", s.Marked(), out)
	}
	if !s.marks.Has(s.nodes[s.currentIndex()].FlowID) {
		t.Fatal("the flow of the row B was pressed on is not marked")
	}
	m, ok := viewtest.Press(t, s, "p")[0].(ui.MutateMsg)
	if !ok || !strings.HasPrefix(m.Mutation.Confirm.Title, "Pause 14 flows") {
		t.Fatalf("p after B: %#v", m)
	}
	viewtest.Press(t, s, "U")
	for i := range s.nodes {
		if s.nodes[i].RT == nexla.DataSets && s.nodes[i].Parent >= 0 && s.table.SelectKey(s.nodes[i].rowKey) {
			break
		}
	}
	out = viewtest.Press(t, s, "B")
	if len(out) != 1 || !strings.Contains(out[0].(ui.ToastMsg).Text, "nexset uses no credential") || s.Marked() != 0 {
		t.Fatalf("B on a nexset: %d marked, %#v", s.Marked(), out)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("marking and asking sent %+v", got)
	}
}
