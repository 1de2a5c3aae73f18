package flows

import (
	"context"
	"fmt"
	"strings"
	"testing"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/health"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// healthOf is what `health` (the command) reads on the same org and clock.
func healthOf(t *testing.T, s *Screen) (rows []rb.FlowHealth, withIssues int) {
	t.Helper()
	rows, err := rb.Health(context.Background(), s.d.API, rb.HealthOptions{Options: rb.Options{Now: s.d.Now}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if !r.Healthy() {
			withIssues++
		}
	}
	return rows, withIssues
}

// The tree's header counts the same flows "with issues" as `health` and
// `:health` on the demo org (it said "9 failing" where health said 15).
func TestTreeCountsTheFlowsWithIssuesAsHealthDoes(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	_, want := healthOf(t, s)
	if want == 0 {
		t.Fatal("the demo org should have flows with issues, or this test proves nothing")
	}
	line := statusLine(s)
	if !strings.Contains(line, fmt.Sprintf("· %d with issues", want)) || strings.Contains(line, "failing") {
		t.Fatalf("tree header %q, health counts %d with issues", line, want)
	}
	// :health on the same session reads the same check: same number, no new check.
	d := s.d
	d.Health = s.share
	h := health.New(d)
	h.SetSize(160, 48)
	viewtest.Feed(t, h, h.Init())
	first, _, _ := strings.Cut(viewtest.Plain(h.View()), "\n")
	if !strings.Contains(first, fmt.Sprintf("%d with issues", want)) {
		t.Fatalf(":health header %q, tree %q", first, line)
	}
	if s.share.Current(api) != s.health.check {
		t.Fatal(":health started a second check instead of sharing the tree's")
	}
}

// The tree opens on the worst flow, in :health's order.
func TestTreeOpensRankedWorstFirst(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 80, 24, api)
	rows, _ := healthOf(t, s)
	origins := originsOnScreen(s)
	if n, _ := s.current(); s.table.Cursor() != 0 || n.FlowID != rows[0].FlowID {
		t.Fatalf("the cursor should open on the worst flow %d (%s), got %+v", rows[0].FlowID, rows[0].Name, n)
	}
	for i, r := range rows {
		if origins[i].FlowID != r.FlowID {
			t.Fatalf("row %d: tree has flow %d (%s), health %d (%s)", i, origins[i].FlowID, origins[i].FlowName, r.FlowID, r.Name)
		}
	}
	if strings.Contains(statusLine(s), " by ") {
		t.Fatalf("the default order needs no label: %q", statusLine(s))
	}
}

// The node a flow's latest run failed at carries ✗, "failing" and its
// errors; the runbook's failure point says "failing at" the same node.
func TestFailingNodeIsMarkedInsideItsFlow(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	var marked []treeNode
	for _, n := range s.nodes {
		if n.Depth > 0 && n.FailErrors > 0 {
			marked = append(marked, n)
		}
	}
	if len(marked) == 0 {
		t.Fatal("the demo org has flows failing past their source; none is marked")
	}
	n := marked[0]
	rep, _ := rb.Diagnose(context.Background(), api, rb.Target{RT: "flows", ID: n.FlowID}, rb.Options{Now: s.d.Now})
	if sum := rep.Steps[0].Summary; !strings.Contains(sum, "failing at") || !strings.Contains(sum, fmt.Sprintf("(id %d)", n.ID)) {
		t.Fatalf("the tree marks %s (id %d); the runbook says: %s", n.Label(), n.ID, sum)
	}
	for _, line := range strings.Split(viewtest.Plain(s.View()), "\n") {
		if strings.Contains(line, n.Name) {
			if !strings.Contains(line, "✗ "+kindTag(n.RT)) || !strings.Contains(line, "failing") || !strings.Contains(line, errorCount(n.FailErrors)) {
				t.Fatalf("the failing node's row should read ✗ … failing … %d: %q", n.FailErrors, line)
			}
			return
		}
	}
	t.Fatalf("%s not on screen", n.Label())
}

// Stale and paused flows read as such, in words, without colour.
func TestStaleAndPausedFlowsSaySo(t *testing.T) {
	_, d := viewtest.IncidentOrg(t, false)
	s := New(d)
	s.SetSize(160, 48)
	viewtest.Feed(t, s, s.Init())
	words := map[string]bool{}
	for _, i := range s.roots {
		w, _, _ := s.verdict(&s.nodes[i])
		words[w] = true
	}
	for _, w := range []string{"stale", "paused", "failing", "ok"} {
		if !words[w] {
			t.Errorf("no flow reads %q: %v", w, words)
		}
	}
}

// i shows only the flows with issues (the number the header gives), i again
// every flow.
func TestIssuesOnlyToggle(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	all := len(originsOnScreen(s))
	viewtest.Press(t, s, "i")
	only := originsOnScreen(s)
	if len(only) != s.health.snap.WithIssues || len(only) >= all {
		t.Fatalf("only issues: %d flows shown, %d with issues, %d in all", len(only), s.health.snap.WithIssues, all)
	}
	for _, n := range only {
		if h, ok := s.health.row(n.FlowID); ok && h.Healthy() {
			t.Fatalf("a healthy flow under \"only issues\": %s", n.FlowName)
		}
	}
	if !strings.Contains(statusLine(s), "only issues") {
		t.Fatalf("the header should say the tree is filtered: %q", statusLine(s))
	}
	viewtest.Press(t, s, "i")
	if got := len(originsOnScreen(s)); got != all {
		t.Fatalf("i again shows every flow: %d of %d", got, all)
	}
}

// A flow whose newest runs succeeded after failures reads "recovered"
// with the OK glyph, not "critical 5/10".
func TestRecoveredFlowSaysRecovered(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, 80, 24)
	s.applyHealth(rb.HealthSnapshot{Complete: true, Version: 99, Rows: []rb.FlowHealth{
		{FlowID: 100, Status: "ACTIVE", Cause: rb.CauseSomeFailedRuns, Severity: rb.SeverityInfo, Trend: rb.TrendRecovered},
	}})
	var orders treeNode
	for _, n := range s.nodes {
		if n.FlowID == 100 && n.Depth == 0 {
			orders = n
		}
	}
	word, glyph, _ := s.verdict(&orders)
	if word != "recovered" || glyph != s.th.Glyphs.OK {
		t.Fatalf("recovered flow reads %q %q", word, glyph)
	}
	if !strings.Contains(viewtest.Plain(s.View()), "recovered") {
		t.Fatalf("the word should be on screen:\n%s", viewtest.Plain(s.View()))
	}
}

