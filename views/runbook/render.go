package runbook

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/nexla-tui/nexla-tui/ui/components"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Layout: a title line, the findings summary (up to findingLines), a rule,
// then the step list beside the focused step's detail.
const (
	findingLines = 4
	stepListW    = 24 // "▶ ▲ 4 Failed vs good run"
)

// detailKey is what the detail pane's text depends on.
type detailKey struct {
	step, version, width int
	wrapped              bool
	change               *changeView
}

func (s *Screen) headerHeight() int {
	if s.zoom {
		return 1
	}
	return 1 + findingLines + 1
}

func (s *Screen) bodySize() (w, h int) {
	if s.zoom {
		return max(s.w, 10), max(s.h-s.headerHeight(), 1)
	}
	return max(s.w-stepListW-3, 10), max(s.h-s.headerHeight(), 1)
}

// layout sizes the panes and refreshes the memoised detail text.
func (s *Screen) layout() {
	w, h := s.bodySize()
	s.logs.SetSize(w, max(h-2, 1))
	s.logs.SetFocused(s.inPane)
	k := detailKey{s.cursor, s.version, w, s.pane.wrap, s.change}
	if k != s.detailKey && (s.step() != rb.StepLogs || s.change != nil) {
		s.detailKey = k
		s.pane.setLines(s.detailLines(w))
	}
	s.pane.setSize(w, h)
}

// View renders exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	s.layout()
	th := s.d.Theme
	var b strings.Builder
	b.WriteString(viewkit.FitLine(th.Title.Render(s.titleLine()), s.w) + "\n")
	if s.zoom {
		b.WriteString(s.paneView())
		return viewkit.Fit(b.String(), s.w, s.h)
	}
	for _, l := range s.findingLines() {
		b.WriteString(viewkit.FitLine(l, s.w) + "\n")
	}
	b.WriteString(th.Border.Render(strings.Repeat("─", s.w)) + "\n")
	_, bh := s.bodySize()
	left := s.stepLines()
	right := strings.Split(s.paneView(), "\n")
	sep := th.Border.Render(" │ ")
	if s.inPane {
		sep = th.Accent.Render(" ┃ ")
	}
	w, _ := s.bodySize()
	for i := 0; i < bh; i++ {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		b.WriteString(viewkit.FitLine(l, stepListW) + sep + viewkit.FitLine(r, w))
		if i < bh-1 {
			b.WriteString("\n")
		}
	}
	return viewkit.Fit(b.String(), s.w, s.h)
}

func (s *Screen) titleLine() string {
	fl := s.report.Flow
	t := "Runbook · " + s.target.String()
	if fl.ID != 0 {
		t = "Runbook · "
		if s.target.RT != nexla.Flows {
			t += s.target.String() + " in "
		}
		t += s.d.Console.Link(fmt.Sprintf("flow %q (id %d)", viewkit.Clean(fl.Name), fl.ID), nexla.Flows, fl.ID, fl.ID) + " " + s.headerStatus()
	}
	if s.refreshing != nil {
		t += fmt.Sprintf(" · refreshing (%d in flight)", s.refreshing.Pending())
	} else if n := s.facts.Pending(); n > 0 || !s.facts.Done {
		t += fmt.Sprintf(" · %d answered, %d in flight", s.calls, n)
	} else {
		t += fmt.Sprintf(" · %d calls answered", s.calls)
	}
	if !s.readAt.IsZero() {
		t += " · updated " + viewkit.Ago(s.d.Now(), s.readAt)
	}
	return t
}

// findingLines is the summary on top: the top finding and its evidence.
func (s *Screen) findingLines() []string {
	th, g := s.d.Theme, s.d.Theme.Glyphs
	out := make([]string, 0, findingLines)
	if len(s.report.Findings) == 0 {
		msg := "Looking for the cause…"
		if err := s.facts.Err("flow"); err != nil {
			// The retry key first and the error wrapped, so neither is cut at 80 columns.
			msg = th.Error.Render(g.Error+" cannot read the flow ("+viewkit.RetryKey(s.d.Keys)+" to retry):") + " " + viewkit.ErrText(err)
		}
		wrapped := strings.Split(components.WrapText(msg, s.w), "\n")
		out = append(out, wrapped[:min(len(wrapped), findingLines)]...)
	} else {
		top := s.report.Top()
		glyph, style := g.Error, th.Error
		switch {
		case top.Cause == rb.CauseHealthy:
			glyph, style = g.OK, th.OK
		case top.Severity == rb.SeverityWarning:
			glyph, style = g.Warn, th.Warn
		}
		prefix := ""
		if !s.report.Done {
			prefix = "(so far) "
		}
		// The sentence is the answer: wrap it rather than cut it.
		head := style.Render(glyph+" "+top.Title()+":") + " " + prefix + top.Sentence
		wrapped := strings.Split(components.WrapText(head, s.w), "\n")
		if len(wrapped) > findingLines-1 {
			wrapped = wrapped[:findingLines-1]
		}
		out = append(out, wrapped...)
		for _, e := range top.Evidence {
			if len(out) == findingLines-1 {
				break
			}
			out = append(out, th.Muted.Render("  evidence: ")+e)
		}
		if n := len(s.report.Findings) - 1; n > 0 && len(out) < findingLines {
			var causes []string
			for _, f := range s.report.Findings[1:] {
				causes = append(causes, f.Title())
			}
			out = append(out, th.Muted.Render(fmt.Sprintf("  also: %s", strings.Join(causes, ", "))))
		}
	}
	for len(out) < findingLines {
		out = append(out, "")
	}
	return out
}

