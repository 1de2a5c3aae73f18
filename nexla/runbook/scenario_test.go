package runbook_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// simStart is the simulated "now": frozen, so reports are reproducible.
var simStart = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// newSim serves a frozen simulator over real HTTP and returns a real client for it.
func newSim(t testing.TB, faults sim.Faults) (*sim.Sim, *nexla.Client) {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true, Faults: faults})
	return e.Sim, e.Client
}

func opts(s *sim.Sim) runbook.Options {
	return runbook.Options{Now: s.Now}
}

// wantEvidence is text the top finding must cite for each scenario, taken
// from what the simulator serves for that incident.
var wantEvidence = map[string][]string{
	runbook.CauseCredentialExpired: {"fails its probe: 40", "runs failed"},
	runbook.CauseTransformError:    {"cannot convert", "transform"},
	runbook.CauseSchemaMismatch:    {"Schema validation failed", "schema"},
	runbook.CauseRateLimited:       {"RATE_LIMITED"},
	runbook.CauseNetworkTimeout:    {"timed out"},
	runbook.CauseResourceConflict:  {"409 Conflict", "shares its name"},
	runbook.CauseFlowNotRunning:    {"PAUSED"},
	runbook.CauseHighErrorRate:     {"runs failed", "error rate"},
	runbook.CauseStaleData:         {"ACTIVE but its last run was", "without a run"},
	runbook.CausePermissionDenied:  {"collaborator"},
	runbook.CauseHealthy:           {"runs succeeded", "pass their probe"},
}

// expectedCause is the runbook cause a scenario leads to: the scenario's own
// key for the Common-issues incidents; the server-shape scenarios
// (docs/scenarios.md) lead to causes the runbook names already.
func expectedCause(key string) string {
	switch key {
	case "never_run":
		return runbook.CauseFlowNotRunning
	case "source_outage":
		return runbook.CauseHighErrorRate // every run fails at the source; the 503 is quoted
	case "shared_upstream_failing", "trigger_upstream_failing":
		return runbook.CauseUpstreamFailing
	case "credential_group_failing":
		return runbook.CauseCredentialExpired
	case "credential_unreadable":
		return runbook.CauseNetworkTimeout // connection refused at the source; the probe is a call error
	}
	return key
}

// scenarioEvidence is text a server-shape scenario's top finding must cite,
// in place of its cause's wantEvidence.
var scenarioEvidence = map[string][]string{
	"never_run":                {"INIT"},
	"source_outage":            {"503 Service Unavailable", "runs failed"},
	"shared_upstream_failing":  {"Partner Orders Feed", "failing"},
	"trigger_upstream_failing": {"Partner Orders Feed", "failing"},
	"credential_group_failing": {"fails its probe", "password authentication failed"},
	"credential_unreadable":    {"onnection refused"},
}

func TestEveryScenarioNamesItsCause(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	scen := s.Scenarios()
	if len(scen) < len(wantEvidence) {
		t.Fatalf("simulator has %d scenarios, want at least %d", len(scen), len(wantEvidence))
	}
	for _, sc := range scen {
		targets := []runbook.Target{{RT: nexla.Flows, ID: sc.FlowID}}
		if sc.NexsetID != 0 {
			targets = append(targets, runbook.Target{RT: nexla.DataSets, ID: sc.NexsetID})
		}
		for _, tg := range targets {
			t.Run(sc.Key+"/"+tg.RT.Singular(), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				r, f := runbook.Diagnose(ctx, c, tg, opts(s))
				if err := f.Err("flow"); err != nil {
					t.Fatalf("flow: %v", err)
				}
				top := r.Top()
				if sc.Key == runbook.CausePermissionDenied {
					top = permissionNote(t, r)
				}
				if want := expectedCause(sc.Key); top.Cause != want {
					var all []string
					for _, fd := range r.Findings {
						all = append(all, fd.Cause+": "+fd.Sentence)
					}
					t.Fatalf("top cause %q, want %q\n%s", top.Cause, want, strings.Join(all, "\n"))
				}
				text := top.Sentence + "\n" + strings.Join(top.Evidence, "\n")
				want, ok := scenarioEvidence[sc.Key]
				if !ok {
					want = wantEvidence[sc.Key]
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("top finding lacks %q:\n%s", w, text)
					}
				}
				if sc.Key == runbook.CauseHealthy {
					for _, fd := range r.Findings[1:] {
						if fd.Severity > runbook.SeverityInfo {
							t.Errorf("healthy flow raised an alarm: %+v", fd)
						}
					}
					for _, st := range r.Steps {
						if st.State == runbook.StateFailing {
							t.Errorf("healthy flow: step %d failing: %s", st.ID, st.Summary)
						}
					}
				}
			})
		}
	}
}

