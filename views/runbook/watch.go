package runbook

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// The watch of the next run lives in the shell (ui.Watches): it keeps
// polling after the runbook is left, and a runbook opened later shows its
// timeline. This file builds the watch (its poll and its verdict words) and
// takes its news into the screen: step 7's lines, step 3's live logs, the
// header's status.

// watchSeen is what the screen has taken from its flow's watch.
type watchSeen struct {
	seq  int  // the record's Seq last taken
	logs int  // lines of the watched run queued into the log view (dropped ones included)
	done bool // the end was taken (the screen refreshed for it)
}

// liveStatus is the flow's status as read after a mutation or by the watch,
// newer than the report's until the next complete refresh.
type liveStatus struct {
	seq    int
	status string
}

// watchKey names the watch of this runbook's flow in ui.Watches.
func (s *Screen) watchKey() string {
	if s.report.Flow.ID == 0 {
		return ""
	}
	return watchKeyOf(s.report.Flow.ID)
}

func watchKeyOf(flowID int64) string { return "flow " + fmt.Sprint(flowID) }

// watchRecord is the shell's record of this flow's watch, if any.
func (s *Screen) watchRecord() (ui.WatchRecord, bool) {
	k := s.watchKey()
	if k == "" {
		return ui.WatchRecord{}, false
	}
	return s.d.Watches.Get(k)
}

// watchActive reports a watch of this flow still polling.
func (s *Screen) watchActive() bool {
	r, ok := s.watchRecord()
	return ok && r.Active()
}

func (s *Screen) note(format string, a ...any) {
	s.actions = append(s.actions, s.d.Now().UTC().Format("15:04:05")+" "+fmt.Sprintf(format, a...))
	s.version++
}

// onAction notes a confirmed call's outcome in step 7 (the shell shows the
// toast), re-reads the flow's status for the header whatever the outcome,
// and after an activation asks the shell to watch the next run.
func (s *Screen) onAction(action string, o nexla.Outcome, err error) tea.Cmd {
	status := s.readStatus()
	if err != nil {
		s.note("%s failed: %s", action, viewkit.ErrText(err))
		return status
	}
	if o.Note != "" {
		s.note("%s: %s", action, viewkit.Clean(o.Note))
	}
	if action == "pause" {
		s.note("flow paused; apply the fix, then press a to activate and watch the next run")
		return status
	}
	baseline := s.report.Flow.LastRunID
	if l := s.report.Stats.Latest; l != nil && l.ID > baseline {
		baseline = l.ID
	}
	s.seen = watchSeen{}
	return tea.Batch(status, ui.StartWatch(s.watchSpec(baseline, false)))
}

// followRunInProgress asks the shell to follow the run that is in progress
// when the runbook has loaded (runtime PROCESSING): its logs stream into
// step 3 until it ends, then the runbook refreshes.
func (s *Screen) followRunInProgress() tea.Cmd {
	fl := s.report.Flow
	if fl.RuntimeStatus != nexla.RuntimeProcessing || fl.LastRunID == 0 {
		return nil
	}
	if s.watchActive() {
		return nil // a watch of this flow already follows its runs
	}
	return ui.StartWatch(s.watchSpec(fl.LastRunID-1, true))
}

// watchSpec is the watch of the first run above baseline: after an
// activation (it verifies the fix) or of a run already in progress
// (following). Its poll is built from copies of the screen's state.
func (s *Screen) watchSpec(baseline int64, following bool) ui.WatchSpec {
	fl := s.report.Flow
	title := fmt.Sprintf("flow %q (id %d)", viewkit.Clean(fl.Name), fl.ID)
	note := "flow activated; watching for the next run"
	if following {
		note = fmt.Sprintf("run %d in progress: following its logs (step 3)", fl.LastRunID)
	}
	p := &runPoll{api: s.d.API, flowID: fl.ID, baseline: baseline, following: following,
		resources: append([]rb.ResourceRef(nil), s.facts.Resources...), since: s.d.Now().Add(-24 * time.Hour)}
	return ui.WatchSpec{Key: watchKeyOf(fl.ID), Title: title, Every: s.watchEvery, Notes: []string{note},
		Verifies: !following, Poll: p.poll}
}

