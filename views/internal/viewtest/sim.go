package viewtest

import (
	"net/http/httptest"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// Sim starts the simulator (seed 1, clock frozen at Clock) behind httptest
// and returns the real client for it, so screen tests cross real HTTP.
func Sim(t testing.TB, readOnly bool) (*sim.Sim, nexla.API) {
	t.Helper()
	s, err := sim.New(sim.Options{Seed: 1, Start: Clock, Frozen: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	c, err := nexla.New(nexla.Settings{BaseURL: srv.URL, ServiceKey: s.ServiceKey(), ReadOnly: readOnly})
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}
