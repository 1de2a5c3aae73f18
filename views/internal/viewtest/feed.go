package viewtest

import (
	"context"
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/ui"
)

// shellPkgs are the packages whose messages a screen sends out, for the
// shell or the runtime (toasts, navigation, confirm requests, quit).
var shellPkgs = map[string]bool{
	reflect.TypeFor[ui.ToastMsg]().PkgPath(): true,
	reflect.TypeFor[tea.QuitMsg]().PkgPath(): true,
}

// forScreen are the shell's messages to a screen: Feed hands them back.
func forScreen(m tea.Msg) bool {
	switch m.(type) {
	case ui.MutationConfirmedMsg, ui.MutationDoneMsg, ui.RefreshMsg, ui.VisibilityMsg:
		return true
	}
	return false
}

// forShell is true for a message the shell (or bubbletea) handles; every
// other message (the screen's loads, mutation outcomes, filter changes…)
// goes back to the screen.
func forShell(m tea.Msg) bool {
	if forScreen(m) {
		return false
	}
	t := reflect.TypeOf(m)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t == nil || shellPkgs[t.PkgPath()]
}

// maxAnswers bounds how many answers deep Feed follows, so a screen that
// re-arms a tick cannot keep a test running forever; a streamed listing
// needs one level per batch.
const maxAnswers = 64

// Feed plays the shell for screen s: it runs cmd, hands the screen's own
// messages back to it (and runs what it answers, in turn), and returns the
// messages meant for the shell, in order.
func Feed(t testing.TB, s ui.Screen, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return feed(s, cmd, 0)
}

func feed(s ui.Screen, cmd tea.Cmd, depth int) []tea.Msg {
	if depth > maxAnswers {
		return nil
	}
	var out []tea.Msg
	for _, m := range Run(cmd) {
		if forShell(m) {
			out = append(out, m)
			continue
		}
		_, next := s.Update(m)
		out = append(out, feed(s, next, depth+1)...)
	}
	return out
}

// Press sends each key (see Key) to s and feeds what it answers.
func Press(t testing.TB, s ui.Screen, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := s.Update(Key(k))
		out = append(out, Feed(t, s, cmd)...)
	}
	return out
}

// Confirm plays the shell and the user saying yes to m (a ui.MutateMsg's
// mutation): the screen hears it was confirmed, and the returned Cmd (unrun,
// so a test can look at the screen before the call goes out) makes the call
// and yields what the shell would: the outcome toast, then the outcome and a
// refresh for the screen, which Feed hands back to it.
func Confirm(t testing.TB, s ui.Screen, m ui.Mutation) tea.Cmd {
	t.Helper()
	s.Update(ui.MutationConfirmedMsg{Tag: m.Tag})
	return func() tea.Msg {
		o, err := m.Call(context.Background())
		return tea.BatchMsg{msgCmd(ui.MutationOutcome(m, o, err)), msgCmd(ui.MutationDoneMsg{Tag: m.Tag, Outcome: o, Err: err}), msgCmd(ui.RefreshMsg{})}
	}
}

// Dialog presses k on s and returns the confirmation it asks for (after
// any reads the screen makes first, such as who paused the flow); the
// test fails unless the one message is a mutation.
func Dialog(t testing.TB, s ui.Screen, k string) ui.ConfirmRequest {
	t.Helper()
	msgs := Press(t, s, k)
	if len(msgs) != 1 {
		t.Fatalf("%s: want one message (the dialog), got %+v", k, msgs)
	}
	m, ok := msgs[0].(ui.MutateMsg)
	if !ok {
		t.Fatalf("%s: want the dialog, got %+v", k, msgs[0])
	}
	return m.Mutation.Confirm
}

// Refusal is the shell's answer to msgs[0] when it is a mutation in
// read-only mode (d as the screen was built with): the refusal sentence.
func Refusal(d ui.Deps, msgs []tea.Msg) (string, bool) {
	if len(msgs) == 0 {
		return "", false
	}
	m, ok := msgs[0].(ui.MutateMsg)
	if !ok || !ui.MutationsRefused(d) {
		return "", false
	}
	return ui.ReadOnlyRefusal(m.Mutation.Confirm.Action), true
}

func msgCmd(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
