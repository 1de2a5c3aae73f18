package runbook

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// drive runs the screen's Cmds until collection ends, without re-arming
// ticks (the batch tick only flushes; tests call Flush through feedLogs).
func drive(t *testing.T, s *Screen, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var others []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 && len(others) < 1000 {
		c := queue[0]
		queue = queue[1:]
		for _, m := range viewtest.Run(c) {
			switch m.(type) {
			case eventsMsg, ui.MutationDoneMsg, ui.RefreshMsg, statusMsg:
				_, next := s.Update(m)
				queue = append(queue, next)
			case logTickMsg:
				s.Update(m)
			default:
				others = append(others, m)
			}
		}
	}
	if !s.facts.Done {
		t.Fatal("collection did not finish")
	}
	return others
}

func open(t *testing.T, d ui.Deps, rt nexla.ResourceType, id int64, w, h int) *Screen {
	t.Helper()
	s := New(d, rt, id).(*Screen)
	s.SetSize(w, h)
	drive(t, s, s.Init())
	return s
}

func TestRunbookScreenGolden(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		s := open(t, d, nexla.Flows, sc.FlowID, size.w, size.h)
		name := "credential_expired_" + itoa(size.w) + "x" + itoa(size.h)
		v := s.View()
		viewtest.CheckSize(t, v, size.w, size.h)
		viewtest.Golden(t, name, v)
		if p := viewtest.Plain(v); !strings.Contains(p, "Credential expired:") || strings.Contains(p, "credential_expired") {
			t.Fatalf("cause not on screen:\n%s", viewtest.Plain(v))
		}
		for _, step := range []string{"2", "3", "4", "5"} {
			s.Update(viewtest.Key(step))
			v = s.View()
			viewtest.CheckSize(t, v, size.w, size.h)
			viewtest.Golden(t, name+"_step"+step, v)
		}
	}
}

func TestLogStepFiltersAndSearches(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 160, 48)
	s.Update(viewtest.Key("3"))
	s.Update(viewtest.Key("tab"))
	all := s.logs.Len()
	if all == 0 {
		t.Fatal("no log lines of the failed run")
	}
	s.Update(viewtest.Key("s")) // warning+
	s.Update(viewtest.Key("s")) // error
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "severity error") || !strings.Contains(v, "cannot convert 'N/A' to decimal") || strings.Contains(v, " INFO ") {
		t.Fatalf("error filter:\n%s", v)
	}
	s.Update(viewtest.Key("/"))
	if !s.CapturesInput() {
		t.Fatal("search field should capture input")
	}
	for _, r := range "n/a" {
		s.Update(viewtest.Key(string(r)))
	}
	s.Update(viewtest.Key("enter"))
	s.logs.SetQuery(s.search.Query()) // what the debounced FilterChangedMsg does
	if n := s.logs.Matched(); n == 0 || n >= all {
		t.Fatalf("search kept %d of %d lines", n, all)
	}
	if !s.InterceptBack() {
		t.Fatal("esc should clear the search before leaving the screen")
	}
}

func TestPauseAsksFirstAndRespectsReadOnly(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	msgs := pressRun(s, "p")
	if len(msgs) != 1 {
		t.Fatalf("want one confirm message, got %v", msgs)
	}
	cm, ok := msgs[0].(ui.MutateMsg)
	if !ok || cm.Mutation.Confirm.Action != "pause" || !strings.Contains(cm.Mutation.Confirm.Resource, itoa64(sc.FlowID)) || len(cm.Mutation.Confirm.Effects) == 0 {
		t.Fatalf("confirm request %+v", msgs[0])
	}
	if env.Sim.FlowStatus(sc.FlowID) != "ACTIVE" {
		t.Fatal("pressing p changed the flow before confirmation")
	}

	_, rod := viewtest.IncidentOrg(t, true)
	ro := open(t, rod, nexla.Flows, sc.FlowID, 80, 24)
	if text, ok := viewtest.Refusal(rod, pressRun(ro, "a")); !ok || !strings.Contains(text, "read-only") {
		t.Fatalf("read-only should refuse with a toast, got %+v", msgs)
	}
}

