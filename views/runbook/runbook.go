// Package runbook is the troubleshooting runbook screen: the findings
// summary on top, the seven steps with a state glyph each, and the detail of
// the focused step (run table and charts, a log view, the run diff,
// dependencies, config, and fix-and-verify with a live watch). The logic
// lives in nexla/runbook; this package only shows it and drives the fix.
package runbook

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Timing of the screen; values, so tests can shorten them.
const (
	logBatchInterval = 150 * time.Millisecond // hand new log lines to the view at most this often
	watchInterval    = 5 * time.Second        // poll the flow while watching a run
)

// keys are the screen's own bindings (keymap.Runbook, from Deps.ScreenKeys;
// the global ones come from Deps.Keys).
type keys = keymap.Runbook

// Screen is the runbook screen.
type Screen struct {
	d      ui.Deps
	keys   keys
	target rb.Target
	opts   rb.Options

	// loads numbers every (re)start, so stale messages are dropped; ctx is
	// the current start's, cancelled by the next start or by Close.
	loads *viewkit.Loads
	ctx   context.Context

	facts  *rb.Facts
	report *rb.Report
	// refreshing collects a refresh in the background; the screen keeps
	// showing the previous report until it is complete, then swaps.
	refreshing *rb.Facts
	calls      int // answered calls

	w, h   int
	cursor int  // focused step, 0-based
	inPane bool // keys go to the detail pane
	zoom   bool // the detail pane has the whole screen
	pane   *linkPane
	logs   *components.LogView
	// marks are the runs picked in the run table (step 2) to compare; two
	// marked runs are compared in step 4 (compare).
	marks   []int64
	compare *compareState
	// change is the change opened from the evidence: its whole diff in the
	// pane until esc.
	change *changeView
	search *components.FilterInput
	logRun int64 // run whose logs the log view holds
	// probeLines are the on-demand probe tree/sample answers (step 5, o).
	probeLines []string
	visible    bool

	// actions are what was done on this screen (step 7); the watch of the
	// next run is the shell's (watch.go), seen is what was taken from it.
	actions    []string
	seen       watchSeen
	live       liveStatus // the flow's status read after a mutation or by the watch
	statusSeq  int
	readAt     time.Time     // when the last complete collection ended
	watchEvery time.Duration // poll interval of a watched run
	logTicking bool          // a log batch tick is armed for the current seq
	// detailKey memoises the detail pane's content.
	detailKey detailKey
	version   int
}

// New builds the runbook screen for a flow or resource.
func New(d ui.Deps, rt nexla.ResourceType, id int64) ui.Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{
		d: d, keys: d.ScreenKeys.Runbook, target: rb.Target{RT: rt, ID: id}, loads: viewkit.NewLoads(),
		opts: rb.Options{Now: d.Now, SLA: viewkit.SLA(d), SessionStart: d.Actions.Started()}, watchEvery: watchInterval,
		pane:    newLinkPane(),
		logs:    components.NewLogView(),
		search:  components.NewFilterInput(),
		visible: true,
	}
	s.logs.SetLocation(d.Location)
	s.restart()
	return s
}

// restart cancels any collection in flight and starts a fresh fact sheet.
func (s *Screen) restart() {
	s.ctx, _ = s.loads.NextCancelling()
	s.facts = rb.NewFacts(s.target, s.opts)
	s.report = rb.Analyze(s.facts)
	s.calls, s.logRun, s.probeLines, s.refreshing = 0, 0, nil, nil
	s.live, s.seen = liveStatus{}, watchSeen{}
	s.marks, s.compare, s.change = nil, nil, nil
	s.logs.Reset()
	s.version++
}

// refresh starts a background collection that replaces the report when done.
func (s *Screen) refresh() tea.Cmd {
	s.ctx, _ = s.loads.NextCancelling()
	s.refreshing = rb.NewFacts(s.target, s.opts)
	return tea.Batch(s.collect(), s.logTick())
}

// Init starts every API call of the runbook.
func (s *Screen) Init() tea.Cmd {
	return tea.Batch(s.collect(), s.logTick())
}

// Close cancels every call in flight (the shell calls it when the screen is dropped).
func (s *Screen) Close() { s.loads.Close() }

// Title is the breadcrumb.
func (s *Screen) Title() string { return "runbook " + s.target.String() }

// SetSize sets the screen's size.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.layout()
}

// CapturesInput is true while the log search field has focus.
func (s *Screen) CapturesInput() bool { return s.search.Open() }

// InterceptBack keeps esc for leaving the detail pane, a zoom or an opened
// change, or clearing a search.
func (s *Screen) InterceptBack() bool {
	return s.inPane || s.zoom || s.change != nil || s.search.Active()
}

// Report is the current report (for tests and the health screen's preview).
func (s *Screen) Report() *rb.Report { return s.report }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	switch {
	case s.inPane && s.step() == rb.StepLogs:
		return []keymap.Action{g.Filter, s.keys.Level, s.keys.Wrap, s.keys.Follow, g.CopyID, s.keys.Zoom, g.Back}
	case s.inPane && s.step() == rb.StepRunMetrics:
		return []keymap.Action{g.Enter, s.keys.Mark, s.keys.Next, g.OpenURL, s.keys.Zoom, g.Back}
	case s.inPane:
		return []keymap.Action{g.Enter, s.keys.Next, s.keys.Prev, g.OpenURL, s.keys.Zoom, g.Back}
	}
	copyFindings := g.CopyID
	copyFindings.SetHelp(copyFindings.Help().Key, "copy findings")
	return []keymap.Action{s.keys.Focus, g.Pause, g.Activate, copyFindings, s.keys.Save, g.Refresh}
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End, s.keys.Focus, g.Back},
		{g.Enter, s.keys.Next, s.keys.Prev, s.keys.Mark, s.keys.Zoom, g.OpenURL},
		{g.Filter, s.keys.Level, s.keys.Wrap, s.keys.Stamps, s.keys.Follow},
		{g.CopyID, s.keys.Save, s.keys.Probe, s.keys.Access, g.Pause, g.Activate, g.Refresh},
	}
}

func (s *Screen) step() rb.StepID { return rb.AllSteps[s.cursor] }

// ReadAt is when the runbook's last complete collection ended (ui.Fresh):
// the shell refreshes a runbook that comes back into view older than the
// refresh interval.
func (s *Screen) ReadAt() time.Time { return s.readAt }
