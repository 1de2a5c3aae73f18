// Package health is the org-wide health overview (`:health`): every flow
// with its error rate, staleness, credential state, last run and status,
// worst first; enter opens the flow's runbook. The rows come from
// nexla/runbook.Health, which shares its rules with the runbook.
package health

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// progressMsg says the running check has news (done: it is complete).
type progressMsg struct {
	check *rb.HealthCheck
	done  bool
}

// progressEvery spaces the screen's reads of a running check, so a 30,000-flow
// check does not rebuild the table on every row.
const progressEvery = 250 * time.Millisecond

// waitProgress waits (off the update loop) for the check's next news.
func waitProgress(c *rb.HealthCheck) tea.Cmd {
	return func() tea.Msg {
		time.Sleep(progressEvery)
		_, ok := <-c.Updates()
		return progressMsg{check: c, done: !ok}
	}
}

// columns are the overview's columns, parallel to rb.HealthColumns' cells.
var columns = []components.Column{
	{Title: "FLOW", Width: 8, Numeric: true}, {Title: "NAME", MinWidth: 12}, {Title: "STATUS", Width: 12},
	{Title: "HEALTH", Width: 10}, {Title: "ERR%", Width: 5, Numeric: true}, {Title: "FAILED", Width: 7},
	{Title: "LAST RUN", Width: 10}, {Title: "CREDENTIAL", Width: 12}, {Title: "ISSUE", MinWidth: 20},
}

// Indexes of the cells of rb.HealthCells the screen refers to.
const (
	colName, colHealth, colIssue = 1, 3, 8
)

// wideFrom is the width from which every column fits with a readable ISSUE;
// narrower, FLOW, ERR% and CREDENTIAL give way (FAILED carries the error
// rate, ISSUE names a failing credential, the runbook shows the id).
const wideFrom = 110

// shownColumns picks the columns for width w and sizes NAME so that ISSUE,
// the answer, gets the most room.
func shownColumns(w int) (idx []int, cols []components.Column) {
	idx = []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	if w < wideFrom {
		idx = []int{1, 2, 3, 5, 6, 8}
	}
	fixed := 2 + len(idx) - 1 // row marker and separators
	for _, i := range idx {
		fixed += columns[i].Width
	}
	for _, i := range idx {
		c := columns[i]
		if i == colName {
			c.Width = min(max((w-fixed)*2/5, 12), 28)
		}
		cols = append(cols, c)
	}
	return idx, cols
}

// Screen is the health overview.
type Screen struct {
	d     ui.Deps
	shown []int // indexes of rb.HealthCells shown at this width
	colsW int   // the width the columns were laid out for
	// list is the filterable table; table and filter are its parts.
	list    viewkit.FilterTable
	table   *components.Table
	filter  *components.FilterInput
	rows    []rb.FlowHealth
	err     error
	loading bool
	// check is the running or last check: a refresh while it runs keeps it
	// (never restarts it); a refresh after starts one that reuses its rows.
	check  *rb.HealthCheck
	snap   rb.HealthSnapshot
	ctx    context.Context
	cancel context.CancelFunc // on Close only
	w, h   int
}

// New builds the health overview screen.
func New(d ui.Deps) ui.Screen {
	d = viewkit.WithDefaults(d)
	shown, cols := shownColumns(wideFrom)
	ctx, cancel := context.WithCancel(context.Background())
	list := viewkit.NewFilterTable(components.NewTable(d.Theme, d.Keys, cols))
	return &Screen{d: d, shown: shown, ctx: ctx, cancel: cancel, list: list, table: list.Table, filter: list.Filter}
}

// Init loads the overview.
func (s *Screen) Init() tea.Cmd { return s.load() }

func (s *Screen) load() tea.Cmd {
	if s.check != nil && s.loading {
		return nil // a refresh never cancels a running check
	}
	s.loading = true
	s.check = rb.StartHealth(s.ctx, s.d.API, rb.HealthOptions{Options: rb.Options{Now: s.d.Now}, Previous: s.check})
	return waitProgress(s.check)
}

// Close stops a check in flight.
func (s *Screen) Close() { s.cancel() }

