package flows

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// statusLine is the screen's first line, the flows and failing counts.
func statusLine(s *Screen) string {
	line, _, _ := strings.Cut(viewtest.Plain(s.View()), "\n")
	return strings.TrimSpace(line)
}

// The home screen lists every flow whatever the server's undocumented
// readings (log unit, run order), and when the metrics service fails it still
// lists every flow, says the metrics are unavailable and claims no count.
func TestFlowsScreenUnderEveryServerReading(t *testing.T) {
	open := func(t *testing.T, o sim.Options) *Screen {
		o.Seed, o.Start, o.Frozen = 1, viewtest.Clock, true
		e := simtest.Start(t, o)
		return loaded(t, nil, 160, 48, e.Client)
	}
	want := statusLine(open(t, sim.Options{}))
	if !strings.Contains(want, "36 flows") || !strings.Contains(want, "with issues") {
		t.Fatalf("baseline status line %q", want)
	}
	for _, unit := range []string{sim.LogUnitSeconds, sim.LogUnitMillis} {
		for _, order := range []string{sim.RunOrderDesc, sim.RunOrderAsc} {
			if got := statusLine(open(t, sim.Options{LogUnit: unit, RunOrder: order})); got != want {
				t.Errorf("log %s, runs %s: %q, want %q", unit, order, got, want)
			}
			down := statusLine(open(t, sim.Options{LogUnit: unit, RunOrder: order, Faults: sim.Faults{MetricsStatus: 503}}))
			if !strings.Contains(down, "36 flows") || !strings.Contains(down, "metrics unavailable") || strings.Contains(down, "0 with issues") {
				t.Errorf("log %s, runs %s, metrics down: %q", unit, order, down)
			}
		}
	}
}
