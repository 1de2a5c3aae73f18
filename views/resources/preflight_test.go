package resources

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// askOnSource loads the incident org's sources over api, selects source id,
// presses k and returns the dialog asked for.
func askOnSource(t *testing.T, api nexla.API, d ui.Deps, id int64, k string) ui.ConfirmRequest {
	t.Helper()
	s := loaded(t, api, nexla.DataSources, func(deps *ui.Deps) { deps.Now = d.Now })
	if !s.table.SelectKey(strconv.FormatInt(id, 10)) {
		t.Fatalf("source %d is not in the table", id)
	}
	return viewtest.Dialog(t, s, k)
}

// The sources table's dialogs say what the runbook's say: pausing the
// rate-capped source warns that Nexla would refuse to activate it again;
// activating the paused source says who paused it and when (audit).
func TestTableDialogsWarnAndSayWhoPausedIt(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	req := askOnSource(t, env.Client, d, env.Scenario(t, "rate_limited").SourceID, "p")
	if w := strings.Join(req.Warnings, "\n"); !strings.Contains(w, "is RATE_LIMITED, and Nexla refuses to activate") ||
		!strings.Contains(w, "once paused, the flow would stay paused") {
		t.Errorf("pause dialog warnings %q", req.Warnings)
	}
	req = askOnSource(t, env.Client, d, env.Scenario(t, "flow_not_running").SourceID, "a")
	if n := strings.Join(req.Notes, "\n"); !strings.Contains(n, "paused by priya") || !strings.Contains(n, " ago (2026-11-18 ") {
		t.Errorf("activate dialog notes %q", req.Notes)
	}
}

// An audit log that cannot be read never keeps the table's dialog from
// opening: its note says the audit could not be read and why.
func TestTableActivateDialogOpensWhenTheAuditReadFails(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	p := env.Faulty(t, simtest.Unavailable, "/audit_log")
	req := askOnSource(t, p.Client(t), d, env.Scenario(t, "flow_not_running").SourceID, "a")
	if n := strings.Join(req.Notes, "\n"); !strings.Contains(n, "who paused it: the audit log could not be read (GET /data_sources/") {
		t.Fatalf("activate dialog notes %q", req.Notes)
	}
}
