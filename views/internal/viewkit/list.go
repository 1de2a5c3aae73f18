package viewkit

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
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

// LoadNotice stands in for a table that has no rows yet: the load's error
// with the retry key, or "loading <what>…".
func LoadNotice(th *theme.Theme, what string, err error) string {
	if err != nil {
		return th.Error.Render("Could not load "+what+": ") + ErrText(err) + "\n\n" + th.Muted.Render("press r to retry")
	}
	return th.Muted.Render("loading " + what + "…")
}
