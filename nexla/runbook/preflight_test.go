package runbook_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// auditCounting serves the simulator and counts the audit-log calls; with
// noFlowLog the flow-wide log answers 404, as a server without the
// (inferred, contract §5.13) route would.
func auditCounting(t *testing.T, e *simtest.Env, noFlowLog bool) (nexla.API, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	h := e.Sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/audit_log") {
			n.Add(1)
			if noFlowLog && strings.Contains(r.URL.Path, "/flows/") {
				w.WriteHeader(http.StatusNotFound)
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := nexla.New(nexla.Settings{BaseURL: srv.URL + "/nexla-api", ServiceKey: e.Sim.ServiceKey()})
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

// Before activating a paused flow the preflight reads who paused it in one
// call (the flow-wide audit log, newest status change), in two when that
// route answers 404 (the origin's log then); before a pause, and before
// activating a flow that is not paused, it reads nothing.
func TestPreflightReadsWhoPausedItInOneCall(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	sc := e.Scenario(t, runbook.CauseFlowNotRunning)
	origin := runbook.ResourceRef{RT: nexla.DataSources, ID: sc.SourceID, Name: "origin", Status: nexla.StatusPaused}
	p := runbook.Preflight{FlowID: sc.FlowID, Resources: []runbook.ResourceRef{origin}, Paused: true}
	for _, c := range []struct {
		noFlowLog bool
		calls     int32
	}{{false, 1}, {true, 2}} {
		api, n := auditCounting(t, e, c.noFlowLog)
		got := p.Read(context.Background(), api, e.Sim.Now())
		if n.Load() != c.calls || got.Calls != int(c.calls) {
			t.Errorf("flow-wide log 404: %v: %d audit calls (preflight says %d), want %d", c.noFlowLog, n.Load(), got.Calls, c.calls)
		}
		if len(got.Notes) != 1 || !strings.HasPrefix(got.Notes[0], "paused by priya") || len(got.Warnings) != 0 {
			t.Errorf("flow-wide log 404: %v: notes %q warnings %q", c.noFlowLog, got.Notes, got.Warnings)
		}
	}
	api, n := auditCounting(t, e, false)
	for _, q := range []runbook.Preflight{{Pause: true, FlowID: sc.FlowID, Paused: true}, {FlowID: sc.FlowID}} {
		if got := q.Read(context.Background(), api, e.Sim.Now()); got.Calls != 0 || len(got.Notes) != 0 {
			t.Errorf("%+v: %d calls, notes %q", q, got.Calls, got.Notes)
		}
	}
	if n.Load() != 0 {
		t.Errorf("%d audit calls where none was needed", n.Load())
	}
}

// The same refusal reads the same in the pause and the activate dialogs,
// and a newest status change that is not a pause is never called one.
func TestPreflightNotesOfRateLimitedAndOfAnActivation(t *testing.T) {
	rl := []runbook.ResourceRef{{RT: nexla.DataSources, ID: 5, Name: "vendor", Status: nexla.StatusRateLimited}, {RT: nexla.DataSinks, ID: 6, Status: nexla.StatusActive}}
	pause := runbook.Preflight{Pause: true, Resources: rl}.Notes("")
	act := runbook.Preflight{Resources: rl}.Notes("")
	want := `source "vendor" (id 5) is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow ("Flow is rate limited")`
	if len(pause.Warnings) != 1 || pause.Warnings[0] != runbook.PauseWarning(want) || len(act.Warnings) != 1 || act.Warnings[0] != runbook.ActivateWarning(want) {
		t.Fatalf("pause %q, activate %q", pause.Warnings, act.Warnings)
	}

	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	sc := e.Scenario(t, runbook.CauseFlowNotRunning)
	if _, _, err := e.Client.ActivateFlow(context.Background(), sc.FlowID, true); err != nil {
		t.Fatal(err)
	}
	// The tree still shows it PAUSED (read before the activation): the
	// newest status change is the activation, not a pause.
	got := runbook.Preflight{FlowID: sc.FlowID, Paused: true}.Read(context.Background(), e.Client, e.Sim.Now())
	if len(got.Notes) != 1 || strings.Contains(got.Notes[0], "paused by") || !strings.Contains(got.Notes[0], "is to ACTIVE by ") {
		t.Fatalf("notes %q", got.Notes)
	}
}
