package runbook

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// press sends one key and runs what it answers, handing the screen's own
// messages back; it returns the messages meant for the shell.
func press(t *testing.T, s *Screen, k string) []tea.Msg {
	t.Helper()
	_, cmd := s.Update(viewtest.Key(k))
	var out []tea.Msg
	for _, m := range viewtest.Run(cmd) {
		switch m.(type) {
		case compareMsg, savedMsg:
			_, next := s.Update(m)
			out = append(out, viewtest.Run(next)...)
		default:
			out = append(out, m)
		}
	}
	return out
}

// selectLink presses l until the pane's selected mention is of kind k.
func selectLink(t *testing.T, s *Screen, k rb.MentionKind) rb.Mention {
	t.Helper()
	for i := 0; i < 200; i++ {
		if m, ok := s.pane.selected(); ok && m.Kind == k {
			return m
		}
		press(t, s, "l")
	}
	t.Fatalf("no mention of kind %d in step %d:\n%s", k, s.step(), viewtest.Plain(s.View()))
	return rb.Mention{}
}

// enter on a run of the run table opens that run's logs.
func TestEnterOnARunOpensItsLogs(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	press(t, s, "2")
	press(t, s, "tab")
	press(t, s, "G") // the last row of the run table: the oldest run
	m, ok := s.pane.selected()
	if !ok || m.Kind != rb.MentionRun {
		t.Fatalf("the last line names no run: %+v", m)
	}
	want := s.report.Runs[len(s.report.Runs)-1].ID
	msgs := press(t, s, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter answered %v", msgs)
	}
	nav, ok := msgs[0].(ui.NavigateMsg)
	if !ok || nav.Route != (ui.Route{Kind: ui.RouteLogs, RT: nexla.Flows, ID: s.report.Flow.ID, Run: want}) {
		t.Fatalf("enter on run %d: %+v", want, msgs[0])
	}
}

// Two marked runs are compared in step 4: metrics side by side, the log
// shapes only in each, the changes between them (the credential change
// that broke the flow lies between its last good and first failed run).
func TestMarkedRunsAreCompared(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	for _, size := range viewtest.Sizes {
		s := open(t, d, nexla.Flows, sc.FlowID, size.W, size.H)
		press(t, s, "2")
		press(t, s, "tab")
		press(t, s, "G")
		press(t, s, "space") // the oldest run: a success
		for i := 0; i < len(s.report.Runs)-1; i++ {
			press(t, s, "k")
		}
		press(t, s, "space") // the newest: a failure
		if s.step() != rb.StepRunDiff || s.compare == nil || s.compare.result == nil {
			t.Fatalf("two marks should compare in step 4: step %d, %+v", s.step(), s.compare)
		}
		v := viewtest.Plain(s.View())
		for _, want := range []string{"Compare marked runs", "only in run", "newer", "older"} {
			if !strings.Contains(v, want) {
				t.Fatalf("comparison lacks %q:\n%s", want, v)
			}
		}
		viewtest.GoldenFrame(t, "compare_credential_expired", size.W, size.H, s.View())
		press(t, s, "z")
		viewtest.GoldenFrame(t, "compare_credential_expired_zoom", size.W, size.H, s.View())
	}
}

// The evidence opens: a resource named in step 1 opens its detail, a
// change named in step 6 its whole diff with the values.
func TestEvidenceOpensResourcesAndChanges(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 160, 48)
	press(t, s, "tab")
	m := selectLink(t, s, rb.MentionResource)
	msgs := press(t, s, "enter")
	if nav, ok := msgs[0].(ui.NavigateMsg); !ok || nav.Route != (ui.Route{Kind: ui.RouteDetail, RT: m.RT, ID: m.ID}) {
		t.Fatalf("enter on %s %d: %+v", m.RT, m.ID, msgs)
	}
	press(t, s, "esc")
	press(t, s, "6")
	press(t, s, "tab")
	selectLink(t, s, rb.MentionChange)
	at := s.pane.cursor
	press(t, s, "enter")
	v := viewtest.Plain(s.View())
	if s.change == nil || !strings.Contains(v, "esc: back to the step") || !strings.Contains(v, "+") {
		t.Fatalf("the change's diff is not shown:\n%s", v)
	}
	if !s.InterceptBack() {
		t.Fatal("esc must close the change before leaving the runbook")
	}
	press(t, s, "esc")
	if s.change != nil || s.pane.cursor != at {
		t.Fatalf("esc did not close the change, or lost the place (line %d, was %d)", s.pane.cursor, at)
	}
}

