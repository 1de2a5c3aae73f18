package detail

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The demo org's first source (seed 1) and its flow.
const (
	demoSource = 10001
	demoFlow   = 800001
)

// A detail that cannot be loaded says which resource, the whole error and
// the retry key at 80x24. (Before: the error was on the heading's line, cut
// at the edge: "connectio…".)
func TestFailedLoadIsShownWholeAt80x24(t *testing.T) {
	for _, f := range simtest.Faults {
		t.Run(string(f), func(t *testing.T) {
			d, _ := viewtest.Faulty(t, f, "/data_sources")
			s := New(d, nexla.DataSources, demoSource)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			v := s.View()
			viewtest.CheckFailureShown(t, v, "Could not load source 10001")
			viewtest.CheckFaultNamed(t, v, f)
		})
	}
}

// A refresh that fails says so before the name, which can fill the line,
// with the retry key (before: after the name and status, cut off).
func TestFailedRefreshIsShownBeforeTheNameAt80x24(t *testing.T) {
	d, p := viewtest.Faulty(t, simtest.NoFault, "")
	s := New(d, nexla.Flows, demoFlow)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded {
		t.Fatalf("flow %d did not load: %v", demoFlow, s.err)
	}
	p.Set(simtest.TokenRefused, "/flows")
	viewtest.Press(t, s, "r")
	viewtest.CheckFailureShown(t, s.View(), "refresh failed", "GET /flows/800001")
}
