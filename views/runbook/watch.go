package runbook

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// watchState is step 7: what was done to the flow and the run being watched.
type watchState struct {
	seq      int
	log      []string // what happened, oldest first
	watching bool
	parked   bool // a poll is due but the screen is hidden
	done     bool
	baseline int64 // newest run before activation
	logLines int   // lines of the watched run already queued
	last     rb.WatchStatus
	polls    int
}

func (w *watchState) active() bool { return w.watching && !w.done }

func (s *Screen) note(format string, a ...any) {
	s.watch.log = append(s.watch.log, s.d.Now().UTC().Format("15:04:05")+" "+fmt.Sprintf(format, a...))
	s.version++
}

func (s *Screen) onAction(m actionMsg) tea.Cmd {
	if m.err != nil {
		s.note("%s failed: %s", m.action, viewkit.ErrText(m.err))
		return ui.Toast(ui.ToastError, m.action+" failed: "+viewkit.ErrText(m.err))
	}
	if m.action == "pause" {
		s.note("flow paused; apply the fix, then press a to activate and watch the next run")
		return ui.Toast(ui.ToastInfo, "flow paused")
	}
	s.note("flow activated; watching for the next run")
	s.watch.seq++
	s.watch.watching, s.watch.done, s.watch.polls, s.watch.logLines = true, false, 0, 0
	s.watch.baseline = s.report.Flow.LastRunID
	if l := s.report.Stats.Latest; l != nil && l.ID > s.watch.baseline {
		s.watch.baseline = l.ID
	}
	s.logs.Reset()
	s.logs.follow = true
	s.logRun = 0
	return tea.Batch(ui.Toast(ui.ToastInfo, "flow activated: watching the next run"),
		watchTick(s.seq, s.watch.seq, 0), s.logTick())
}

func (s *Screen) onWatch(m watchMsg) tea.Cmd {
	s.watch.polls++
	next := watchTick(s.seq, s.watch.seq, watchInterval)
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
	if r := m.status.Run; r != nil && (prev.Run == nil || prev.Run.ID != r.ID) {
		s.note("run %d started", r.ID)
		s.logRun = r.ID
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
	if !m.status.Succeeded() {
		level, title = ui.ToastError, "issue persists"
	}
	return tea.Batch(ui.Toast(level, title+": "+verdict), notify("nexla-tui "+title, fmt.Sprintf("flow %q %s", s.report.Flow.Name, verdict)))
}

// fixLines is the detail of step 7.
func (s *Screen) fixLines() []string {
	st := s.report.Step(rb.StepFixVerify)
	lines := []string{st.Summary, ""}
	if top := s.report.Top(); top.Fix != "" {
		lines = append(lines, "suggested fix: "+top.Fix, "")
	}
	lines = append(lines, "p  pause the flow (asks first)", "a  activate the flow, then watch its next run live", "")
	switch {
	case s.watch.active() && s.watch.last.Run != nil:
		r := s.watch.last.Run
		lines = append(lines, fmt.Sprintf("watching run %d: %s, %d records, %d errors so far (poll %d)", r.ID, viewkit.Or(s.watch.last.Runtime, "?"), r.Records, r.Errors, s.watch.polls))
	case s.watch.active():
		lines = append(lines, fmt.Sprintf("waiting for a run newer than %d (poll %d)", s.watch.baseline, s.watch.polls))
	case s.watch.done && s.watch.last.Succeeded():
		lines = append(lines, "VERIFIED: the next run succeeded")
	case s.watch.done:
		lines = append(lines, "NOT FIXED: the next run failed; read its logs (step 3) and try again")
	}
	return append(lines, s.watch.log...)
}

// fixState is step 7's state, overriding the report while a fix is under way.
func (s *Screen) fixState() rb.State {
	switch {
	case s.watch.active():
		return rb.StateRunning
	case s.watch.done && s.watch.last.Succeeded():
		return rb.StateOK
	case s.watch.done:
		return rb.StateFailing
	}
	return s.report.Step(rb.StepFixVerify).State
}
