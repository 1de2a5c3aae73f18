package viewtest

import (
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

// forShell is true for a message the shell (or bubbletea) handles; every
// other message (the screen's loads, confirmations, filter changes…) goes
// back to the screen.
func forShell(m tea.Msg) bool {
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

// Confirm plays the user saying yes in the confirm modal: it runs the
// request's OnConfirm, hands the answer to s, and returns the Cmd the screen
// answers with (the call) unrun, so a test can look at the screen before
// the call goes out.
func Confirm(t testing.TB, s ui.Screen, req ui.ConfirmRequest) tea.Cmd {
	t.Helper()
	msgs := Run(req.OnConfirm)
	if len(msgs) != 1 {
		t.Fatalf("OnConfirm gave %d messages, want 1: %#v", len(msgs), msgs)
	}
	_, call := s.Update(msgs[0])
	return call
}