// pressRun presses k and runs the Cmd the screen answers with.
func pressRun(s *Screen, k string) []tea.Msg {
	_, cmd := s.Update(viewtest.Key(k))
	return viewtest.Run(cmd)
}

// isToast is true when the first message is a toast that says want.
func isToast(msgs []tea.Msg, want string) bool {
	if len(msgs) == 0 {
		return false
	}
	tm, ok := msgs[0].(ui.ToastMsg)
	return ok && strings.Contains(tm.Text, want)
}

func TestPermissionDeniedNeverTriesTheMutation(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "permission_denied")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	// A healthy flow the caller cannot operate is healthy; the permission is a note.
	if !s.report.Healthy() || len(s.report.Findings) < 2 || s.report.Findings[1].Cause != rb.CausePermissionDenied {
		t.Fatalf("findings %+v", s.report.Findings)
	}
	if msgs := pressRun(s, "p"); !isToast(msgs, "cannot pause") {
		t.Fatalf("want a refusal toast, got %+v", msgs)
	}
}

// Activating asks the shell to watch the next run (the watch outlives the
// screen); its polls, with the simulator's clock advanced, end in words that
// follow the evidence, never "VERIFIED", and carry the run's log lines.
func TestActivateThenWatchUntilTheRunEnds(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "flow_not_running")
	s := open(t, d, nexla.Flows, sc.FlowID, 120, 40)
	_, cmd := s.Update(viewtest.Key("a"))
	cm := viewtest.Run(cmd)[0].(ui.MutateMsg)
	spec := startedWatch(t, drive(t, s, viewtest.Confirm(t, s, cm.Mutation)))
	if got := env.Sim.FlowStatus(sc.FlowID); got != "ACTIVE" {
		t.Fatalf("flow status after activate %q", got)
	}
	if spec.Key != "flow "+itoa64(sc.FlowID) || !spec.Verifies {
		t.Fatalf("watch spec %+v", spec)
	}
	end, logs := pollUntilDone(t, env.Sim, spec)
	if !strings.HasPrefix(end.Outcome.Verdict, "the next run succeeded (1 of 1 since the fix): run ") || !end.Outcome.OK {
		t.Fatalf("verdict %+v", end.Outcome)
	}
	if end.Status != "ACTIVE" || logs == 0 {
		t.Fatalf("last poll status %q, %d log lines", end.Status, logs)
	}
}

// startedWatch is the watch the screen asked the shell for among msgs.
func startedWatch(t *testing.T, msgs []tea.Msg) ui.WatchSpec {
	t.Helper()
	for _, m := range msgs {
		if w, ok := m.(ui.StartWatchMsg); ok {
			return w.Spec
		}
	}
	t.Fatalf("no watch started; messages %v", msgs)
	return ui.WatchSpec{}
}

// pollUntilDone plays the shell's polls of spec, advancing the simulator's
// clock between them, and returns the last poll and the log lines read.
func pollUntilDone(t *testing.T, env interface{ Advance(time.Duration) }, spec ui.WatchSpec) (ui.WatchPoll, int) {
	t.Helper()
	lines := 0
	for i := 0; i < 20; i++ {
		p, err := spec.Poll(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		lines += len(p.Logs)
		if p.Done {
			return p, lines
		}
		env.Advance(10 * time.Minute)
	}
	t.Fatal("the watched run never ended")
	return ui.WatchPoll{}, 0
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func itoa(n int) string { return strconv.Itoa(n) }

func TestProbeTreeAndSampleOnDemand(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "healthy")
	s := open(t, d, nexla.Flows, sc.FlowID, 160, 48)
	s.Update(viewtest.Key("5"))
	if !strings.Contains(viewtest.Plain(s.View()), "e: probe each credential") {
		t.Fatal("step 5 should offer the probe key")
	}
	_, cmd := s.Update(viewtest.Key("e"))
	for _, m := range viewtest.Run(cmd) {
		s.Update(m)
	}
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "tree: ") || !strings.Contains(v, "sample: ") {
		t.Fatalf("probe answers missing:\n%s", v)
	}
}

