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
			case eventsMsg, ui.MutationDoneMsg, ui.RefreshMsg, watchMsg:
				_, next := s.Update(m)
				queue = append(queue, next)
			case logTickMsg, watchTickMsg:
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

func TestActivateThenWatchUntilTheRunEnds(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	d.Terminal = ui.Terminal{Notify: ui.NotifyOSC9} // WezTerm, Ghostty: one notification, not two
	sc := env.Scenario(t, "flow_not_running")
	s := open(t, d, nexla.Flows, sc.FlowID, 120, 40)
	_, cmd := s.Update(viewtest.Key("a"))
	cm := viewtest.Run(cmd)[0].(ui.MutateMsg)
	drive(t, s, viewtest.Confirm(t, s, cm.Mutation))
	if got := env.Sim.FlowStatus(sc.FlowID); got != "ACTIVE" {
		t.Fatalf("flow status after activate %q", got)
	}
	if !s.watch.active() {
		t.Fatal("not watching after activation")
	}
	var notified bool
	for i := 0; i < 20 && !s.watch.done; i++ {
		env.Sim.Advance(10 * time.Minute)
		msg := s.pollWatchCmd()()
		_, next := s.Update(msg)
		for _, m := range viewtest.Run(next) {
			if raw, ok := m.(tea.RawMsg); ok {
				seq := raw.Msg.(string)
				notified = strings.HasPrefix(seq, "\x1b]9;nexla-tui") && !strings.Contains(seq, "\x1b]777;")
			}
		}
	}
	if !s.watch.done || !notified {
		t.Fatalf("watch done=%v notified=%v; log: %v", s.watch.done, notified, s.watch.log)
	}
	if s.fixState() != rb.StateOK && s.fixState() != rb.StateFailing {
		t.Fatalf("step 7 state %s after the run ended", s.fixState())
	}
	s.Update(logTickMsg{ticket: s.loads.Current()}) // the batch tick hands queued lines to the view
	if s.logs.Len() == 0 || !s.logs.Following() {
		t.Fatal("the watched run's logs were not followed")
	}
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
	s.watchEvery = time.Millisecond
	s.SetSize(120, 40)
	var next []tea.Msg
	for _, m := range viewtest.Run(s.Init()) {
		_, cmd := s.Update(m)
		next = append(next, viewtest.Run(cmd)...)
	}
	for !s.facts.Done {
		var more []tea.Msg
		for _, m := range next {
			_, cmd := s.Update(m)
			if _, ok := m.(eventsMsg); ok {
				more = append(more, viewtest.Run(cmd)...)
			}
		}
		next = more
	}
	if !s.watch.active() || !s.watch.following {
		t.Fatalf("runtime %q: the run in progress is not followed", s.report.Flow.RuntimeStatus)
	}
	inProgress := s.report.Flow.LastRunID
	poll := func() []tea.Msg {
		msg := s.pollWatchCmd()()
		_, cmd := s.Update(msg)
		s.Update(logTickMsg{ticket: s.loads.Current()})
		return viewtest.Run(cmd)
	}
	poll()
	if s.logRun != inProgress || s.logs.Len() == 0 || !s.logs.Following() {
		t.Fatalf("log view: run %d (want %d), %d lines, follow %v", s.logRun, inProgress, s.logs.Len(), s.logs.Following())
	}
	s.Update(viewtest.Key("3"))
	if v := viewtest.Plain(s.View()); !strings.Contains(v, "in progress: live logs") {
		t.Fatalf("step 3 should say it follows a live run:\n%s", v)
	}
	seen := s.logs.Len()
	env.Sim.Advance(10 * time.Minute)
	var notified, refreshing bool
	for _, m := range poll() {
		if raw, ok := m.(tea.RawMsg); ok {
			notified = raw.Msg.(string) == "\a" // an unknown terminal rings the bell
		}
		if _, ok := m.(eventsMsg); ok {
			refreshing = true
		}
	}
	if !s.watch.done || !notified || !refreshing {
		t.Fatalf("after the run: done=%v notified=%v refreshing=%v; log %v", s.watch.done, notified, refreshing, s.watch.log)
	}
	if s.logs.Len() <= seen {
		t.Fatalf("the rest of the run's logs did not arrive: %d then %d lines", seen, s.logs.Len())
	}
	if st := s.fixState(); st == rb.StateOK || st == rb.StateRunning {
		t.Fatalf("following a run must not mark step 7 %s", st)
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
	for _, m := range outcome {
		if _, ok := m.(ui.MutationDoneMsg); ok {
			s.Update(m)
		}
	}
	if got := env.Sim.FlowStatus(sc.FlowID); got != "ACTIVE" {
		t.Fatalf("flow status after activate %q", got)
	}
	if !s.watch.active() {
		t.Fatalf("an activation answered after a refresh must start the watch; log %v", s.watch.log)
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
	if !strings.Contains(strings.Join(s.watch.log, "\n"), "pause: "+note) {
		t.Fatalf("step 7 log %v", s.watch.log)
	}
}
