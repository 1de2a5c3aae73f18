package detail

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The raw JSON of a source whose name is 10 MB of "é" arrives cleaned from
// the load's Cmd (cleaning it took 55-100 ms inside Update), and `w` wraps
// it off the update loop (~650 ms): the key press returns at once with the
// heading saying so, and the wrapped name shows when the wrap arrives.
func TestTenMegabyteRawJSONIsLaidOutOffTheUpdateLoop(t *testing.T) {
	const name = "Orders Parquet Export"
	e := simtest.Start(t, sim.Options{Seed: 1, Start: viewtest.Clock, Frozen: true})
	c, err := nexla.New(nexla.Settings{BaseURL: e.Rewriting(t, name, name+strings.Repeat("é", 5<<20)), ServiceKey: e.Sim.ServiceKey()})
	if err != nil {
		t.Fatal(err)
	}
	s := New(viewtest.Deps(c), nexla.DataSources, 10013)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded {
		t.Fatalf("not loaded: %v", s.err)
	}
	viewtest.Press(t, s, "v")
	_, cmd := s.Update(viewtest.Key("w"))
	if !s.pager.Wrapping() || !strings.Contains(viewtest.Plain(s.View()), "wrapping the raw JSON…") {
		t.Fatalf("the wrap ran inside Update, or the heading does not say it is on its way:\n%s", viewtest.Plain(s.View()))
	}
	for _, m := range viewtest.Run(cmd) {
		if _, ok := m.(components.PagerLaidOutMsg); ok {
			s.Update(m)
		}
	}
	if s.pager.Wrapping() || s.pager.Lines() < 5<<20/80 {
		t.Fatalf("the wrap did not arrive: %d lines", s.pager.Lines())
	}
	viewtest.CheckSize(t, s.View(), 80, 24)
}
