package flows

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// A first load of the tree that fails (503 past the retries, a refused
// token, an empty 200, nothing listening) fills the pane with what failed,
// the whole error and the retry key at 80x24. (Before: the error was one
// line cut at the edge: "connectio…", "empty bo…".)
func TestFailedLoadIsShownWholeAt80x24(t *testing.T) {
	for _, f := range simtest.Faults {
		t.Run(string(f), func(t *testing.T) {
			d, _ := viewtest.Faulty(t, f, "/flows")
			s := New(d)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			v := s.View()
			viewtest.CheckFailureShown(t, v, "Could not load flows")
			viewtest.CheckFaultNamed(t, v, f)
		})
	}
}

// A refresh that fails leaves the last tree on screen and says so first on
// the status line, with the retry key, even with a sort
// applied (before: last on the line, after the counts, and cut
// off at 80 columns with no retry key).
func TestFailedRefreshIsShownFirstAt80x24(t *testing.T) {
	for _, f := range []simtest.Fault{simtest.Unavailable, simtest.TokenRefused, simtest.EmptyAnswer} {
		t.Run(string(f), func(t *testing.T) {
			d, p := viewtest.Faulty(t, simtest.NoFault, "")
			s := New(d)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			viewtest.Press(t, s, "s", "s")
			p.Set(f, "/flows")
			viewtest.Press(t, s, "r")
			viewtest.CheckFailureShown(t, s.View(), "refresh failed", "GET /flows")
		})
	}
}
