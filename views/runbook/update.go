package runbook

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Update routes messages; async results from an older start are dropped.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case eventsMsg:
		if !s.loads.Latest(m.ticket) {
			return s, nil
		}
		return s, s.onEvents(m)
	case logTickMsg:
		if !s.loads.Latest(m.ticket) {
			return s, nil
		}
		s.logTicking = false
		s.logs.Flush()
		if s.visible && (!s.facts.Done || s.watchActive()) {
			return s, s.logTick()
		}
		return s, nil
	case ui.MutationDoneMsg:
		// Addressed to this screen by the shell, whatever load is current:
		// a refresh during the call must not drop its outcome.
		if action, ok := m.Tag.(string); ok {
			return s, s.onAction(action, m.Outcome, m.Err)
		}
		return s, nil
	case statusMsg:
		s.onStatus(m)
		return s, nil
	case ui.WatchUpdatedMsg:
		return s, s.syncWatch()
	case ui.VisibilityMsg:
		s.visible = m.Visible
		if m.Visible {
			// The watch went on while another screen was shown.
			return s, tea.Batch(s.syncWatch(), s.ensureLogTick())
		}
		return s, nil
	case ui.RefreshMsg:
		// The watch of a run lives in the shell: a refresh never drops it.
		if !s.facts.Done && s.refreshing == nil {
			s.restart() // the first load had not finished: start over
			return s, s.Init()
		}
		return s, s.refresh()
	case components.FilterChangedMsg:
		if s.search.Accept(m) {
			s.logs.SetQuery(m.Query)
		}
		return s, nil
	case compareMsg:
		s.onCompare(m)
		return s, nil
	case savedMsg:
		return s, s.onSaved(m)
	case probeMsg:
		if s.loads.Latest(m.ticket) {
			s.probeLines = m.lines
			s.version++
		}
		return s, nil
	case tea.KeyPressMsg:
		return s, s.onKey(m)
	}
	return s, nil
}

func (s *Screen) onEvents(m eventsMsg) tea.Cmd {
	if s.refreshing != nil {
		for _, ev := range m.events {
			ev.Apply(s.refreshing)
		}
		if !m.closed {
			return readEvents(m.ticket, m.ch)
		}
		s.facts, s.refreshing = s.refreshing, nil
		s.facts.Done = true
		s.report = rb.Analyze(s.facts)
		s.live = liveStatus{} // the refresh read the flow after the last mutation
		s.readAt = s.d.Now()
		s.version++
		s.feedLogs()
		return s.syncWatch()
	}
	for _, ev := range m.events {
		ev.Apply(s.facts)
		if !ev.Started {
			s.calls++
		}
	}
	if m.closed {
		s.facts.Done = true
		s.readAt = s.d.Now()
	}
	s.report = rb.Analyze(s.facts)
	s.version++
	s.feedLogs()
	if m.closed {
		return tea.Batch(s.syncWatch(), s.followRunInProgress())
	}
	return readEvents(m.ticket, m.ch)
}

// feedLogs shows the failed run's logs (else the successful run's) once they arrive.
func (s *Screen) feedLogs() {
	if rec, ok := s.watchRecord(); ok && rec.LogsDropped+len(rec.Logs) > 0 {
		return // the log view follows the watched run
	}
	run, logs := s.facts.FailedRunID, s.facts.FailedLogs
	if run == 0 {
		run, logs = s.facts.OKRunID, s.facts.OKLogs
	}
	if run == 0 || run == s.logRun {
		return
	}
	s.logRun = run
	s.logs.Reset()
	s.logs.Queue(logs)
	s.logs.Flush()
}

