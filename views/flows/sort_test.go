package flows

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// originsOnScreen lists the origin nodes in the order the table shows them.
func originsOnScreen(s *Screen) []treeNode {
	var out []treeNode
	for _, r := range s.table.Rows() {
		if n := s.nodes[r.Data.(int)]; n.Depth == 0 {
			out = append(out, n)
		}
	}
	return out
}

// sortedWorstFirst says whether origins are already in the "by errors" order.
func sortedWorstFirst(origins []treeNode) bool {
	for k := 1; k < len(origins); k++ {
		a, b := origins[k-1], origins[k]
		if a.Problem < b.Problem || (a.Problem == b.Problem && a.Errors < b.Errors) {
			return false
		}
	}
	return true
}

// s cycles name -> errors -> last run: "errors" brings the flows whose last
// run failed to the top, worst first, each with its whole subtree under it.
func TestSortBringsFailingFlowsToTheTop(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	if sortedWorstFirst(originsOnScreen(s)) {
		t.Fatal("the server's order is already worst first, so this test proves nothing")
	}
	viewtest.Press(t, s, "s") // the first sort on-call reaches for: worst first
	if !strings.Contains(viewtest.Plain(s.View()), "by errors") {
		t.Fatalf("the status line should name the sort:\n%s", viewtest.Plain(s.View()))
	}
	origins := originsOnScreen(s)
	if origins[0].Problem != problemError || origins[0].Errors == 0 {
		t.Fatalf("first flow should be failing: %+v", origins[0])
	}
	for k := 1; k < len(origins); k++ {
		a, b := origins[k-1], origins[k]
		if a.Problem < b.Problem || (a.Problem == b.Problem && a.Errors < b.Errors) {
			t.Fatalf("flows out of order at %d: %s (%d, %d errors) before %s (%d, %d errors)",
				k, a.FlowName, a.Problem, a.Errors, b.FlowName, b.Problem, b.Errors)
		}
	}
	// Subtrees travel with their origin: every row after an origin until the
	// next origin belongs to the same flow.
	flow := int64(0)
	for _, r := range s.table.Rows() {
		n := s.nodes[r.Data.(int)]
		if n.Depth == 0 {
			flow = n.FlowID
		} else if n.FlowID != flow {
			t.Fatalf("node %d of flow %d is listed under flow %d", n.NodeID, n.FlowID, flow)
		}
	}
	if got := s.table.Rows(); len(got) != len(s.nodes) {
		t.Fatalf("sorting lost rows: %d of %d", len(got), len(s.nodes))
	}
	viewtest.Press(t, s, "S")
	if first := originsOnScreen(s)[0]; first.Problem != problemNone {
		t.Fatalf("S reverses: healthy flows first, got %+v", first)
	}
}

func TestSortByNameAndLastRun(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	viewtest.Press(t, s, "G", "s", "s", "s") // errors, last run, name
	origins := originsOnScreen(s)
	for k := 1; k < len(origins); k++ {
		if strings.ToLower(origins[k-1].FlowName) > strings.ToLower(origins[k].FlowName) {
			t.Fatalf("name sort: %q before %q", origins[k-1].FlowName, origins[k].FlowName)
		}
	}
	if n, _ := s.current(); s.table.Cursor() != 0 || n.NodeID != origins[0].NodeID {
		t.Fatalf("after a sort the cursor goes to the first flow, got row %d", s.table.Cursor())
	}
	viewtest.Press(t, s, "s", "s", "s", "s") // server order, health, errors, then last run
	origins = originsOnScreen(s)
	ran := func(n treeNode) bool { return !n.LastRunAt.IsZero() }
	for k := 1; k < len(origins); k++ {
		a, b := origins[k-1], origins[k]
		if ran(a) && ran(b) && a.LastRunAt.After(b.LastRunAt) || !ran(a) && ran(b) {
			t.Fatalf("last-run sort (oldest first, never-run last): %s (%v) before %s (%v)", a.FlowName, a.LastRunAt, b.FlowName, b.LastRunAt)
		}
	}
	viewtest.Press(t, s, "s", "s")
	if strings.Contains(viewtest.Plain(s.View()), " by ") {
		t.Fatal("s after the name sort returns to the server's order")
	}
}

// An origin shows its flow's health verdict (glyph and word), and the
// status line counts the flows with issues as the health check does; before
// the check reaches a flow, its origin shows the worst problem of its nodes
// (a rate-limited nexset makes an otherwise healthy flow a warning).
func TestOriginCarriesTheWorstProblemOfItsFlow(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	api.Flows.Flows[1].Status = nexla.StatusActive
	api.Flows.Flows[1].Children[0].Status = nexla.StatusRateLimited
	s := loaded(t, api, 80, 24)
	var billing treeNode
	for _, n := range s.nodes {
		if n.Depth == 0 && n.FlowName == "billing" {
			billing = n
		}
	}
	if billing.Problem != problemWarn {
		t.Fatalf("billing origin should carry the nexset's rate limit as a warning: %+v", billing)
	}
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "✗ billing · src billing-pg") || !strings.Contains(v, "✗ orders · src orders-s3") ||
		!strings.Contains(v, "degrading") {
		t.Fatalf("origin glyphs and words should show the flows' verdicts:\n%s", v)
	}
	if !strings.Contains(v, "RATE_LIM") || !strings.Contains(v, "2 with issues") {
		t.Fatalf("narrow status text and the count of flows with issues:\n%s", v)
	}
	s.health = verdicts{} // before the check: the worst problem of the flow's nodes
	s.invalidateRows()
	if v := viewtest.Plain(s.View()); !strings.Contains(v, "▲ billing · src billing-pg") {
		t.Fatalf("without a verdict the origin shows its nodes' worst problem:\n%s", v)
	}
	// A paused node in an active flow is a warning; a paused flow is "paused".
	nodes := []treeNode{{Depth: 0, Status: "ACTIVE", Subtree: 1, Parent: -1}, {Depth: 1, Status: "PAUSED", Parent: 0}}
	markProblems(nodes)
	if nodes[0].Problem != problemWarn || nodes[1].Problem != problemPaused {
		t.Fatalf("partly paused flow: %+v", nodes)
	}
	nodes[0].Status = "PAUSED"
	markProblems(nodes)
	if nodes[0].Problem != problemPaused {
		t.Fatalf("paused flow: %+v", nodes[0])
	}
}

// The name column takes the slack: at the 72 columns the main pane gets in
// a 120-column terminal, a 27-character source name is shown whole on its
// origin row (it was cut at 20 before).
func TestNameColumnTakesTheSlack(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	long := "Vendor Invoices (GDrive) EU"
	api.Flows.Flows[0].Name = "" // an unnamed flow goes by its source
	for i := range api.Flows.DataSources {
		if api.Flows.DataSources[i].ID == api.Flows.Flows[0].DataSourceID {
			api.Flows.DataSources[i].Name = long
		}
	}
	s := loaded(t, api, 72, 20)
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "src "+long+" ") {
		t.Fatalf("a %d-char name should fit at 72 columns:\n%s", len(long), v)
	}
	for _, w := range []int{40, 56, 80, 96, 130} {
		s.SetSize(w, 10)
		viewtest.CheckSize(t, s.View(), w, 10)
	}
	// Counts stay within 4 cells so the ERR column never touches the border.
	for n, want := range map[int64]string{0: "0", 9999: "9999", 45_600: "45k", 104_250: "104k", 12_500_000: "12M", 500_000_000: ">99M"} {
		if got := errorCount(n); got != want {
			t.Errorf("errorCount(%d) = %q, want %q", n, got, want)
		}
	}
}
