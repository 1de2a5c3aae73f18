package flows

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The simulator's demo org through the real client: goldens at both sizes.
func TestGoldenSimulatorDemoOrg(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	for _, sz := range viewtest.Sizes {
		s := loaded(t, nil, sz.W, sz.H, api)
		viewtest.GoldenFrame(t, "sim", sz.W, sz.H, s.View())
	}
}

// Pausing a flow end to end: confirm, the real PUT, and the simulator
// reports the flow paused; the reloaded tree shows it.
func TestPauseFlowAgainstSimulator(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	var flowID int64
	for i := range s.nodes { // the first active flow
		if s.nodes[i].Depth == 0 && s.nodes[i].Status == nexla.StatusActive {
			flowID = s.nodes[i].FlowID
			s.table.SelectKey(s.nodes[i].rowKey)
			break
		}
	}
	if flowID == 0 {
		t.Fatal("the demo org should have an active flow")
	}
	m := viewtest.Press(t, s, "p")[0].(ui.MutateMsg).Mutation
	call := viewtest.Confirm(t, s, m)
	out := viewtest.Feed(t, s, call)
	if toast, _ := out[0].(ui.ToastMsg); toast.Level != ui.ToastInfo {
		t.Fatalf("pause should succeed: %#v", out)
	}
	if got := sm.FlowStatus(flowID); got != nexla.StatusPaused {
		t.Fatalf("simulator says flow %d is %q", flowID, got)
	}
	if n, _ := s.current(); n.FlowID != flowID || n.Status != nexla.StatusPaused {
		t.Fatalf("the reloaded row should show PAUSED: %+v", n)
	}
	if !strings.Contains(viewtest.Plain(s.View()), "PAUSED") {
		t.Fatal("view should show the paused flow")
	}
}

// Read-only through the real client: the key explains, nothing is sent.
func TestReadOnlyClientRefusesAgainstSimulator(t *testing.T) {
	sm, api := viewtest.Sim(t, true)
	s := loaded(t, nil, 80, 24, api)
	sel, _ := s.Selected()
	out := viewtest.Press(t, s, "p")
	if text, ok := viewtest.Refusal(ui.Deps{API: api}, out); !ok || !strings.Contains(text, "read-only") {
		t.Fatalf("read-only client: %#v", out)
	}
	if sm.FlowStatus(sel.FlowID) == nexla.StatusPaused {
		t.Fatal("nothing may change")
	}
}

// The flows listing carries the access role: with "owner" the flow shared
// with the caller (permission_denied scenario) is gone, with the default
// "collaborator" it is in the tree.
func TestFlowsListingSendsAccessRole(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	var shared int64
	for _, sc := range sm.Scenarios() {
		if sc.Key == "permission_denied" {
			shared = sc.FlowID
		}
	}
	has := func(s *Screen) bool {
		for _, n := range s.nodes {
			if n.FlowID == shared {
				return true
			}
		}
		return false
	}
	if s := loaded(t, nil, 160, 48, api); shared == 0 || !has(s) {
		t.Fatalf("flow %d (shared as collaborator) is missing from the tree", shared)
	}
	d := viewtest.Deps(api)
	d.AccessRole = "owner"
	s := New(d)
	s.SetSize(160, 48)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded || has(s) {
		t.Fatalf("access_role=owner must hide flow %d (loaded %v, err %v)", shared, s.loaded, s.err)
	}
}

// A run id is an epoch-ms start: the preview names it as an id after the
// time it stands for, never "Last run: 1796189954475 22m ago", which reads
// as a timestamp (issue 12, Time).
func TestPreviewNamesTheLastRunIDAsAnID(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	s.table.SetCursor(0)
	p := viewtest.Plain(s.Preview())
	line := ""
	for _, l := range strings.Split(p, "\n") {
		if strings.HasPrefix(l, "Last run:") {
			line = l
		}
	}
	if !strings.Contains(line, " ago (run id ") || strings.Contains(line, "Last run: 1") {
		t.Fatalf("the last run line reads %q in:\n%s", line, p)
	}
}
