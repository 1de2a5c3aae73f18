package health

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// A check whose flow listing fails says what failed, the whole error and
// the retry key at 80x24. (Before: the body read "no flows" and the error,
// on the status line, was cut at the edge, with no retry key.)
func TestFailedCheckIsShownWholeAt80x24(t *testing.T) {
	for _, f := range simtest.Faults {
		t.Run(string(f), func(t *testing.T) {
			d, _ := viewtest.Faulty(t, f, "/flows")
			s := New(d).(*Screen)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			v := s.View()
			viewtest.CheckFailureShown(t, v, "check failed", "Could not load the flows to check")
			viewtest.CheckFaultNamed(t, v, f)
		})
	}
}

// A second check that fails keeps the first one's rows and says, first on
// the line, that the check failed. (Before: "0 flows · 0 with issues
// (0 critical)", the new check's empty totals over the old rows, and the
// error cut off at 80 columns: the false calm the soak saw.)
func TestFailedRecheckNeverReadsZeroWithIssues(t *testing.T) {
	for _, f := range []simtest.Fault{simtest.Unavailable, simtest.TokenRefused, simtest.EmptyAnswer} {
		t.Run(string(f), func(t *testing.T) {
			d, p := viewtest.Faulty(t, simtest.NoFault, "")
			s := New(d).(*Screen)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			if s.err != nil || len(s.rows) == 0 {
				t.Fatalf("first check: %d rows, err %v", len(s.rows), s.err)
			}
			p.Set(f, "/flows")
			viewtest.Feed(t, s, func() tea.Msg { return ui.RefreshMsg{} }) // r, as the shell hands it over
			viewtest.CheckFailureShown(t, s.View(), "check failed", "GET /flows")
		})
	}
}