// Before the check has judged every flow the header says so: never a
// count that reads like a healthy org.
func TestHeaderSaysCheckingUntilEveryFlowIsJudged(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := New(viewtest.Deps(api))
	s.SetSize(80, 24)
	for _, m := range viewtest.Run(s.Init()) {
		if _, ok := m.(flowsLoadedMsg); ok {
			s.Update(m) // the tree's load only; no snapshot of the check yet
		}
	}
	if line := statusLine(s); !strings.Contains(line, "checking…") || strings.Contains(line, "with issues") {
		t.Fatalf("header before the check is complete: %q", line)
	}
	s.applyHealth(rb.HealthSnapshot{Total: 36, Checked: 20, Version: 1})
	if line := statusLine(s); !strings.Contains(line, "checked 20 / 36 · checking…") {
		t.Fatalf("header while checking: %q", line)
	}
}

// Once the tree has opened on the worst flow, a later check (a refresh)
// that ranks another flow first does not move the cursor off its flow.
func TestRefreshDoesNotMoveTheCursorAfterOpening(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	worst, _ := s.current()
	snap := s.health.snap
	rows := append([]rb.FlowHealth(nil), snap.Rows...)
	rows[0], rows[1] = rows[1], rows[0] // another flow now ranks first
	snap.Rows, snap.Version = rows, snap.Version+1
	s.applyHealth(snap)
	if n, _ := s.current(); n.FlowID != worst.FlowID {
		t.Fatalf("the cursor moved from flow %d to %d on a re-rank", worst.FlowID, n.FlowID)
	}
	if first := originsOnScreen(s)[0]; first.FlowID != rows[0].FlowID {
		t.Fatalf("the tree should follow the new order: first %d, want %d", first.FlowID, rows[0].FlowID)
	}
}