// y copies the findings as Markdown through the shell's clipboard path;
// S saves the whole report as a private file and says where.
func TestCopyFindingsAndSaveReport(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	d.ReportDir = t.TempDir()
	sc := env.Scenario(t, "credential_expired")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	if !s.ClaimsKey(viewtest.Key("y")) {
		t.Fatal("the runbook must take y from the shell")
	}
	msgs := press(t, s, "y")
	cp, ok := msgs[0].(ui.CopyMsg)
	if !ok || !strings.HasPrefix(cp.Text, "# Runbook: flow ") || !strings.Contains(cp.Text, "**Credential expired**") ||
		strings.Contains(cp.Text, "## Steps") {
		t.Fatalf("y: %+v", msgs)
	}
	msgs = press(t, s, "S")
	toast, ok := msgs[0].(ui.ToastMsg)
	if !ok || !strings.Contains(toast.Text, "report saved to "+d.ReportDir) {
		t.Fatalf("S: %+v", msgs)
	}
	path := strings.TrimPrefix(toast.Text, "report saved to ")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("saved report %s: %v %v", path, fi, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "## Steps") {
		t.Fatalf("the saved report is not the full report:\n%s", data)
	}
	// y in the logs pane copies the selected line instead.
	press(t, s, "3")
	press(t, s, "tab")
	msgs = press(t, s, "y")
	if cp, ok := msgs[0].(ui.CopyMsg); !ok || cp.What != "log line" || !strings.Contains(cp.Text, "run ") {
		t.Fatalf("y on a log line: %+v", msgs)
	}
}

// Findings too large for OSC 52 are not copied: the toast says so and the
// report is saved instead.
func TestFindingsTooLargeToCopyAreSaved(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	d.ReportDir = t.TempDir()
	sc := env.Scenario(t, "credential_expired")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	s.report.Findings[0].Evidence = append(s.report.Findings[0].Evidence, strings.Repeat("x", ui.MaxClipboardText))
	msgs := press(t, s, "y")
	toast, ok := msgs[0].(ui.ToastMsg)
	if !ok || toast.Level != ui.ToastWarn || !strings.Contains(toast.Text, "OSC 52 limit: not copied; report saved to "+d.ReportDir) {
		t.Fatalf("y with large findings: %+v", msgs)
	}
}

// The permission finding names who can grant the operator role, and enter
// on "who can grant it" opens the flow's accessors pane (issue 13).
func TestPermissionFindingOpensTheAccessors(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, string(rb.CausePermissionDenied))
	s := open(t, d, nexla.Flows, sc.FlowID, 160, 48)
	var msgs []tea.Msg
	for _, step := range []string{"1", "7"} {
		press(t, s, step)
		press(t, s, "tab")
		for i := 0; i < 200; i++ {
			if m, ok := s.pane.selected(); ok && m.Kind == rb.MentionAccess {
				msgs = press(t, s, "enter")
				break
			}
			press(t, s, "l")
		}
		if msgs != nil {
			break
		}
		press(t, s, "esc")
	}
	if len(msgs) != 1 {
		t.Fatalf("no selectable accessors mention in steps 1 or 7, or enter answered %v:\n%s", msgs, viewtest.Plain(s.View()))
	}
	nav, ok := msgs[0].(ui.NavigateMsg)
	if !ok || nav.Route != (ui.Route{Kind: ui.RouteAccess, RT: nexla.Flows, ID: sc.FlowID}) {
		t.Fatalf("enter on the permission finding: %+v", msgs[0])
	}
}
