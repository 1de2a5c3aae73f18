package runbook_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// TestHealthCallsStayWithinTheBudget checks a generated org of 3,000 flows
// (1% failing): the overview must cost at most its org-level reads (listing
// pages, org health pages, the dashboard) plus 6 calls per flow with issues,
// and every failing generated flow must be among the flows with issues.
func TestHealthCallsStayWithinTheBudget(t *testing.T) {
	e, c, cc := countedOrg(t, sim.Options{ExtraFlows: 3000, ExtraFailing: 0.01})
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	hc := runbook.StartHealth(ctx, c, runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	rows, err := hc.Wait()
	if err != nil {
		t.Fatal(err)
	}
	snap := hc.Snapshot()
	if len(rows) < 3000 || !snap.Complete || snap.Checked != snap.Total {
		t.Fatalf("%d rows, checked %d of %d, complete %v", len(rows), snap.Checked, snap.Total, snap.Complete)
	}
	failing := 0
	for _, r := range rows {
		if r.Trend == runbook.TrendFailing && !r.Healthy() {
			failing++
		}
	}
	if failing < 30 {
		t.Errorf("%d failing flows with issues, want the 30 generated ones at least (triage: %s)", failing, snap.Triage)
	}
	listing, calls := cc.listing.Load(), cc.total()
	budget := listing + 6*int64(snap.WithIssues)
	t.Logf("%d calls (%d org-level), %d with issues, budget %d; %s", calls, listing, snap.WithIssues, budget, snap.Triage)
	if calls > budget {
		t.Errorf("%d calls > %d org-level + 6 x %d with issues", calls, listing, snap.WithIssues)
	}
}

// TestHealthFallsBackWithoutOrgHealth: a server without the org-level
// endpoints (404) still gets a complete, correct overview, every flow read
// one by one, and the snapshot says so.
func TestHealthFallsBackWithoutOrgHealth(t *testing.T) {
	e, c, _ := countedOrg(t, sim.Options{NoOrgHealth: true})
	hc := runbook.StartHealth(context.Background(), c, runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	rows, err := hc.Wait()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	snap := hc.Snapshot()
	if snap.Triage == "" || !strings.Contains(snap.Triage, "HTTP 404") || !strings.Contains(snap.Triage, "every flow read one by one") {
		t.Errorf("triage note %q does not say the org health was missing", snap.Triage)
	}
	for _, r := range rows {
		if r.Triage {
			t.Fatalf("flow %d judged from the triage alone without org health", r.FlowID)
		}
	}
	if snap.WithIssues == 0 {
		t.Error("no flow with issues in the incident org")
	}
}

// TestRefreshDuringACheckDoesNotRestartIt: a check started while another
// runs waits for it (never cancels it), and reuses its rows: the second
// check of an unchanged org makes no calls beyond the org-level reads.
func TestRefreshDuringACheckDoesNotRestartIt(t *testing.T) {
	e, c, cc := countedOrg(t, sim.Options{ExtraFlows: 500, ExtraFailing: 0.02})
	o := runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}}
	first := runbook.StartHealth(context.Background(), c, o)
	o.Previous = first
	second := runbook.StartHealth(context.Background(), c, o) // the refresh, while the first runs
	rows1, err := first.Wait()
	if err != nil {
		t.Fatal(err)
	}
	deep1 := cc.deep.Load()
	if s := first.Snapshot(); !s.Complete || s.Checked != s.Total {
		t.Fatalf("the first check did not finish: %d of %d", s.Checked, s.Total)
	}
	rows2, err := second.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows1) != len(rows2) {
		t.Fatalf("%d rows then %d", len(rows1), len(rows2))
	}
	if extra := cc.deep.Load() - deep1 - 1; extra > 0 { // 1: the second check's WhoAmI for the dashboard
		t.Errorf("the refresh re-read %d flows' details though nothing changed", extra)
	}
	if a, b := first.Snapshot().WithIssues, second.Snapshot().WithIssues; a != b || a == 0 {
		t.Errorf("with issues: %d then %d", a, b)
	}
}

// TestHealthModelPerScenario: the recency verdict of each demo scenario's
// row, from the triage path (org health + dashboard) with the real client.
func TestHealthModelPerScenario(t *testing.T) {
	e, c, _ := countedOrg(t, sim.Options{})
	rows, err := runbook.Health(context.Background(), c, runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	if err != nil {
		t.Fatal(err)
	}
	byFlow := map[int64]runbook.FlowHealth{}
	for _, r := range rows {
		byFlow[r.FlowID] = r
	}
	for _, sc := range e.Sim.Scenarios() {
		r := byFlow[sc.FlowID]
		t.Logf("%-26s trend=%-10s last=%-7s failed=%d partial=%d share=%s healthy=%v triage=%v paused=%q stale-after=%s (%s)",
			sc.Key, r.Trend, r.LastOutcome, r.Failed, r.Partial, runbook.SharePct(r.ErrorShare), r.Healthy(), r.Triage, r.PausedBy, r.StaleAfter, r.StaleFrom)
		switch sc.Key {
		case runbook.CauseHealthy:
			if r.Trend != runbook.TrendHealthy || !r.Healthy() || !r.Triage {
				t.Errorf("healthy flow: trend %s, healthy %v, from triage %v", r.Trend, r.Healthy(), r.Triage)
			}
		case runbook.CauseCredentialExpired, runbook.CauseSchemaMismatch:
			if r.Trend != runbook.TrendFailing || r.LastOutcome != runbook.OutcomeFailed || r.Healthy() {
				t.Errorf("%s: trend %s, last %s", sc.Key, r.Trend, r.LastOutcome)
			}
		case runbook.CauseRateLimited, runbook.CauseNetworkTimeout:
			if r.LastOutcome != runbook.OutcomePartial || r.Partial == 0 || r.ErrorShare >= 0.5 {
				t.Errorf("%s: partial runs must stay partial: last %s, %d partial, share %s", sc.Key, r.LastOutcome, r.Partial, runbook.SharePct(r.ErrorShare))
			}
		case runbook.CauseFlowNotRunning:
			if r.PausedBy == "" || r.PausedAt.IsZero() {
				t.Errorf("paused flow: who paused it (%q) and when (%s) missing", r.PausedBy, r.PausedAt)
			}
		}
	}
}
