package runbook

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// From the evidence to what it names, and from the runbook to someone
// else: enter opens what the pane's selected mention names (a resource's
// detail, a run's logs, a change's whole diff); space marks runs of the
// run table and two marked runs are compared in step 4; y copies the
// findings as Markdown, S saves the whole report, o copies a console URL.

// compareLogLimit bounds the log lines read of each compared run.
const compareLogLimit = 20000

// compareState is the comparison of the two marked runs.
type compareState struct {
	a, b   int64
	result *rb.RunComparison
	err    error
}

// compareMsg is CompareRuns' answer.
type compareMsg struct {
	ticket viewkit.Ticket
	a, b   int64
	cmp    rb.RunComparison
	err    error
}

// changeView is a change opened from the evidence: its line, then every
// line of its diff (the steps cut long ones).
type changeView struct {
	content []paneLine
	back    int // the step pane's cursor line, restored on esc
}

func (c *changeView) lines() []paneLine { return c.content }

// savedMsg says where the report was saved.
type savedMsg struct {
	path string
	err  error
	// why is set when the save replaces a copy that was too large.
	why string
}

// ClaimsKey takes y (copy the findings, or the selected log line) and o
// (the console URL of what is selected) from the shell.
func (s *Screen) ClaimsKey(m tea.KeyPressMsg) bool {
	g := s.d.Keys
	return key.Matches(m, g.CopyID.Binding) || key.Matches(m, g.OpenURL.Binding)
}

// jumpKey handles the keys of this file; ok is false for other keys.
func (s *Screen) jumpKey(m tea.KeyPressMsg) (tea.Cmd, bool) {
	g := s.d.Keys
	switch {
	case key.Matches(m, g.CopyID.Binding):
		return s.copyCmd(), true
	case key.Matches(m, g.OpenURL.Binding):
		return s.openURL(), true
	case key.Matches(m, s.keys.Save.Binding):
		return s.saveCmd(""), true
	case key.Matches(m, s.keys.Zoom.Binding):
		s.zoom = !s.zoom
		s.inPane = s.inPane || s.zoom
		s.layout()
		return nil, true
	}
	return nil, false
}

// linkKey drives the pane of a step other than the logs; ok is false for
// keys it does not use.
func (s *Screen) linkKey(m tea.KeyPressMsg) (tea.Cmd, bool) {
	g := s.d.Keys
	_, h := s.bodySize()
	switch {
	case key.Matches(m, g.Enter.Binding):
		return s.open(), true
	case key.Matches(m, s.keys.Mark.Binding) && s.step() == rb.StepRunMetrics && s.change == nil:
		return s.mark(), true
	case key.Matches(m, s.keys.Next.Binding):
		s.pane.nextLink(1)
	case key.Matches(m, s.keys.Prev.Binding):
		s.pane.nextLink(-1)
	case key.Matches(m, g.Up.Binding):
		s.pane.move(-1)
	case key.Matches(m, g.Down.Binding):
		s.pane.move(1)
	case key.Matches(m, g.PageUp.Binding):
		s.pane.page(-max(h-1, 1))
	case key.Matches(m, g.PageDown.Binding):
		s.pane.page(max(h-1, 1))
	case key.Matches(m, g.Home.Binding):
		s.pane.home()
	case key.Matches(m, g.End.Binding):
		s.pane.end()
	case key.Matches(m, s.keys.Wrap.Binding):
		s.pane.toggleWrap()
	default:
		return nil, false
	}
	return nil, true
}

// open opens what the selected mention names.
func (s *Screen) open() tea.Cmd {
	m, ok := s.pane.selected()
	if !ok {
		return ui.Toast(ui.ToastInfo, "this line names nothing to open (→/l: next link)")
	}
	switch m.Kind {
	case rb.MentionResource:
		return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: m.RT, ID: m.ID})
	case rb.MentionAccess:
		return ui.Navigate(ui.Route{Kind: ui.RouteAccess, RT: m.RT, ID: m.ID})
	case rb.MentionRun:
		if s.report.Flow.ID == 0 {
			return ui.Toast(ui.ToastWarn, "the flow is not loaded yet")
		}
		return ui.Navigate(ui.Route{Kind: ui.RouteLogs, RT: nexla.Flows, ID: s.report.Flow.ID, Run: m.ID})
	case rb.MentionChange:
		if m.Change < 0 || m.Change >= len(s.report.Changes) {
			return nil
		}
		c := s.report.Changes[m.Change]
		lines := []string{s.pane.cursorLine(), ""}
		diff := c.Diff()
		if len(diff) == 0 {
			diff = []string{"(the audit log recorded no values for this change)"}
		}
		lines = append(lines, diff...)
		lines = append(lines, "", "esc: back to the step")
		s.change = &changeView{content: s.mentioning(lines), back: s.pane.cursor}
		s.pane.home()
		s.inPane = true
		s.layout()
	}
	return nil
}

// mark toggles the selected run's mark; the second mark compares the two
// runs in step 4 (a third replaces the oldest mark).
func (s *Screen) mark() tea.Cmd {
	m, ok := s.pane.selected()
	if !ok || m.Kind != rb.MentionRun {
		return ui.Toast(ui.ToastInfo, "select a run of the table to mark it")
	}
	if i := slices.Index(s.marks, m.ID); i >= 0 {
		s.marks = slices.Delete(s.marks, i, i+1)
		s.compare = nil
		s.version++
		s.layout()
		return nil
	}
	s.marks = append(s.marks, m.ID)
	if len(s.marks) > 2 {
		s.marks = s.marks[1:]
	}
	s.version++
	if len(s.marks) < 2 {
		s.layout()
		return ui.Toast(ui.ToastInfo, fmt.Sprintf("run %d marked: mark another to compare them", m.ID))
	}
	return s.startCompare()
}

