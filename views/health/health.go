// Package health is the org-wide health overview (`:health`): every flow
// with its error rate, staleness, credential state, last run and status,
// worst first; enter opens the flow's runbook. The rows come from
// nexla/runbook.Health, which shares its rules with the runbook.
package health

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// columns are the overview's columns, parallel to rb.HealthColumns' cells.
var columns = []components.Column{
	{Title: "FLOW", Width: 8, Numeric: true}, {Title: "NAME", MinWidth: 12}, {Title: "STATUS", Width: 12},
	{Title: "HEALTH", Width: 12}, {Title: "ERR%", Width: 5, Numeric: true}, {Title: "RUNS", Width: 7},
	{Title: "LAST RUN", Width: 10}, {Title: "CREDENTIAL", Width: 12}, {Title: "ISSUE", MinWidth: 20},
}

// Indexes of the cells of rb.HealthCells the screen refers to.
const (
	colName, colHealth, colIssue = 1, 3, 8
)

// wideFrom is the width from which every column fits with a readable ISSUE;
// narrower, FLOW, ERR% and CREDENTIAL give way (RUNS carries the error
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
	check *rb.HealthCheck
	snap  rb.HealthSnapshot
	// share is the session's check, which the flows tree reads too; own is
	// set when the screen made it (no Deps.Health) and closes it.
	share *rb.HealthShare
	own   bool
	// opened: a complete snapshot was shown; the cursor then keeps its row.
	opened bool
	readAt time.Time // when the last check completed
	w, h   int
	marks  *viewkit.Marks // flows marked for a bulk action (marks.go)
	// loads is the screen's context, for the flows listing the mark key
	// Affected reads (the check itself runs on the share's).
	loads *viewkit.Loads
}

// New builds the health overview screen.
func New(d ui.Deps) ui.Screen {
	d = viewkit.WithDefaults(d)
	shown, cols := shownColumns(wideFrom)
	list := viewkit.NewFilterTable(components.NewTable(d.Theme, d.Keys, cols))
	share, own := viewkit.HealthShare(d)
	s := &Screen{d: d, shown: shown, share: share, own: own, list: list, table: list.Table, filter: list.Filter,
		marks: viewkit.NewMarks(), loads: viewkit.NewLoads()}
	s.table.SetMarked(func(r *components.Row) bool { f, _ := flowOfRow(r); return s.marks.Has(f.ID) })
	s.table.SetDraw(s.drawRow)
	return s
}

// Init shows the session's check: the one the flows tree started, or a new one.
func (s *Screen) Init() tea.Cmd { return s.follow(s.share.Current(s.d.API)) }

// load is a refresh: the running check is kept (never restarted), a
// finished one is followed by a new one reusing its rows.
func (s *Screen) load() tea.Cmd { return s.follow(s.share.Refresh(s.d.API)) }

func (s *Screen) follow(c *rb.HealthCheck) tea.Cmd {
	if c == s.check && s.loading {
		return nil // already waiting on it
	}
	s.check, s.loading = c, true
	return viewkit.WaitHealth(c)
}

// Close stops the check in flight when the screen owns it (the session's
// shared check outlives the screen: the flows tree still reads it).
func (s *Screen) Close() {
	s.loads.Close()
	if s.own {
		s.share.Close()
	}
}

