package runbook_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// The runbook reads the notifications of the resource where the newest run
// failed, once per flow, lists them in the failure-point step and cites the
// newest as evidence of the top finding (not as a finding of its own).
func TestRunbookShowsTheFailingResourcesAlerts(t *testing.T) {
	s, client := newSim(t, sim.Faults{})
	var sc sim.Scenario
	for _, c := range s.Scenarios() {
		if c.Key == "credential_expired" {
			sc = c
		}
	}
	api := &countingAPI{API: client}
	rep, _ := runbook.Diagnose(context.Background(), api, runbook.Target{RT: "flows", ID: sc.FlowID}, opts(s))
	if n := api.calls["notifications/0 list"]; n != 1 {
		t.Fatalf("%d notification reads for one flow, want 1", n)
	}
	fp := rep.Step(runbook.StepFailurePoint)
	details := strings.Join(fp.Details, "\n")
	if !strings.Contains(details, "notifications of source") || !strings.Contains(details, "ERROR") ||
		!strings.Contains(details, "failed in run") {
		t.Fatalf("failure point details lack the source's alerts:\n%s", details)
	}
	top := rep.Findings[0]
	if top.Cause != runbook.CauseCredentialExpired {
		t.Fatalf("top finding %s", top.Cause)
	}
	ev := strings.Join(top.Evidence, "\n")
	if !strings.Contains(ev, "alerted: ") || !strings.Contains(ev, "ERROR notifications of source") {
		t.Fatalf("top finding's evidence lacks the alert:\n%s", ev)
	}
	for _, f := range rep.Findings {
		if strings.Contains(strings.ToLower(f.Title()), "alert") || strings.Contains(strings.ToLower(f.Cause), "notif") {
			t.Fatalf("the alerts became a finding of their own: %+v", f)
		}
	}
}
