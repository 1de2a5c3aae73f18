package runbook_test

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// The session's screens share one check: Current is the same check for
// every caller, a refresh while it runs keeps it (never a second one), and
// a refresh after it is done starts the next, which reuses its rows (no
// run-summary call for an unchanged flow).
func TestHealthShareKeepsOneCheck(t *testing.T) {
	e, c, cc := countedOrg(t, sim.Options{})
	share := runbook.NewHealthShare(runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	defer share.Close()
	first := share.Current(c)
	if share.Current(c) != first || share.Refresh(c) != first {
		t.Fatal("a second caller, or a refresh while the check runs, started another check")
	}
	if _, err := first.Wait(); err != nil {
		t.Fatal(err)
	}
	before := first.Snapshot()
	cc.deep.Store(0)
	next := share.Refresh(c)
	if next == first || share.Current(c) != next {
		t.Fatal("a refresh after the check is done should start the next one, and Current follow it")
	}
	if _, err := next.Wait(); err != nil {
		t.Fatal(err)
	}
	after := next.Snapshot()
	if after.WithIssues != before.WithIssues || after.Total != before.Total {
		t.Fatalf("same org, different counts: %d/%d then %d/%d", before.WithIssues, before.Total, after.WithIssues, after.Total)
	}
	if n := cc.deep.Load(); n >= int64(before.DeepCalls) && before.DeepCalls > 0 {
		t.Fatalf("the next check re-read unchanged flows: %d deep calls, the first made %d", n, before.DeepCalls)
	}
}
