package runbook_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
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

// A refresh reuses an unchanged flow's row only while it still holds: with
// no new run the triage key is the same, but a flow that has passed its
// staleness threshold since must read stale, not the "ok" of the check
// before (the clock moves three days; the org does not run meanwhile).
func TestRefreshDoesNotKeepARowThatWentStale(t *testing.T) {
	e, c, _ := countedOrg(t, sim.Options{})
	var ahead atomic.Int64
	now := func() time.Time { return e.Sim.Now().Add(time.Duration(ahead.Load())) }
	share := runbook.NewHealthShare(runbook.HealthOptions{Options: runbook.Options{Now: now}})
	defer share.Close()
	first, err := share.Current(c).Wait()
	if err != nil {
		t.Fatal(err)
	}
	stale := func(rows []runbook.FlowHealth) (n int) {
		for _, r := range rows {
			if r.Stale {
				n++
			}
		}
		return n
	}
	ahead.Store(int64(72 * time.Hour))
	next, err := share.Refresh(c).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if b, a := stale(first), stale(next); a <= b+len(first)/2 {
		t.Fatalf("three days without a run: %d stale flows before, %d after (of %d): rows judged before were kept", b, a, len(next))
	}
}

// A row whose runs could not be read is read again by the next refresh,
// never kept as "unknown" until the flow's next run.
func TestRefreshReadsAgainARowThatCouldNotBeRead(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	sc := e.Scenario(t, "credential_expired")
	p := e.Faulty(t, simtest.Unavailable, fmt.Sprintf("/data_sources/%d/", sc.SourceID))
	c := p.Client(t)
	share := runbook.NewHealthShare(runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	defer share.Close()
	rowOf := func(rows []runbook.FlowHealth) runbook.FlowHealth {
		for _, r := range rows {
			if r.FlowID == sc.FlowID {
				return r
			}
		}
		t.Fatalf("flow %d is not in the overview", sc.FlowID)
		return runbook.FlowHealth{}
	}
	first, err := share.Current(c).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if r := rowOf(first); r.Err == "" {
		t.Fatalf("the fault did not reach the flow's deep read: %+v", r)
	}
	p.Set(simtest.NoFault, "")
	next, err := share.Refresh(c).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if r := rowOf(next); r.Err != "" || r.Word() != "failing" {
		t.Fatalf("after the fault: %q (err %q), want failing", r.Word(), r.Err)
	}
}
