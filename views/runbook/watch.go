package runbook

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// watchState is step 7: what was done to the flow and the run being watched.
type watchState struct {
	seq      int
	log      []string // what happened, oldest first
	watching bool
	// following: the run was already in progress when the runbook opened
	// (step 3 follows it); otherwise it is the run after an activation (step 7).
	following bool
	parked    bool // a poll is due but the screen is hidden
	done      bool
	baseline  int64 // newest run before activation
	logLines  int   // lines of the watched run already queued
	last      rb.WatchStatus
	polls     int
}

func (w *watchState) active() bool { return w.watching && !w.done }

func (s *Screen) note(format string, a ...any) {
	s.watch.log = append(s.watch.log, s.d.Now().UTC().Format("15:04:05")+" "+fmt.Sprintf(format, a...))
	s.version++
}

// onAction notes a confirmed call's outcome in step 7 (the shell shows the
// toast) and, after an activation, starts watching the next run.
func (s *Screen) onAction(action string, o nexla.Outcome, err error) tea.Cmd {
	if err != nil {
		s.note("%s failed: %s", action, viewkit.ErrText(err))
		return nil
	}
	if o.Note != "" {
		s.note("%s: %s", action, viewkit.Clean(o.Note))
	}
	if action == "pause" {
		s.note("flow paused; apply the fix, then press a to activate and watch the next run")
		return nil
	}
	s.note("flow activated; watching for the next run")
	baseline := s.report.Flow.LastRunID
	if l := s.report.Stats.Latest; l != nil && l.ID > baseline {
		baseline = l.ID
	}
	return s.startWatch(baseline, false)
}

// followRunInProgress watches the run that is in progress when the runbook
// has loaded (runtime PROCESSING): its logs stream into step 3 in follow
// mode until it ends, then the runbook refreshes.
func (s *Screen) followRunInProgress() tea.Cmd {
	fl := s.report.Flow
	if s.watch.watching || fl.RuntimeStatus != nexla.RuntimeProcessing || fl.LastRunID == 0 {
		return nil
	}
	s.note("run %d in progress: following its logs (step 3)", fl.LastRunID)
	return s.startWatch(fl.LastRunID-1, true)
}

// startWatch polls for the first run above baseline and streams its logs.
func (s *Screen) startWatch(baseline int64, following bool) tea.Cmd {
	s.watch.seq++
	s.watch.watching, s.watch.done, s.watch.following = true, false, following
	s.watch.polls, s.watch.logLines, s.watch.last, s.watch.baseline = 0, 0, rb.WatchStatus{}, baseline
	s.logs.Reset()
	s.logs.Follow()
	s.logRun = 0
	s.version++
	return tea.Batch(watchTick(s.loads.Current(), s.watch.seq, 0), s.ensureLogTick())
}

func (s *Screen) onWatch(m watchMsg) tea.Cmd {
	s.watch.polls++
	next := watchTick(s.loads.Current(), s.watch.seq, s.watchEvery)
	if m.err != nil {
		s.note("poll failed (will retry): %s", viewkit.ErrText(m.err))
		return next
	}
	prev := s.watch.last
	s.watch.last = m.status
	if len(m.logs) > 0 {
		s.logs.Queue(m.logs)
		s.watch.logLines += len(m.logs)
	}
	if id := m.status.RunID; id != 0 && id != prev.RunID {
		if !s.watch.following || prev.RunID != 0 {
			s.note("run %d started", id)
		}
		s.logRun = id
	}
	if !m.status.Done {
		s.version++
		return next
	}
	s.watch.done = true
	r := m.status.Run
	verdict := fmt.Sprintf("run %d %s: %d records, %d errors", r.ID, r.Outcome, r.Records, r.Errors)
	s.note("%s", verdict)
	level, title := ui.ToastInfo, "fix verified"
	switch {
	case s.watch.following && m.status.Succeeded():
		title = "run succeeded"
	case s.watch.following:
		level, title = ui.ToastError, "run failed"
	case !m.status.Succeeded():
		level, title = ui.ToastError, "issue persists"
	}
	// The run is over: refresh so every step counts it.
	return tea.Batch(ui.Toast(level, title+": "+verdict),
		s.d.Terminal.NotifyCmd("nexla-tui "+title, fmt.Sprintf("flow %q %s", s.report.Flow.Name, verdict)), s.refresh())
}

// fixLines is the detail of step 7.
func (s *Screen) fixLines() []string {
	st := s.report.Step(rb.StepFixVerify)
	lines := []string{st.Summary, ""}
	if top := s.report.Top(); top.Fix != "" {
		lines = append(lines, "suggested fix: "+top.Fix, "")
	}
	lines = append(lines, "p  pause the flow (asks first)", "a  activate the flow, then watch its next run live", "")
	w := s.watch
	switch {
	case w.active() && w.last.RunID != 0:
		line := fmt.Sprintf("watching run %d: %s (poll %d)", w.last.RunID, viewkit.Or(w.last.Runtime, "?"), w.polls)
		if r := w.last.Run; r != nil {
			line += fmt.Sprintf(", %d records, %d errors so far", r.Records, r.Errors)
		}
		lines = append(lines, line)
	case w.active():
		lines = append(lines, fmt.Sprintf("waiting for a run newer than %d (poll %d)", w.baseline, w.polls))
	case w.following:
		// A run that was under way when the runbook opened verifies no fix.
	case w.done && w.last.Succeeded():
		lines = append(lines, "VERIFIED: the next run succeeded")
	case w.done:
		lines = append(lines, "NOT FIXED: the next run failed; read its logs (step 3) and try again")
	}
	return append(lines, w.log...)
}

// fixState is step 7's state, overriding the report while a fix is under way.
func (s *Screen) fixState() rb.State {
	switch w := s.watch; {
	case w.following:
	case w.active():
		return rb.StateRunning
	case w.done && w.last.Succeeded():
		return rb.StateOK
	case w.done:
		return rb.StateFailing
	}
	return s.report.Step(rb.StepFixVerify).State
}