// runPoll is one watch's state between polls (the shell never runs two at once).
type runPoll struct {
	api       nexla.API
	flowID    int64
	baseline  int64
	following bool
	resources []rb.ResourceRef
	since     time.Time // log reads start here: the data's clock, not the client's
	seen      int       // log lines of the watched run already read
	runID     int64     // the run seen so far
}

// poll reads the flow and its newest runs, then the watched run's log lines
// past those already read (a run in progress has logs before counts; a
// failed log read is retried by the next poll).
func (p *runPoll) poll(ctx context.Context) (ui.WatchPoll, error) {
	st, err := rb.PollRun(ctx, p.api, p.flowID, p.baseline, p.resources)
	if err != nil {
		return ui.WatchPoll{}, err
	}
	out := ui.WatchPoll{Status: viewkit.Clean(st.FlowStatus), RunID: st.RunID}
	if st.RunID != 0 {
		if st.RunID != p.runID {
			if !p.following || p.runID != 0 {
				out.Notes = append(out.Notes, fmt.Sprintf("run %d started", st.RunID))
			}
			p.runID = st.RunID
		}
		out.Logs, _ = logsAfter(ctx, p.api, p.flowID, st.RunID, p.seen, p.since)
		p.seen += len(out.Logs)
	}
	out.Progress = progressLine(st, p.baseline)
	if st.Done {
		out.Done, out.Outcome = true, runVerdict(st, p.following)
	}
	return out, nil
}

func progressLine(st rb.WatchStatus, baseline int64) string {
	if st.RunID == 0 {
		return fmt.Sprintf("waiting for a run newer than %d", baseline)
	}
	line := fmt.Sprintf("run %d: %s", st.RunID, viewkit.Or(viewkit.Clean(st.Runtime), "?"))
	if r := st.Run; r != nil {
		line += fmt.Sprintf(", %d records, %d errors so far", r.Records, r.Errors)
	}
	return line
}

// runVerdict words the end of a watch by its evidence: the run's outcome and
// how many runs since the change succeeded. "Verified" is never claimed:
// one good run is one good run.
func runVerdict(st rb.WatchStatus, following bool) ui.WatchOutcome {
	r := st.Run
	counts := fmt.Sprintf("run %d: %d records, %d errors", r.ID, r.Records, r.Errors)
	if following {
		switch r.Outcome {
		case rb.OutcomeSuccess:
			return ui.WatchOutcome{Level: ui.ToastInfo, OK: true, Title: "run succeeded", Verdict: fmt.Sprintf("run %d succeeded (%d records, %d errors)", r.ID, r.Records, r.Errors)}
		case rb.OutcomePartial:
			return ui.WatchOutcome{Level: ui.ToastWarn, Title: "run finished with errors", Verdict: fmt.Sprintf("run %d finished with errors (%d records, %d errors)", r.ID, r.Records, r.Errors)}
		}
		return ui.WatchOutcome{Level: ui.ToastError, Title: "run failed", Verdict: fmt.Sprintf("run %d failed (%d records, %d errors)", r.ID, r.Records, r.Errors)}
	}
	since := fmt.Sprintf("%d of %d since the fix", st.SinceOK, st.Since)
	switch r.Outcome {
	case rb.OutcomeSuccess:
		return ui.WatchOutcome{Level: ui.ToastInfo, OK: true, Title: "the next run succeeded",
			Verdict: "the next run succeeded (" + since + "): " + counts}
	case rb.OutcomePartial:
		return ui.WatchOutcome{Level: ui.ToastWarn, Title: "the next run finished with errors",
			Verdict: "the next run finished with errors (" + since + " succeeded): " + counts}
	}
	return ui.WatchOutcome{Level: ui.ToastError, Title: "the next run failed",
		Verdict: "the next run failed (" + since + " succeeded): " + counts}
}

