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

// noAlarm are the scenarios whose health row must not alarm: a permission
// problem is the viewer's, not the flow's, and a healthy flow is healthy.
var noAlarm = map[string]bool{runbook.CausePermissionDenied: true, runbook.CauseHealthy: true}

// TestHealthRowNamesTheRunbooksCause runs the overview once over the seed-7
// incident org and, for every scenario, the full runbook on its flow: the
// row's cause must be the runbook's top cause (no alarm where the runbook's
// top is permission denied or healthy), never with more confidence than the
// runbook has, and flows whose runs did not fail must cost their run
// summaries and nothing else.
func TestHealthRowNamesTheRunbooksCause(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	counted := &countingAPI{API: c}
	rows, err := runbook.Health(ctx, counted, runbook.HealthOptions{Options: opts(s), Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	byFlow := map[int64]runbook.FlowHealth{}
	for _, r := range rows {
		byFlow[r.FlowID] = r
	}
	// Credentials that flows with failed runs use: their audit logs may be
	// read for those flows, whichever other flows share them.
	shared := map[int64]bool{}
	for _, h := range rows {
		if h.Failed > 0 {
			_, f := runbook.Diagnose(ctx, c, runbook.Target{RT: nexla.Flows, ID: h.FlowID}, opts(s))
			for id := range f.Probes {
				shared[id] = true
			}
		}
	}
	seen := map[string]bool{}
	for _, sc := range s.Scenarios() {
		seen[sc.Key] = true
		t.Run(fmt.Sprintf("%s/%d", sc.Key, sc.FlowID), func(t *testing.T) {
			h, ok := byFlow[sc.FlowID]
			if !ok {
				t.Fatalf("flow %d missing from the overview", sc.FlowID)
			}
			r, f := runbook.Diagnose(ctx, c, runbook.Target{RT: nexla.Flows, ID: sc.FlowID}, opts(s))
			top := r.Top()
			if sc.Key == runbook.CausePermissionDenied {
				top = permissionNote(t, r)
			}
			if want := expectedCause(sc.Key); top.Cause != want {
				t.Fatalf("the runbook's own top cause is %q, want %q (see TestEveryScenarioNamesItsCause)", top.Cause, want)
			}
			if noAlarm[sc.Key] {
				if !h.Healthy() {
					t.Fatalf("%s flow alarms in the overview: cause %q, issues %q", sc.Key, h.Cause, h.Issues)
				}
			} else {
				if h.Cause != top.Cause || h.Healthy() {
					t.Fatalf("row cause %q (healthy=%v), runbook's top %q\nrow issues: %q", h.Cause, h.Healthy(), top.Cause, h.Issues)
				}
				if h.Confidence > top.Confidence {
					t.Errorf("row claims %s confidence, the runbook only %s", h.Confidence, top.Confidence)
				}
				// The ISSUE cell leads with the cause's own sentence (its
				// details may differ: run times come from the run ids here).
				if len(h.Issues) == 0 || !strings.HasPrefix(top.Sentence, leadOf(h.Issues[0])) {
					t.Errorf("row's first issue %q is not the runbook's finding %q", h.Issues, top.Sentence)
				}
			}
			if h.Failed == 0 {
				if extra := extraCalls(counted, f, shared); len(extra) > 0 {
					t.Errorf("a flow without failed runs cost more than its run summaries: %v", extra)
				}
			}
		})
	}
	for _, want := range []string{runbook.CauseTransformError, runbook.CauseSchemaMismatch, runbook.CauseNetworkTimeout,
		runbook.CauseResourceConflict, runbook.CauseHighErrorRate, runbook.CausePermissionDenied, runbook.CauseHealthy} {
		if !seen[want] {
			t.Errorf("the simulator has no %s scenario: the table above does not cover it", want)
		}
	}
	// Failing flows pay for their evidence with one log read each.
	var failing int
	for _, h := range rows {
		if h.Failed > 0 {
			failing++
		}
	}
	if n := counted.calls["flows/0 list"]; n != 1 {
		t.Errorf("GET /flows %d times, want 1", n)
	}
	var logReads int
	for k, v := range counted.calls {
		if strings.HasSuffix(k, " logs") {
			logReads += v
		}
	}
	if logReads != failing {
		t.Errorf("%d log reads for %d flows with failed runs, want one each", logReads, failing)
	}
}

// extraCalls lists the calls the overview made about f's flow, resources
// and credentials (but those in shared) other than one run summary per
// resource.
func extraCalls(c *countingAPI, f *runbook.Facts, shared map[int64]bool) []string {
	refs := map[string]bool{fmt.Sprintf("%s/%d", nexla.Flows, f.Origin.ID): true}
	for _, r := range f.Resources {
		refs[fmt.Sprintf("%s/%d", r.RT, r.ID)] = true
	}
	for id := range f.Probes { // one probe per credential in use
		if shared[id] {
			continue
		}
		refs[fmt.Sprintf("%s/%d", nexla.DataCredentials, id)] = true
	}
	var extra []string
	// A paused flow's origin audit log says who paused it and when.
	paused := fmt.Sprintf("%s/%d audit_log x1", f.Resources[0].RT, f.Resources[0].ID)
	for _, line := range c.about(refs) {
		if !strings.Contains(line, " run_summary x1") && (f.Origin.Status != nexla.StatusPaused || line != paused) {
			extra = append(extra, line)
		}
	}
	return extra
}

// leadOf is a finding's sentence up to its first detail (":" or ";").
func leadOf(sentence string) string {
	if i := strings.IndexAny(sentence, ":;"); i >= 0 {
		return sentence[:i]
	}
	return sentence
}

// laterClock is a client clock days after the simulator's: the client
// defaults a log query's "from" to its own last 24 h, which would miss every
// run. Tests meet it every day after the frozen date; real users meet it on
// a daily flow whose last failure is older than a day.
type laterClock struct{ now time.Time }

func (c laterClock) Now() time.Time { return c.now }
func (c laterClock) Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Both the runbook and the overview ask for a failed run's logs by the
// runbook's clock, so a client clock days ahead still finds them.
func TestFailedRunLogsFoundWhateverTheClientsClock(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	c := e.NewClient(t, nexla.WithClock(laterClock{simStart.Add(72 * time.Hour)}))
	sc := e.Scenario(t, runbook.CauseTransformError)
	ctx := context.Background()
	if r, f := runbook.Diagnose(ctx, c, runbook.Target{RT: nexla.Flows, ID: sc.FlowID}, opts(e.Sim)); len(f.FailedLogs) == 0 || r.Top().Cause != sc.Key {
		t.Errorf("runbook: %d failed-run lines, top cause %q", len(f.FailedLogs), r.Top().Cause)
	}
	rows, err := runbook.Health(ctx, c, runbook.HealthOptions{Options: opts(e.Sim)})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rows {
		if h.FlowID == sc.FlowID && h.Cause != sc.Key {
			t.Errorf("overview: cause %q, want %q; issues %q", h.Cause, sc.Key, h.Issues)
		}
	}
}

// failingLogs is the real client whose log reads fail, as a log service
// outage would make them.
type failingLogs struct{ nexla.API }

func (failingLogs) FlowLogsByFlow(context.Context, int64, nexla.LogOptions) (*nexla.FlowLogs, error) {
	return nil, &nexla.APIError{Status: 503, Message: "log service unavailable"}
}

// When a failing flow's logs cannot be read, its row falls back to what
// needs no logs (the error rate), says the logs were unreadable, and is not
// marked unknown: the run summaries were read.
func TestHealthRowWithoutItsLogsFallsBackToTheErrorRate(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	sc := e.Scenario(t, runbook.CauseTransformError)
	rows, err := runbook.Health(context.Background(), failingLogs{e.Client}, runbook.HealthOptions{Options: opts(e.Sim)})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rows {
		if h.FlowID != sc.FlowID {
			continue
		}
		if h.Cause != runbook.CauseHighErrorRate || h.Err != "" {
			t.Fatalf("cause %q err %q, want high_error_rate and no row error", h.Cause, h.Err)
		}
		last := h.Issues[len(h.Issues)-1]
		if !strings.Contains(last, "logs of run") || !strings.Contains(last, "log service unavailable") {
			t.Fatalf("the row does not say its logs were unreadable: %q", h.Issues)
		}
		return
	}
	t.Fatalf("flow %d missing", sc.FlowID)
}
