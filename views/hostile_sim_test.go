package views

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The screens of log lines and alerts show what the server sends about a
// run: a log line or notification message carrying escape sequences (here
// through a proxy that rewrites the simulator's answers) reaches the frame
// without one escape or control byte.
func TestLogAndNotificationScreensNeverPassEscapeSequencesThrough(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: viewtest.IncidentClock, Frozen: true})
	// Deps whose answers have hostileName before each occurrence of said.
	depsSaying := func(said string) ui.Deps {
		c, err := nexla.New(nexla.Settings{BaseURL: e.Rewriting(t, said, hostileName+said), ServiceKey: e.Sim.ServiceKey()})
		if err != nil {
			t.Fatal(err)
		}
		d := viewtest.Deps(c)
		d.Now = e.Sim.Now
		return d
	}
	logs, alerts := depsSaying("Authentication failed"), depsSaying("Data source")
	sc := e.Scenario(t, "credential_expired")
	for _, c := range []struct {
		r ui.Route
		d ui.Deps
	}{
		{ui.Route{Kind: ui.RouteLogs, RT: nexla.Flows, ID: sc.FlowID}, logs},
		{ui.Route{Kind: ui.RouteLogs, RT: nexla.DataSources, ID: sc.SourceID}, logs},
		{ui.Route{Kind: ui.RouteNotifications}, alerts},
	} {
		r := c.r
		s, err := Routes().Build(r, c.d)
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			s.SetSize(size[0], size[1])
			viewtest.Feed(t, s, s.Init())
			frame := themeSGR.ReplaceAllString(s.View(), "")
			if !strings.Contains(frame, "evil") {
				t.Fatalf("%v at %v: the hostile text is not on screen, so this proves nothing:\n%s", r, size, frame)
			}
			for i, ch := range frame {
				if ch == 0x1b || ch == 0x07 || ch == 0x9b || (ch < 0x20 && ch != '\n') {
					t.Fatalf("%v at %v: control %U at byte %d reached the frame:\n%q", r, size, ch, i, frame)
				}
			}
			if strings.Contains(frame, "]52;") {
				t.Fatalf("%v at %v: an escape sequence's body survived:\n%s", r, size, frame)
			}
		}
	}
}