func (s *Screen) onKey(m tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	if s.search.Open() {
		return s.search.Update(m)
	}
	if cmd, ok := s.jumpKey(m); ok {
		return cmd
	}
	switch {
	case key.Matches(m, g.Pause.Binding):
		return s.requestAction("pause")
	case key.Matches(m, g.Activate.Binding):
		return s.requestAction("activate")
	case key.Matches(m, g.Back.Binding):
		switch {
		case s.search.Active():
			return s.search.Clear()
		case s.change != nil:
			back := s.change.back
			s.change = nil
			s.layout()
			s.pane.cursor = back // the reader's place in the step
			s.pane.clamp()
		case s.zoom:
			s.zoom = false
		default:
			s.inPane = false
		}
		s.layout()
		return nil
	case key.Matches(m, s.keys.Access.Binding):
		// Who has access (and so who can help when the caller may not act).
		return ui.Navigate(ui.Route{Kind: ui.RouteAccess, RT: s.target.RT, ID: s.target.ID})
	case s.inPane && key.Matches(m, g.Enter.Binding) && s.step() != rb.StepLogs:
		return s.open()
	case key.Matches(m, s.keys.Focus.Binding):
		s.inPane = !s.inPane
		s.layout()
		return nil
	case key.Matches(m, s.keys.Probe.Binding) && s.step() == rb.StepDependencies:
		refs := s.credentialRefs()
		if len(refs) == 0 {
			return ui.Toast(ui.ToastInfo, "no credential to probe yet")
		}
		s.probeLines = []string{"probing " + strconv.Itoa(len(refs)) + " credential(s)…"}
		s.version++
		return probeDeep(s.ctx, s.d.API, s.loads.Current(), refs)
	}
	if s.inPane {
		return s.paneKey(m)
	}
	switch {
	case key.Matches(m, g.Up.Binding):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(m, g.Down.Binding):
		s.cursor = min(s.cursor+1, len(rb.AllSteps)-1)
	case key.Matches(m, g.Home.Binding):
		s.cursor = 0
	case key.Matches(m, g.End.Binding):
		s.cursor = len(rb.AllSteps) - 1
	case m.String() >= "1" && m.String() <= "7":
		s.cursor = int(m.String()[0] - '1')
	}
	s.change = nil
	s.layout()
	return nil
}

// paneKey moves through the detail pane; on the logs step it drives the log view.
func (s *Screen) paneKey(m tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	if s.step() != rb.StepLogs || s.change != nil {
		cmd, _ := s.linkKey(m)
		s.layout()
		return cmd
	}
	page := max(s.logs.Height()-1, 1)
	switch {
	case key.Matches(m, g.Filter.Binding):
		s.search.Focus()
	case s.logs.ShowKey(m, s.keys.Level, s.keys.Wrap, s.keys.Stamps): // severity, wrap, stamps: applied by the view
	case key.Matches(m, s.keys.Follow.Binding):
		s.logs.ToggleFollow()
	default:
		s.logs.MoveKey(m, g, page)
	}
	return nil
}

// requestAction opens the confirm modal for pausing or activating the whole
// flow, after the checks that need no I/O (read-only is the shell's): the flow is known,
// and the user's access roles allow it (never found out by trying).
func (s *Screen) requestAction(action string) tea.Cmd {
	fl := s.report.Flow
	if fl.ID == 0 {
		return ui.Toast(ui.ToastWarn, "the flow is not loaded yet")
	}
	if ok, known := s.facts.CanOperate(); known && !ok {
		return ui.Toast(ui.ToastWarn, fmt.Sprintf("you cannot %s this flow: your roles do not include owner, admin or operator", action))
	}
	if rec, ok := s.watchRecord(); ok && rec.Active() && rec.Verifies {
		return ui.Toast(ui.ToastInfo, "already watching a run; wait for it to end")
	}
	effects := make([]string, 0, len(s.facts.Resources))
	for _, r := range s.facts.Resources {
		effects = append(effects, r.Label()+" -> "+map[string]string{"pause": "PAUSED", "activate": "ACTIVE"}[action])
	}
	s.cursor = int(rb.StepFixVerify) - 1
	done := "flow paused"
	if action == "activate" {
		done = "flow activated: watching the next run"
	}
	notes, warnings := s.dialogNotes(action)
	return ui.Mutate(ui.Mutation{
		Confirm: ui.ConfirmRequest{Title: viewkit.Capitalize(action) + " flow",
			Resource: fmt.Sprintf("flow %q (id %d)", fl.Name, fl.ID), Action: action, Effects: effects,
			Notes: notes, Warnings: warnings},
		What: fmt.Sprintf("flow %d", fl.ID), Done: done, Tag: action, Call: flowAction(s.d.API, fl.ID, action),
	})
}