// startCompare reads the two marked runs' logs and compares them in step 4.
func (s *Screen) startCompare() tea.Cmd {
	a, okA := s.report.Run(s.marks[0])
	b, okB := s.report.Run(s.marks[1])
	if !okA || !okB || s.report.Flow.ID == 0 {
		return ui.Toast(ui.ToastWarn, "the marked runs are no longer in the run table")
	}
	s.compare = &compareState{a: a.ID, b: b.ID}
	s.cursor = int(rb.StepRunDiff) - 1
	s.pane.home()
	s.version++
	s.layout()
	ctx, api, ticket, flowID, changes, now := s.ctx, s.d.API, s.loads.Current(), s.report.Flow.ID, s.report.Changes, s.d.Now()
	return func() tea.Msg {
		cmp, err := rb.CompareRuns(ctx, api, flowID, a, b, changes, now, compareLogLimit)
		return compareMsg{ticket: ticket, a: a.ID, b: b.ID, cmp: cmp, err: err}
	}
}

func (s *Screen) onCompare(m compareMsg) {
	if !s.loads.Latest(m.ticket) || s.compare == nil || s.compare.a != m.a || s.compare.b != m.b {
		return
	}
	s.compare.result, s.compare.err = &m.cmp, m.err
	s.version++
	s.layout()
}

// compareLines is step 4 while two runs are marked.
func (s *Screen) compareLines() []paneLine {
	c := s.compare
	head := fmt.Sprintf("4. Compare marked runs %d and %d", max(c.a, c.b), min(c.a, c.b))
	switch {
	case c.err != nil:
		return s.mentioning([]string{head, "could not compare them: " + viewkit.ErrText(c.err), "", "space on a marked run (step 2) unmarks it"})
	case c.result == nil:
		return s.mentioning([]string{head, "reading both runs' logs…"})
	}
	lines := append([]string{head}, c.result.Lines(s.facts)...)
	return s.mentioning(append(lines, "", "space on a marked run (step 2) unmarks it: step 4 then compares the failed and the good run"))
}

// copyCmd copies the selected log line (in the logs pane) or the findings
// as Markdown; findings over the OSC 52 limit are saved instead.
func (s *Screen) copyCmd() tea.Cmd {
	if s.inPane && s.step() == rb.StepLogs && s.change == nil {
		line, ok := s.logs.Selected()
		if !ok {
			return ui.Toast(ui.ToastInfo, "no log line to copy")
		}
		return ui.Copy(line, "log line")
	}
	if s.report.Flow.ID == 0 && len(s.report.Findings) == 0 {
		return ui.Toast(ui.ToastWarn, "nothing to copy yet: the runbook is still reading the flow")
	}
	var b bytes.Buffer
	_ = rb.WriteFindingsMarkdown(&b, s.report)
	what := "the findings (Markdown)"
	if !s.report.Done {
		what = "the findings so far (Markdown; the runbook is still collecting)"
	}
	if b.Len() > ui.MaxClipboardText {
		return s.saveCmd(fmt.Sprintf("the findings are %d bytes, over the %d-byte OSC 52 limit", b.Len(), ui.MaxClipboardText))
	}
	return ui.Copy(b.String(), what)
}

// saveCmd writes the whole report as Markdown under Deps.ReportDir (0600,
// no symlinks: safefile) off the UI goroutine; why says it replaces a copy.
func (s *Screen) saveCmd(why string) tea.Cmd {
	dir := s.d.ReportDir
	if dir == "" {
		return ui.Toast(ui.ToastWarn, "cannot save the report: set XDG_STATE_HOME or HOME to an absolute path")
	}
	var b bytes.Buffer
	if err := rb.WriteMarkdown(&b, s.report); err != nil {
		return ui.Toast(ui.ToastError, "cannot render the report: "+err.Error())
	}
	id := s.report.Flow.ID
	if id == 0 {
		id = s.target.ID
	}
	name := fmt.Sprintf("runbook-flow-%d-%s.md", id, s.d.Now().UTC().Format("20060102-150405"))
	path := filepath.Join(dir, name)
	data := b.Bytes()
	return func() tea.Msg { return savedMsg{path: path, err: safefile.WriteFile(path, data), why: why} }
}

func (s *Screen) onSaved(m savedMsg) tea.Cmd {
	if m.err != nil {
		return ui.Toast(ui.ToastError, "report not saved: "+m.err.Error())
	}
	text := "report saved to " + m.path
	if m.why != "" {
		return ui.Toast(ui.ToastWarn, m.why+": not copied; "+text)
	}
	return ui.Toast(ui.ToastInfo, text)
}

// openURL copies the console URL of the selected mention, else the flow's.
func (s *Screen) openURL() tea.Cmd {
	flowID := s.report.Flow.ID
	if m, ok := s.pane.selected(); ok && (s.inPane || s.zoom) && s.step() != rb.StepLogs {
		switch m.Kind {
		case rb.MentionResource, rb.MentionChange:
			return ui.OpenURL(m.RT, m.ID, mentionFlow(m, flowID))
		}
	}
	if flowID == 0 {
		return ui.Toast(ui.ToastWarn, "the flow is not loaded yet")
	}
	return ui.OpenURL(nexla.Flows, flowID, flowID)
}

// mentionFlow is the flow a mentioned resource is linked under: a flow is
// its own, a credential belongs to none, the rest to the runbook's flow.
func mentionFlow(m rb.Mention, flowID int64) int64 {
	switch m.RT {
	case nexla.Flows:
		return m.ID
	case nexla.DataCredentials:
		return 0
	}
	return flowID
}