// syncWatch takes the watch's news: new log lines into the log view (step
// 3 follows the watched run), the flow's status for the header, and, once
// the watch has ended, a refresh so every step counts the new run.
func (s *Screen) syncWatch() tea.Cmd {
	rec, ok := s.watchRecord()
	if !ok || rec.Seq == s.seen.seq {
		return nil
	}
	s.seen.seq = rec.Seq
	s.version++
	if rec.Last.Status != "" {
		s.statusSeq++
		s.live = liveStatus{seq: s.statusSeq, status: rec.Last.Status}
	}
	var cmds []tea.Cmd
	total := rec.LogsDropped + len(rec.Logs)
	if total > s.seen.logs || (rec.Last.RunID != 0 && rec.Last.RunID != s.logRun && total > 0) {
		if s.logRun != rec.Last.RunID && rec.Last.RunID != 0 {
			s.logRun = rec.Last.RunID
			s.logs.Reset()
			s.logs.Follow()
			s.seen.logs = 0
		}
		from := max(s.seen.logs-rec.LogsDropped, 0)
		s.logs.Queue(rec.Logs[from:])
		s.seen.logs = total
		cmds = append(cmds, s.ensureLogTick())
	}
	if rec.Done && !s.seen.done {
		s.seen.done = true
		if s.facts.Done && s.refreshing == nil {
			cmds = append(cmds, s.refresh()) // the run is over: every step counts it
		}
	}
	return tea.Batch(cmds...)
}

// statusMsg is the flow's status re-read after a mutation.
type statusMsg struct {
	seq    int
	status string
	err    error
}

// readStatus re-reads the flow's status (one call, the flow alone) so the
// header shows what the mutation did at once, before the full refresh.
func (s *Screen) readStatus() tea.Cmd {
	id := s.report.Flow.ID
	if id == 0 {
		return nil
	}
	s.statusSeq++
	seq, api, ctx := s.statusSeq, s.d.API, s.loads.Ctx()
	return func() tea.Msg {
		fr, err := api.GetFlow(ctx, id, nexla.FlowGetOptions{FlowsOnly: true})
		if err != nil {
			return statusMsg{seq: seq, err: err}
		}
		if len(fr.Flows) == 0 {
			return statusMsg{seq: seq, err: fmt.Errorf("flow %d: empty answer", id)}
		}
		return statusMsg{seq: seq, status: viewkit.Clean(fr.Flows[0].Status)}
	}
}

func (s *Screen) onStatus(m statusMsg) {
	if m.seq != s.statusSeq {
		return // a newer read (or a watch poll) was asked for since
	}
	if m.err != nil {
		s.note("could not re-read the flow's status: %s", viewkit.ErrText(m.err))
		return
	}
	s.live = liveStatus{seq: m.seq, status: m.status}
	s.version++
}

// headerStatus is the flow's status for the title line: the newest read.
func (s *Screen) headerStatus() string {
	if s.live.status != "" {
		return s.live.status
	}
	return viewkit.Or(s.report.Flow.Status, "?")
}

// fixLines is the detail of step 7: the suggested fix, the keys, where the
// watch stands (or how it ended, in words that follow the evidence), its
// timeline and what was done on this screen.
func (s *Screen) fixLines() []string {
	st := s.report.Step(rb.StepFixVerify)
	lines := []string{st.Summary, ""}
	if top := s.report.Top(); top.Fix != "" {
		lines = append(lines, "suggested fix: "+top.Fix, "")
	}
	lines = append(lines, "p  pause the flow (asks first)", "a  activate the flow, then watch its next run (the watch goes on if you leave)", "")
	rec, ok := s.watchRecord()
	switch {
	case !ok:
	case rec.Active():
		lines = append(lines, fmt.Sprintf("watching: %s (poll %d)", viewkit.Or(rec.Last.Progress, "first poll…"), rec.Polls))
	case !rec.Verifies:
		// A run that was under way when the runbook opened verifies no fix.
	case rec.Outcome.OK:
		lines = append(lines, rec.Outcome.Verdict)
	default:
		lines = append(lines, rec.Outcome.Verdict+"; read its logs (step 3) and try again")
	}
	if ok {
		lines = append(lines, rec.Timeline...)
	}
	return append(lines, s.actions...)
}

// fixState is step 7's state, overriding the report while a fix is under way.
func (s *Screen) fixState() rb.State {
	rec, ok := s.watchRecord()
	switch {
	case !ok || !rec.Verifies:
	case rec.Active():
		return rb.StateRunning
	case rec.Outcome.OK:
		return rb.StateOK
	default:
		return rb.StateFailing
	}
	return s.report.Step(rb.StepFixVerify).State
}
