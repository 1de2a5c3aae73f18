package runbook

import (
	"errors"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// dialogOf presses k on the runbook and returns the confirm request it asks for.
func dialogOf(t *testing.T, s *Screen, k string) ui.ConfirmRequest {
	t.Helper()
	return viewtest.Dialog(t, s, k)
}

// Pausing a rate-capped flow warns that Nexla would refuse to activate it
// again (contract §5.1), so it would stay paused; so does pausing a flow
// whose destination conflicts (409). A healthy flow's pause warns of nothing.
func TestPauseDialogWarnsActivationWouldBeRefused(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	for _, c := range []struct{ scenario, want string }{
		{"rate_limited", `RATE_LIMITED, and Nexla refuses to activate a rate-capped flow ("Flow is rate limited")`},
		{"resource_conflict", "Nexla answers 409 to its activation"},
	} {
		s := open(t, d, nexla.Flows, env.Scenario(t, c.scenario).FlowID, 120, 40)
		req := dialogOf(t, s, "p")
		w := strings.Join(req.Warnings, "\n")
		if !strings.Contains(w, c.want) || !strings.Contains(w, "once paused, the flow would stay paused") {
			t.Errorf("%s: pause dialog warnings %q", c.scenario, req.Warnings)
		}
	}
	s := open(t, d, nexla.Flows, env.Scenario(t, "healthy").FlowID, 120, 40)
	if req := dialogOf(t, s, "p"); len(req.Warnings) != 0 {
		t.Errorf("healthy flow: pause dialog warns %q", req.Warnings)
	}
}

// The activate dialog of a paused flow says who paused it and when, from
// the audit log (the simulator's flow_not_running scenario: Priya paused it
// four days before the incident clock).
func TestActivateDialogSaysWhoPausedIt(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	s := open(t, d, nexla.Flows, env.Scenario(t, "flow_not_running").FlowID, 120, 40)
	req := dialogOf(t, s, "a")
	n := strings.Join(req.Notes, "\n")
	if !strings.Contains(n, "paused by priya") || !strings.Contains(n, " ago (") || !strings.Contains(n, " UTC)") {
		t.Fatalf("activate dialog notes %q", req.Notes)
	}
}

// Whatever a mutation's outcome, the runbook re-reads the flow's status for
// its header at once (here the activation failed, and someone paused the flow
// meanwhile: the header must say PAUSED, not the ACTIVE it loaded with).
func TestHeaderRereadsTheStatusAfterAFailedMutation(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 120, 40)
	if !strings.Contains(s.titleLine(), ") ACTIVE") {
		t.Fatalf("title %q", s.titleLine())
	}
	if _, _, err := d.API.PauseFlow(t.Context(), sc.FlowID, true); err != nil {
		t.Fatal(err)
	}
	_, cmd := s.Update(ui.MutationDoneMsg{Tag: "activate", Err: errors.New("HTTP 400: Flow is rate limited")})
	viewtest.Feed(t, s, cmd)
	if !strings.Contains(s.titleLine(), ") PAUSED") {
		t.Fatalf("after the failed mutation the title still reads %q", s.titleLine())
	}
}
