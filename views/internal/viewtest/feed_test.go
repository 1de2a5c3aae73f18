package viewtest

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

type screenMsg struct{}

func TestFeedHandsScreenMessagesBackAndShellMessagesOut(t *testing.T) {
	for _, m := range []tea.Msg{ui.ToastMsg{}, ui.NavigateMsg{}, ui.MutateMsg{}, &ui.BackMsg{}, tea.QuitMsg{}} {
		if !forShell(m) {
			t.Errorf("%T is the shell's", m)
		}
	}
	for _, m := range []tea.Msg{screenMsg{}, components.FilterChangedMsg{}, &screenMsg{}, ui.MutationDoneMsg{}, ui.RefreshMsg{}} {
		if forShell(m) {
			t.Errorf("%T is the screen's", m)
		}
	}
}