func TestRefreshKeepsTheReportUntilTheNewOneIsComplete(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 120, 40)
	before := s.report.Top().Cause
	_, cmd := s.Update(ui.RefreshMsg{})
	if s.refreshing == nil || s.report.Top().Cause != before {
		t.Fatal("a refresh should collect in the background and keep the report on screen")
	}
	drive(t, s, cmd)
	if s.refreshing != nil || s.report.Top().Cause != before || !s.report.Done {
		t.Fatalf("after the refresh: refreshing=%v top=%q", s.refreshing != nil, s.report.Top().Cause)
	}
}

// A runbook opened while a run is in progress follows that run's logs in
// step 3 (the run is in the logs before it is in the run summaries), and
// refreshes once it ends, without claiming a fix was verified.
func TestRunInProgressIsFollowedUntilItEnds(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "flow_not_running")
	if _, _, err := d.API.ActivateFlow(t.Context(), sc.FlowID, true); err != nil {
		t.Fatal(err)
	}
	env.Sim.Advance(20 * time.Second) // the activated run has started
	s := New(d, nexla.Flows, sc.FlowID).(*Screen)
	s.SetSize(120, 40)
	spec := startedWatch(t, drive(t, s, s.Init()))
	if spec.Verifies {
		t.Fatalf("runtime %q: following a run in progress must not claim to verify a fix", s.report.Flow.RuntimeStatus)
	}
	inProgress := s.report.Flow.LastRunID
	first, err := spec.Poll(t.Context())
	if err != nil || first.RunID != inProgress || len(first.Logs) == 0 {
		t.Fatalf("first poll: run %d (want %d), %d lines, err %v", first.RunID, inProgress, len(first.Logs), err)
	}
	env.Sim.Advance(10 * time.Minute)
	end, _ := pollUntilDone(t, env.Sim, spec)
	if want := "run " + itoa64(inProgress) + " "; !strings.HasPrefix(end.Outcome.Verdict, want) || strings.Contains(end.Outcome.Verdict, "fix") {
		t.Fatalf("verdict %q, want it to start %q and claim no fix", end.Outcome.Verdict, want)
	}
}

// An activation confirmed before a refresh still starts its watch when the
// answer arrives after it: the outcome is the screen's, whatever load is
// current. (It used to carry the load's ticket and was dropped as stale.)
func TestActivateAnsweredAfterARefreshStillWatches(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "flow_not_running")
	s := open(t, d, nexla.Flows, sc.FlowID, 120, 40)
	_, cmd := s.Update(viewtest.Key("a"))
	call := viewtest.Confirm(t, s, viewtest.Run(cmd)[0].(ui.MutateMsg).Mutation)
	_, refresh := s.Update(ui.RefreshMsg{}) // the 30 s refresh lands while the PUT is out
	outcome := viewtest.Run(call)           // the PUT answers
	drive(t, s, refresh)
	if got := env.Sim.FlowStatus(sc.FlowID); got != "ACTIVE" {
		t.Fatalf("flow status after activate %q", got)
	}
	started := false
	for _, m := range outcome {
		if _, ok := m.(ui.MutationDoneMsg); ok {
			_, cmd := s.Update(m)
			for _, m := range viewtest.Run(cmd) {
				_, started = m.(ui.StartWatchMsg)
				if started {
					break
				}
			}
		}
	}
	if !started {
		t.Fatalf("an activation answered after a refresh must start the watch; log %v", s.actions)
	}
}

// When the client settled a lost answer by re-reading, step 7's log says so:
// the note is the record of how the pause was confirmed.
func TestPauseOutcomeNoteIsLogged(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "transform_error")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	note := "applied; the answer was lost (HTTP 504), confirmed by re-reading flow " + itoa64(sc.FlowID)
	s.Update(ui.MutationDoneMsg{Tag: "pause", Outcome: nexla.Outcome{Recovery: nexla.ConfirmedByReread, Note: note}})
	if !strings.Contains(strings.Join(s.actions, "\n"), "pause: "+note) {
		t.Fatalf("step 7 log %v", s.actions)
	}
}
