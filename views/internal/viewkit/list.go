package viewkit

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// The list screens (flows tree, resource tables) share one frame: a status
// line over a table, the filter line in place of the status line while a
// filter is applied, and a notice in place of the table until rows arrive.

// ListView is a list screen's View, exactly w x h: status (or the filter
// line) over body.
func ListView(w, h int, status, body string, filter *components.FilterInput, table *components.Table) string {
	if filter.Active() {
		matched, total := table.Counts()
		status = filter.View(w, matched, total)
	}
	return Fit(status+"\n"+body, w, h)
}

// LoadNotice stands in for a table that has no rows yet: the load's error
// with the retry key, or "loading <what>…".
func LoadNotice(th *theme.Theme, what string, err error) string {
	if err != nil {
		return th.Error.Render("Could not load "+what+": ") + ErrText(err) + "\n\n" + th.Muted.Render("press r to retry")
	}
	return th.Muted.Render("loading " + what + "…")
}

// SelectedIndex is the index a list keeps in its selected row's Data, when
// there is a selected row and the index is below n (the length of what it
// indexes).
func SelectedIndex(table *components.Table, n int) (int, bool) {
	r, ok := table.SelectedRow()
	if !ok {
		return -1, false
	}
	i, _ := r.Data.(int)
	if i < 0 || i >= n {
		return -1, false
	}
	return i, true
}

// TableMouse hands a mouse message to a table drawn one line down, under
// the status line.
func TableMouse(table *components.Table, msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		table.Update(msg)
	case tea.MouseClickMsg:
		if msg.Y >= 1 {
			msg.Y--
			table.Update(msg)
		}
	}
}

// FilterKey handles the filter keys of a list: while the filter field has
// focus it takes every key; / opens it, esc clears an applied filter (the
// next esc goes back). handled is false for any other key.
func FilterKey(g keymap.Global, filter *components.FilterInput, msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool) {
	switch {
	case filter.Open():
		return filter.Update(msg), true
	case key.Matches(msg, g.Back) && filter.Active():
		return filter.Clear(), true
	case key.Matches(msg, g.Filter):
		filter.Focus()
		return nil, true
	}
	return nil, false
}
