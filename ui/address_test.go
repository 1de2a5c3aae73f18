package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/testkit"
)

type answerMsg struct{ n int }

// A screen's messages come back addressed to it, batch by batch; the
// runtime's own (quit, raw output) pass as they are.
func TestAddressWrapsEveryMessageOfAScreen(t *testing.T) {
	one := func() tea.Msg { return answerMsg{1} }
	two := func() tea.Msg { return answerMsg{2} }
	out := testkit.Run(address(7, tea.Batch(one, two, tea.Quit, tea.Raw("x"))))
	if len(out) != 4 {
		t.Fatalf("messages %#v", out)
	}
	for i, m := range out[:2] {
		a, ok := m.(addressedMsg)
		if !ok || a.to != 7 || a.msg != (answerMsg{i + 1}) {
			t.Fatalf("message %d: %#v", i, m)
		}
	}
	if _, ok := out[2].(tea.QuitMsg); !ok {
		t.Fatalf("quit must pass unaddressed: %#v", out[2])
	}
	if _, ok := out[3].(tea.RawMsg); !ok {
		t.Fatalf("raw output must pass unaddressed: %#v", out[3])
	}
	if address(7, nil) != nil {
		t.Fatal("no Cmd, no wrapper")
	}
}

// An answer for a screen that has left the stack is dropped, not handed to
// the screen now on top.
func TestAnswerForAClosedScreenIsDropped(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: "data_sources"}})
	gone := h.app.stack[1].id
	press(h.app, "esc")
	before := len(h.screens[0].got)
	h.app.Update(addressedMsg{to: gone, msg: answerMsg{1}})
	if len(h.screens[0].got) != before {
		t.Fatalf("the root got another screen's answer: %#v", h.screens[0].got[before:])
	}
}