func (s *Screen) stateGlyph(st rb.State) string {
	th, g := s.d.Theme, s.d.Theme.Glyphs
	switch st {
	case rb.StateOK:
		return th.OK.Render(g.OK)
	case rb.StateWarning:
		return th.Warn.Render(g.Warn)
	case rb.StateFailing:
		return th.Error.Render(g.Error)
	case rb.StateRunning:
		return th.Info.Render(g.Running)
	case rb.StateSkipped:
		return th.Muted.Render(g.Skipped)
	}
	return th.Muted.Render(g.Unknown)
}

// shortTitles fit the step list's width.
var shortTitles = map[rb.StepID]string{
	rb.StepFailurePoint: "Failure point", rb.StepRunMetrics: "Run metrics", rb.StepLogs: "Failed run logs",
	rb.StepRunDiff: "Failed vs good run", rb.StepDependencies: "Dependencies", rb.StepConfig: "Configuration",
	rb.StepFixVerify: "Fix and verify",
}

func (s *Screen) stepLines() []string {
	out := make([]string, 0, len(rb.AllSteps)+2)
	for i, id := range rb.AllSteps {
		st := s.report.Step(id).State
		if id == rb.StepFixVerify {
			st = s.fixState()
		}
		mark := "  "
		if i == s.cursor {
			mark = s.d.Theme.Glyphs.Selected + " "
		}
		line := fmt.Sprintf("%s%s %d %s", mark, s.stateGlyph(st), id, shortTitles[id])
		if i == s.cursor {
			line = s.d.Theme.Title.Render(line)
		}
		out = append(out, line)
	}
	out = append(out, "", s.d.Theme.Muted.Render("tab: detail  p/a: fix"), s.d.Theme.Muted.Render("y/S: copy/save  z: zoom"))
	return out
}

// paneView is the focused step's detail.
func (s *Screen) paneView() string {
	w, h := s.bodySize()
	if s.step() != rb.StepLogs || s.change != nil {
		return viewkit.Fit(s.pane.view(s.inPane || s.zoom, s.d.Console, s.report.Flow.ID), w, h)
	}
	st := s.report.Step(rb.StepLogs)
	head := viewkit.FitLine(st.Summary, w)
	if s.watchActive() && s.logRun != 0 {
		head = viewkit.FitLine(fmt.Sprintf("run %d in progress: live logs (f: follow)", s.logRun), w)
	}
	if s.logRun == 0 {
		head = viewkit.FitLine(viewkit.Or(st.Summary, "waiting for the run summaries…"), w)
		return head
	}
	status := s.logs.Status()
	if s.search.Open() {
		m, t := s.logs.Matched(), s.logs.Len()
		status = s.search.View(w, m, t)
	}
	return viewkit.Fit(head+"\n"+lipgloss.NewStyle().Faint(true).Render(status)+"\n"+s.logs.View(), w, h)
}

// detailLines is the pane's content: an opened change, else the focused
// step (the logs step has its own view), each line with what it names.
func (s *Screen) detailLines(w int) []paneLine {
	if s.change != nil {
		return s.change.lines()
	}
	id := s.step()
	if id == rb.StepFixVerify {
		return s.mentioning(s.fixLines())
	}
	if id == rb.StepRunDiff && s.compare != nil {
		return s.compareLines()
	}
	st := s.report.Step(id)
	out := s.mentioning([]string{fmt.Sprintf("%d. %s [%s]", id, id.Title(), st.State), viewkit.Or(st.Summary, "waiting for answers…"), ""})
	if id == rb.StepRunMetrics && len(s.report.Runs) > 0 {
		// Charts, per-day bars and a run table sized to the pane replace the
		// report's fixed-width table and day lines (kept for Markdown).
		out = append(out, s.mentioning(s.charts(w))...)
		out = append(out, s.runTable(w)...)
	} else {
		out = append(out, s.mentioning(st.Details)...)
	}
	var lines []string
	for _, e := range st.Errors {
		lines = append(lines, "call failed: "+e)
	}
	if id == rb.StepDependencies {
		if len(s.probeLines) == 0 {
			lines = append(lines, "", s.keys.Probe.Help().Key+": probe each credential's storage tree and a sample")
		} else {
			lines = append(lines, "")
			lines = append(lines, s.probeLines...)
		}
	}
	if id == rb.StepFailurePoint && len(s.report.Findings) > 0 {
		lines = append(lines, "", "Findings:")
		for _, f := range s.report.Findings {
			lines = append(lines, fmt.Sprintf("- %s (%s, %s): %s", f.Title(), f.Severity, f.Confidence, f.Sentence))
			for _, e := range f.Evidence {
				lines = append(lines, "    "+e)
			}
		}
	}
	return append(out, s.mentioning(lines)...)
}

// mentioning pairs each line with what it names.
func (s *Screen) mentioning(lines []string) []paneLine {
	out := make([]paneLine, len(lines))
	for i, l := range lines {
		out[i] = paneLine{text: l, mentions: s.report.Mentions(l)}
	}
	return out
}
