package flows

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// askOn loads the incident org's tree over api, puts the cursor on the
// origin row of flowID, presses k and returns the dialog asked for.
func askOn(t *testing.T, api nexla.API, d ui.Deps, flowID int64, k string) ui.ConfirmRequest {
	t.Helper()
	d.API = api
	s := New(d)
	s.SetSize(160, 48)
	viewtest.Feed(t, s, s.Init())
	found := false
	for i := range s.nodes {
		if s.nodes[i].Depth == 0 && s.nodes[i].FlowID == flowID {
			found = s.table.SelectKey(s.nodes[i].rowKey)
			break
		}
	}
	if !found {
		t.Fatalf("flow %d is not in the tree", flowID)
	}
	return viewtest.Dialog(t, s, k)
}

// The tree's pause dialog warns as the runbook's does when Nexla would
// refuse to activate the flow again (rate limited), for the whole flow (p)
// and for the rate-capped source alone (P); a healthy flow's warns of nothing.
func TestTreePauseDialogWarnsReactivationRefused(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	id := env.Scenario(t, "rate_limited").FlowID
	for _, k := range []string{"p", "P"} {
		req := askOn(t, env.Client, d, id, k)
		w := strings.Join(req.Warnings, "\n")
		if !strings.Contains(w, `is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow ("Flow is rate limited")`) ||
			!strings.Contains(w, "once paused, the flow would stay paused") {
			t.Errorf("%s: pause dialog warnings %q", k, req.Warnings)
		}
	}
	if req := askOn(t, env.Client, d, env.Scenario(t, "healthy").FlowID, "p"); len(req.Warnings)+len(req.Notes) != 0 {
		t.Errorf("healthy flow: pause dialog says %q %q", req.Notes, req.Warnings)
	}
}

// The tree's activate dialog of a paused flow says who paused it and when,
// read from the audit log (flow_not_running: Priya paused it 4 days ago).
func TestTreeActivateDialogSaysWhoPausedIt(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	req := askOn(t, env.Client, d, env.Scenario(t, "flow_not_running").FlowID, "a")
	n := strings.Join(req.Notes, "\n")
	if !strings.Contains(n, "paused by priya") || !strings.Contains(n, " ago (2026-11-18 ") || !strings.Contains(n, " UTC)") {
		t.Fatalf("activate dialog notes %q", req.Notes)
	}
}

// An audit log that cannot be read never keeps the dialog from opening:
// it opens, and its note says the audit could not be read and why.
func TestTreeActivateDialogOpensWhenTheAuditReadFails(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	p := env.Faulty(t, simtest.Unavailable, "/audit_log")
	req := askOn(t, p.Client(t), d, env.Scenario(t, "flow_not_running").FlowID, "a")
	n := strings.Join(req.Notes, "\n")
	if !strings.Contains(n, "who paused it: the audit log could not be read (") || !strings.Contains(n, "/audit_log: ") {
		t.Fatalf("activate dialog notes %q", req.Notes)
	}
}
