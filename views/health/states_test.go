package health

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// At 80x24, an org whose listing answers with no flows reads as nothing
// checked, never as a healthy org ("0 with issues"); an answer that cannot
// be used (the server's 500) reads "could not check", with the retry key.
func TestHealthEmptyAndFailedAnswersAreNotAHealthyOrg(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: viewtest.IncidentClock, Frozen: true})
	d := viewtest.Deps(e.ClientAs(t, "empty_org"))
	d.Now = e.Sim.Now
	s := New(d).(*Screen)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	v := viewtest.Plain(s.View())
	viewtest.CheckSize(t, v, 80, 24)
	if !strings.Contains(v, "no flows listed · nothing checked") || !strings.Contains(v, "nothing to check") || strings.Contains(v, "with issues") {
		t.Fatalf("empty org:\n%s", v)
	}

	failing := simtest.Start(t, sim.Options{Seed: 7, Start: viewtest.IncidentClock, Frozen: true,
		Faults: sim.Faults{ErrorRate: 1}})
	d = viewtest.Deps(failing.NewClient(t))
	d.Now = failing.Sim.Now
	s = New(d).(*Screen)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	v = viewtest.Plain(s.View())
	viewtest.CheckSize(t, v, 80, 24)
	if !strings.Contains(v, "check failed") || !strings.Contains(v, "r to retry") || strings.Contains(v, "with issues") {
		t.Fatalf("failed answers:\n%s", v)
	}
}
