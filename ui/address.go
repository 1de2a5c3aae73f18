package ui

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

// ScreenID is the address of one screen instance on the stack. The shell
// numbers screens as it builds them (bubbles' nextID pattern, without a
// package counter): every message a screen's Cmds produce comes back
// addressed to it, and is delivered to it alone. Two screens of the same
// kind on the stack never see each other's loads, filters or mutations.
type ScreenID int

// addressedMsg is a screen's message on its way back to that screen.
type addressedMsg struct {
	to  ScreenID
	msg tea.Msg
}

// teaPkg is bubbletea's package: its messages (quit, raw output, batches)
// are for the runtime and pass unaddressed.
var teaPkg = reflect.TypeFor[tea.QuitMsg]().PkgPath()

// address wraps cmd so that its message comes back addressed to id. A batch
// is addressed message by message; the runtime's own messages pass as they are.
func address(id ScreenID, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch m := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = address(id, c)
			}
			return out
		}
		if t := reflect.TypeOf(msg); t != nil && t.PkgPath() == teaPkg {
			return msg
		}
		return addressedMsg{to: id, msg: msg}
	}
}

// index is the stack position of the screen with address id, or -1 when it
// has left the stack (its late answers are dropped).
func (a *App) index(id ScreenID) int {
	for i := range a.stack {
		if a.stack[i].id == id {
			return i
		}
	}
	return -1
}

// updateAt hands msg to the screen at stack position i and addresses what it
// answers back to it.
func (a *App) updateAt(i int, msg tea.Msg) tea.Cmd {
	e := &a.stack[i]
	var c tea.Cmd
	e.screen, c = e.screen.Update(msg)
	return address(e.id, c)
}

// sendTo hands msg to the screen with address id, if it is still open.
func (a *App) sendTo(id ScreenID, msg tea.Msg) tea.Cmd {
	if i := a.index(id); i >= 0 {
		return a.updateAt(i, msg)
	}
	return nil
}

// onAddressed handles a screen's message: requests for the shell are served
// (knowing which screen asked); anything else goes back to that screen alone.
func (a *App) onAddressed(m addressedMsg) tea.Cmd {
	switch inner := m.msg.(type) {
	case MutateMsg:
		return a.askMutation(m.to, inner.Mutation)
	case StartWatchMsg:
		return a.startWatch(inner.Spec)
	case NavigateMsg, ShowMsg, BackMsg, ToastMsg, CopyMsg, OpenURLMsg:
		_, c := a.Update(inner)
		return c
	}
	return a.sendTo(m.to, m.msg)
}
