package viewkit

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// FilterTable is the one filterable table of the list screens (flows tree,
// resource tables, health): a status line over a table, the `/` filter line
// in place of the status line while a filter is applied, and a notice in
// place of the table until rows arrive. The table is sized once per layout
// (h-1 rows, filter or not), so no line of it is ever hidden under the
// filter line.
type FilterTable struct {
	Table  *components.Table
	Filter *components.FilterInput
}

// NewFilterTable puts a closed filter over table.
func NewFilterTable(table *components.Table) FilterTable {
	return FilterTable{Table: table, Filter: components.NewFilterInput()}
}

// SetSize lays the list out in w x h: the table gets every line but the
// status (or filter) line.
func (l FilterTable) SetSize(w, h int) { l.Table.SetSize(w, max(h-1, 0)) }

// View is the list screen's View, exactly w x h: status (or the filter
// line) over body (the table's view, or a notice).
func (l FilterTable) View(w, h int, status, body string) string {
	if l.Filter.Active() {
		matched, total := l.Table.Counts()
		status = l.Filter.View(w, matched, total)
	}
	return Fit(status+"\n"+body, w, h)
}

// Key handles the filter keys: while the filter field has focus it takes
// every key; / opens it, esc clears an applied filter (the next esc goes
// back). handled is false for any other key.
func (l FilterTable) Key(g keymap.Global, msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool) {
	switch {
	case l.Filter.Open():
		return l.Filter.Update(msg), true
	case key.Matches(msg, g.Back.Binding) && l.Filter.Active():
		return l.Filter.Clear(), true
	case key.Matches(msg, g.Filter.Binding):
		l.Filter.Focus()
		return nil, true
	}
	return nil, false
}

// Accept is true when msg is the filter's latest query, which the screen
// then applies (the tree filters with its ancestors, the tables by cells).
func (l FilterTable) Accept(msg components.FilterChangedMsg) bool { return l.Filter.Accept(msg) }

// Mouse hands a mouse message to the table, drawn one line down under the
// status line.
func (l FilterTable) Mouse(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		l.Table.Update(msg)
	case tea.MouseClickMsg:
		if msg.Y >= 1 {
			msg.Y--
			l.Table.Update(msg)
		}
	}
}

// CapturesInput is true while the filter field has focus.
func (l FilterTable) CapturesInput() bool { return l.Filter.Open() }

// InterceptBack keeps esc while a filter is applied: esc clears it first.
func (l FilterTable) InterceptBack() bool { return l.Filter.Active() }

// SelectedIndex is the index a list keeps in its selected row's Data, when
// there is a selected row and the index is below n (the length of what it
// indexes).
func (l FilterTable) SelectedIndex(n int) (int, bool) {
	r, ok := l.Table.SelectedRow()
	if !ok {
		return -1, false
	}
	i, _ := r.Data.(int)
	if i < 0 || i >= n {
		return -1, false
	}
	return i, true
}

// noticeErrLines bounds the lines of a load's error in a notice: a server
// message can be 4 KB, and the retry key above it must stay on screen.
const noticeErrLines = 8

// LoadNotice stands in for a screen's body while it has nothing to show:
// a line naming what could not be loaded and the retry key, then the error
// wrapped to w cells (at 80 columns a cut line used to lose "connection
// refused" or "empty body", the part that says what happened); or
// "loading <what>…" while the first load runs.
func LoadNotice(th *theme.Theme, g keymap.Global, what string, err error, w int) string {
	if err == nil {
		return th.Muted.Render("loading " + what + "…")
	}
	lines := strings.Split(components.WrapText(ErrText(err), w), "\n")
	if len(lines) > noticeErrLines {
		lines = append(lines[:noticeErrLines-1], safetext.Ellipsis)
	}
	return th.Error.Render("Could not load "+what) + th.Muted.Render(" · press "+RetryKey(g)+" to retry") +
		"\n" + strings.Join(lines, "\n")
}

// RefreshFailed is the status-line part of a failed load over rows an
// earlier load left on screen (the rows are no longer the org's state). It
// goes first on the line, after the title, so it survives 80 columns.
func RefreshFailed(th *theme.Theme, g keymap.Global, err error) string {
	return th.Error.Render("refresh failed ("+RetryKey(g)+" to retry): ") + ErrText(err)
}

// RetryKey names the key that reloads a screen (r, unless overridden).
func RetryKey(g keymap.Global) string { return g.Refresh.Help().Key }