// Update handles loads, keys and refreshes.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case progressMsg:
		if m.check != s.check {
			return s, nil
		}
		s.snap = m.check.Snapshot()
		s.loading = !s.snap.Complete
		s.err = s.snap.Err
		if s.snap.Err == nil || len(s.snap.Rows) > 0 {
			s.rows = s.snap.Rows
			s.table.SetRows(s.tableRows())
		}
		if !m.done {
			return s, waitProgress(m.check)
		}
		return s, nil
	case ui.RefreshMsg:
		return s, s.load()
	case components.FilterChangedMsg:
		if s.list.Accept(m) {
			s.table.SetFilter(m.Query)
		}
		return s, nil
	case tea.KeyPressMsg:
		if cmd, ok := s.list.Key(s.d.Keys, m); ok {
			return s, cmd
		}
		switch {
		case key.Matches(m, s.d.Keys.Enter.Binding):
			if sel, ok := s.Selected(); ok {
				return s, ui.Navigate(ui.Route{Kind: ui.RouteRunbook, RT: nexla.Flows, ID: sel.ID})
			}
			return s, nil
		}
		s.table.Update(m)
	case tea.MouseMsg:
		s.list.Mouse(m)
	}
	return s, nil
}

func (s *Screen) tableRows() []components.Row {
	now := s.d.Now()
	rows := make([]components.Row, 0, len(s.rows))
	for i, h := range s.rows {
		cells := rb.HealthCells(h, now)
		tone := components.ToneOK
		switch {
		case h.Err != "":
			tone = components.ToneMuted
		case h.Severity == rb.SeverityCritical:
			tone = components.ToneError
		case !h.Healthy():
			tone = components.ToneWarn
		}
		cells[colHealth] = s.d.Theme.Glyphs.Of(tone) + " " + cells[colHealth]
		shown := make([]string, len(s.shown))
		tones := make([]components.Tone, len(s.shown))
		for j, c := range s.shown {
			shown[j] = cells[c]
			if c == colHealth {
				tones[j] = tone
			}
		}
		rows = append(rows, components.Row{Key: strconv.FormatInt(h.FlowID, 10), Cells: shown, Tones: tones, Version: uint64(i), Data: h})
	}
	return rows
}

// Selected is the flow under the cursor (for t, y and enter).
func (s *Screen) Selected() (ui.Selection, bool) {
	r, ok := s.table.SelectedRow()
	if !ok {
		return ui.Selection{}, false
	}
	h := r.Data.(rb.FlowHealth)
	return ui.Selection{RT: nexla.Flows, ID: h.FlowID, Name: h.Name, FlowID: h.FlowID}, true
}

// View renders exactly w x h: the status (or filter) line over the table.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	body := s.table.View()
	if len(s.rows) == 0 {
		body = "no flows"
		if s.loading {
			body = "checking every flow…"
		}
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

func (s *Screen) statusLine() string {
	line := "Health · "
	switch {
	case s.err != nil && len(s.rows) == 0:
		line += "could not check: " + viewkit.ErrText(s.err)
	case s.loading || !s.snap.Complete:
		// Never "0 with issues" before every flow has its verdict.
		line += fmt.Sprintf("checked %d / %d · checking…", s.snap.Checked, s.snap.Total)
	default:
		line += fmt.Sprintf("%d flows · %d with issues (%d critical)", s.snap.Total, s.snap.WithIssues, s.snap.Critical)
	}
	line += " · worst first · enter: runbook"
	if s.snap.StoppedShort != "" {
		line += " · " + s.snap.StoppedShort
	}
	if s.err != nil && len(s.rows) > 0 {
		line += " · " + s.d.Theme.Error.Render("error: "+viewkit.ErrText(s.err)+" (r to retry)")
	}
	return line
}

// SetSize sets the size.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if w != s.colsW {
		shown, cols := shownColumns(w)
		s.table.SetColumns(cols)
		if !slices.Equal(shown, s.shown) {
			s.shown = shown
			s.table.SetRows(s.tableRows())
		}
		s.colsW = w
	}
	s.list.SetSize(w, h)
}

// Title is the breadcrumb.
func (s *Screen) Title() string { return "health" }

// CapturesInput is true while the filter has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc for clearing an applied filter.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the main keys.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Enter, g.Filter, g.Refresh, g.Runbook}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End}, {g.Enter, g.Filter, g.Refresh, g.Runbook, g.CopyID}}
}
