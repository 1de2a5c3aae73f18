package viewtest

import (
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
)

// Sim serves the demo org (seed 1, clock frozen at Clock) over real HTTP
// and returns the real client for it, so screen tests cross real HTTP.
func Sim(t testing.TB, readOnly bool) (*sim.Sim, nexla.API) {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 1, Start: Clock, Frozen: true})
	return e.Sim, client(t, e, readOnly)
}

// IncidentClock is when the incident org is frozen: the runbook and health
// goldens (and the CLI's doctor goldens) are taken at this instant.
var IncidentClock = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// IncidentOrg serves the seed-7 simulator, whose flows carry every incident
// scenario (docs/scenarios.md), frozen at IncidentClock, with Deps on the
// simulator's clock. readOnly makes both the client and Deps read-only.
func IncidentOrg(t testing.TB, readOnly bool) (*simtest.Env, ui.Deps) {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 7, Start: IncidentClock, Frozen: true})
	d := Deps(client(t, e, readOnly))
	d.Now, d.ReadOnly = e.Sim.Now, readOnly
	return e, d
}

func client(t testing.TB, e *simtest.Env, readOnly bool) nexla.API {
	t.Helper()
	if readOnly {
		return e.ReadOnlyClient(t)
	}
	return e.Client
}