// permissionNote checks that a healthy flow the caller may not operate is
// healthy (the permission is a note for the fix step, §issue 8) and returns
// the note.
func permissionNote(t *testing.T, r *runbook.Report) runbook.Finding {
	t.Helper()
	if !r.Healthy() || r.Top().Cause != runbook.CauseHealthy {
		t.Fatalf("a healthy flow the caller cannot operate is not healthy: %+v", r.Findings)
	}
	for _, f := range r.Findings[1:] {
		if f.Cause == runbook.CausePermissionDenied {
			if f.Severity != runbook.SeverityInfo {
				t.Errorf("the permission note is %s, want info", f.Severity)
			}
			return f
		}
	}
	t.Fatalf("no permission note among %+v", r.Findings)
	return runbook.Finding{}
}

func TestHealthOverviewWorstFirst(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	rows, err := runbook.Health(context.Background(), c, runbook.HealthOptions{Options: opts(s), Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	byFlow := map[int64]runbook.FlowHealth{}
	for _, r := range rows {
		byFlow[r.FlowID] = r
	}
	for _, sc := range s.Scenarios() {
		h, ok := byFlow[sc.FlowID]
		if !ok {
			t.Fatalf("flow %d (%s) missing from the overview", sc.FlowID, sc.Key)
		}
		switch sc.Key {
		case runbook.CauseHealthy:
			if !h.Healthy() {
				t.Errorf("healthy flow flagged: %+v", h)
			}
		case runbook.CauseCredentialExpired, runbook.CauseFlowNotRunning, runbook.CauseStaleData, runbook.CauseRateLimited, runbook.CauseHighErrorRate:
			if h.Healthy() {
				t.Errorf("%s flow looks healthy in the overview: %+v", sc.Key, h)
			}
		}
	}
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Healthy() && !rows[i].Healthy() {
			t.Fatalf("row %d (healthy) sorts above row %d (unhealthy)", i-1, i)
		}
	}
}

// The demo's unreadable credential (its probe answers 403 with an empty
// body, contract §9 #14) is a call error of the dependencies step over the
// simulator, never a failing or pending credential.
func TestSimUnreadableCredentialIsACallError(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	var sc sim.Scenario
	for _, x := range s.Scenarios() {
		if x.Key == "credential_unreadable" {
			sc = x
		}
	}
	if sc.FlowID == 0 {
		t.Fatal("the simulator has no credential_unreadable scenario")
	}
	r, _ := runbook.Diagnose(context.Background(), c, runbook.Target{RT: nexla.Flows, ID: sc.FlowID}, opts(s))
	st := r.Step(runbook.StepDependencies)
	text := st.Summary + "\n" + strings.Join(st.Details, "\n") + "\n" + strings.Join(st.Errors, "\n")
	want := fmt.Sprintf("cannot read credential %d (403)", sc.CredentialID)
	if !strings.Contains(text, want) {
		t.Errorf("dependencies step lacks %q:\n%s", want, text)
	}
	if strings.Contains(strings.ToLower(text), "pending") {
		t.Errorf("an unreadable credential reads as pending:\n%s", text)
	}
	for _, fd := range r.Findings {
		if fd.Cause == runbook.CauseCredentialExpired {
			t.Errorf("an unreadable credential is called failing: %s", fd.Sentence)
		}
	}
}