// Update handles loads, keys and refreshes.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case viewkit.HealthProgressMsg:
		if m.Check != s.check {
			return s, nil
		}
		s.snap = m.Check.Snapshot()
		s.loading = !s.snap.Complete
		s.err = s.snap.Err
		if s.snap.Complete {
			s.readAt = s.d.Now()
		}
		if s.snap.Err == nil || len(s.snap.Rows) > 0 {
			// Until the first check is complete, a cursor on the first row
			// stays there as worse rows stream in above it: the overview
			// opens on the worst flow. After, it keeps its row.
			atTop := !s.opened && s.table.Cursor() == 0
			s.opened = s.opened || s.snap.Complete
			s.rows = s.snap.Rows
			s.table.SetRowsClean(s.tableRows())
			if atTop {
				s.table.SetCursor(0)
			}
		}
		if !m.Done {
			return s, viewkit.WaitHealth(m.Check)
		}
		return s, nil
	case ui.RefreshMsg:
		return s, s.load()
	case ui.MutationDoneMsg:
		cmd, _ := bulk.Done(s.d, m)
		return s, cmd
	case bulk.AffectedMsg:
		return s, s.onAffected(m)
	case components.FilterChangedMsg:
		if s.list.Accept(m) {
			s.table.SetFilter(m.Query)
		}
		return s, nil
	case tea.KeyPressMsg:
		if cmd, ok := s.list.Key(s.d.Keys, m); ok {
			return s, cmd
		}
		if cmd, ok := s.markKey(m); ok {
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

// tableRows are the table's rows, one per flow: its key, its filter key
// (every cell, as the table would make it) and a pointer to its verdict in
// the snapshot (rows never mutated by the check). The cells are drawn only
// for the rows on screen (drawRow): at 30,000 flows, keeping them all was
// about 40 MB.
func (s *Screen) tableRows() []components.Row {
	now := s.d.Now()
	rows := make([]components.Row, 0, len(s.rows))
	var key strings.Builder
	for i := range s.rows {
		h := &s.rows[i]
		cells, _ := s.cells(h, now)
		key.Reset()
		for j, c := range cells {
			if j > 0 {
				key.WriteByte(' ')
			}
			key.WriteString(c)
		}
		rows = append(rows, components.Row{Key: strconv.FormatInt(h.FlowID, 10), FilterKey: strings.ToLower(key.String()),
			Version: uint64(i), Data: h})
	}
	return rows
}

// drawRow is the table's draw func: a flow's cells when its row is shown.
func (s *Screen) drawRow(r *components.Row) components.Row {
	h, ok := r.Data.(*rb.FlowHealth)
	if !ok {
		return components.Row{}
	}
	cells, tones := s.cells(h, s.d.Now())
	return components.Row{Cells: cells, Tones: tones}
}

// cells are the shown cells of a flow's row, cleaned, with their tones.
func (s *Screen) cells(h *rb.FlowHealth, now time.Time) ([]string, []components.Tone) {
	all := rb.HealthCells(*h, now)
	word, glyph, tone := viewkit.HealthVerdict(s.d.Theme.Glyphs, rb.HealthSnapshot{}, h, true)
	all[colHealth] = glyph + " " + word
	shown := make([]string, len(s.shown))
	tones := make([]components.Tone, len(s.shown))
	for j, c := range s.shown {
		shown[j] = safetext.Clean(all[c])
		if c == colHealth {
			tones[j] = tone
		}
	}
	return shown, tones
}

// Selected is the flow under the cursor (for t, y and enter).
func (s *Screen) Selected() (ui.Selection, bool) {
	r, ok := s.table.SelectedRow()
	if !ok {
		return ui.Selection{}, false
	}
	h, ok := r.Data.(*rb.FlowHealth)
	if !ok {
		return ui.Selection{}, false
	}
	return ui.Selection{RT: nexla.Flows, ID: h.FlowID, Name: h.Name, FlowID: h.FlowID}, true
}

// View renders exactly w x h: the status (or filter) line over the table.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	body := s.table.View()
	switch {
	case len(s.rows) == 0 && s.err != nil:
		body = viewkit.LoadNotice(s.d.Theme, s.d.Keys, "the flows to check", s.err, s.w)
	case len(s.rows) == 0 && s.loading:
		body = "checking every flow…"
	case len(s.rows) == 0:
		// An org with no flow is not a healthy org: nothing was checked.
		body = "the flows listing answered with no flows: nothing to check (r to read it again)"
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

// statusLine: a failed check says so first, with the retry key, and shows no
// counts: its snapshot's totals (0 flows, 0 with issues) are not the org's,
// and the rows under it, when any, are an earlier check's or a partial list.
func (s *Screen) statusLine() string {
	line := "Health · "
	switch {
	case s.err != nil && len(s.rows) == 0:
		return line + s.d.Theme.Error.Render("check failed")
	case s.err != nil:
		return line + s.d.Theme.Error.Render("check failed ("+viewkit.RetryKey(s.d.Keys)+" to retry): ") +
			viewkit.ErrText(s.err) + " · the rows are from an earlier or partial check"
	case s.loading || !s.snap.Complete:
		// Never "0 with issues" before every flow has its verdict.
		line += fmt.Sprintf("checked %d / %d · checking…", s.snap.Checked, s.snap.Total)
	case s.snap.Total == 0:
		// An empty answer is not a healthy org: nothing was checked.
		line += "no flows listed · nothing checked"
	default:
		line += fmt.Sprintf("%d flows · %d with issues (%d critical)", s.snap.Total, s.snap.WithIssues, s.snap.Critical)
	}
	if !s.readAt.IsZero() {
		// While a refresh checks again, the rows shown are from this time.
		line += " · updated " + viewkit.Ago(s.d.Now(), s.readAt)
	}
	line += " · worst first · enter: runbook"
	if s.snap.StoppedShort != "" {
		line += " · " + s.snap.StoppedShort
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
			s.table.SetRowsClean(s.tableRows())
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
	return []keymap.Action{g.Enter, g.Filter, s.d.ScreenKeys.Health.Marks.Mark, g.Pause, g.Activate, g.Refresh, g.Runbook}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End}, {g.Enter, g.Filter, g.Refresh, g.Runbook, g.CopyID},
		append([]keymap.Action{g.Pause, g.Activate}, viewkit.MarkHelp(s.d.ScreenKeys.Health.Marks)...)}
}

// ReadAt is when the last check completed (ui.Fresh): the shell refreshes
// an overview that comes back into view older than the refresh interval.
func (s *Screen) ReadAt() time.Time { return s.readAt }
