package runbook_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

func scenarioOf(t *testing.T, s *sim.Sim, key string) sim.Scenario {
	t.Helper()
	for _, sc := range s.Scenarios() {
		if sc.Key == key {
			return sc
		}
	}
	t.Fatalf("no scenario %q", key)
	return sim.Scenario{}
}

func reportOf(t *testing.T, c nexla.API, id int64, o runbook.Options) *runbook.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, f := runbook.Diagnose(ctx, c, runbook.Target{RT: nexla.Flows, ID: id}, o)
	if err := f.Err("flow"); err != nil {
		t.Fatal(err)
	}
	return r
}

// The high-error-rate flow fails in three ways (an upstream 503, a parse
// error, a sink deadlock): the finding and the logs step list every shape
// with its count, runs and first/last seen, not one example and a number.
func TestEveryErrorShapeIsListedWithCounts(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	r := reportOf(t, c, scenarioOf(t, s, "high_error_rate").FlowID, opts(s))
	if r.Top().Cause != runbook.CauseHighErrorRate {
		t.Fatalf("top cause %s", r.Top().Cause)
	}
	shape := regexp.MustCompile(`^\d+× ERROR at (SOURCE|DATASET|SINK), first \d{4}-\d\d-\d\d \d\d:\d\d, last \d{4}-\d\d-\d\d \d\d:\d\d \(in \d+ of the last 10 runs\): "`)
	for _, want := range []string{"503 Service Unavailable", "unexpected end of JSON input", "deadlock detected"} {
		found := false
		for _, ev := range r.Top().Evidence {
			found = found || (shape.MatchString(ev) && strings.Contains(ev, want))
		}
		if !found {
			t.Errorf("the finding's evidence lacks the %q shape with its counts:\n%s", want, strings.Join(r.Top().Evidence, "\n"))
		}
		inStep := false
		for _, d := range r.Step(runbook.StepLogs).Details {
			inStep = inStep || (shape.MatchString(strings.TrimSpace(d)) && strings.Contains(d, want))
		}
		if !inStep {
			t.Errorf("the logs step lacks the %q shape:\n%s", want, strings.Join(r.Step(runbook.StepLogs).Details, "\n"))
		}
	}
}

// The engineer's own pause and activate, made after the failures began,
// are listed apart after the other changes: the transform change that broke
// Stripe Payments stays first, marked nearest before the first failure.
func TestYourOwnChangesDoNotPushTheCauseOff(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	sc := scenarioOf(t, s, "transform_error")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, _, err := c.PauseFlow(ctx, sc.FlowID, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.ActivateFlow(ctx, sc.FlowID, false); err != nil {
			t.Fatal(err)
		}
	}
	for name, o := range map[string]runbook.Options{"doctor (no session)": opts(s), "TUI session": {Now: s.Now, SessionStart: s.Now().Add(-time.Minute)}} {
		r := reportOf(t, c, sc.FlowID, o)
		if len(r.Changes) < 7 {
			t.Fatalf("%s: %d changes", name, len(r.Changes))
		}
		first := r.Changes[0]
		if !first.Nearest || first.Resource.ID != sc.NexsetID || !strings.Contains(strings.Join(first.Fields, ","), "transform") {
			t.Errorf("%s: first change %+v, want the transform change of nexset %d", name, first, sc.NexsetID)
		}
		yours := 0
		for i, ch := range r.Changes {
			if ch.Yours {
				yours++
				continue
			}
			if yours > 0 {
				t.Errorf("%s: change %d (%s) after your own changes", name, i, ch.Event)
			}
		}
		if yours < 6 {
			t.Errorf("%s: %d of your 6 pause/activate changes grouped apart", name, yours)
		}
		details := strings.Join(r.Step(runbook.StepConfig).Details, "\n")
		cause := strings.Index(details, "update (transform)")
		apart := strings.Index(details, "your own changes")
		if cause < 0 || apart < cause || !strings.Contains(details, `"amount": "decimal(required)"`) {
			t.Errorf("%s: configuration step:\n%s", name, details)
		}
	}
}

// Advice names people: the owner of the flow the caller may not operate,
// and whoever paused the flow that does not run.
func TestAdviceNamesPeople(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	r := reportOf(t, c, scenarioOf(t, s, "permission_denied").FlowID, opts(s))
	var note runbook.Finding
	for _, f := range r.Findings {
		if f.Cause == runbook.CausePermissionDenied {
			note = f
		}
	}
	if !strings.Contains(note.Fix, "ask Priya Natarajan (priya.natarajan@acme-retail.example), the flow's owner") {
		t.Errorf("permission advice does not name the owner: %q", note.Fix)
	}
	r = reportOf(t, c, scenarioOf(t, s, "flow_not_running").FlowID, opts(s))
	if !strings.Contains(r.Top().Fix, "ask priya.natarajan@acme-retail.example, who changed its status") {
		t.Errorf("not-running advice does not name who paused it: %q", r.Top().Fix)
	}
}

// Run ids are never printed where a time is meant ("last run 1796166148983
// 1h ago"), in any scenario's report.
func TestRunIDsAreNotPrintedAsTimes(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	idThenTime := regexp.MustCompile(`\b1\d{12}\b,? (\d+ (s|min|h|days) ago|just now|at \d{4}-)`)
	for _, sc := range s.Scenarios() {
		r := reportOf(t, c, sc.FlowID, opts(s))
		var b bytes.Buffer
		if err := runbook.WriteMarkdown(&b, r); err != nil {
			t.Fatal(err)
		}
		if m := idThenTime.FindString(b.String()); m != "" {
			t.Errorf("%s: a run id reads as a time: %q", sc.Key, m)
		}
	}
}

// A credential swap shows which credentials, by id, and nothing else: the
// HR source moved onto a credential the caller may not read, just before
// its runs began to fail.
func TestCredentialSwapShowsIDs(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	sc := scenarioOf(t, s, "credential_unreadable")
	r := reportOf(t, c, sc.FlowID, opts(s))
	if len(r.Changes) == 0 || !r.Changes[0].Nearest {
		t.Fatalf("no change marked nearest before the first failure: %+v", r.Changes)
	}
	diff := strings.Join(r.Changes[0].Diff(), "\n")
	want := "data_credentials_id: credential 3003 → credential " + strconv.FormatInt(sc.CredentialID, 10)
	if diff != want {
		t.Errorf("swap diff %q, want %q", diff, want)
	}
}
