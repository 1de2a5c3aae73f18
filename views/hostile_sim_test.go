package views

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The screens the fake API cannot serve (log lines, alerts, the credential
// runbook, the accessors pane) show what the server sends: a log line, a
// notification message, a credential's or a person's name carrying escape
// sequences (here through a proxy that rewrites the simulator's answers)
// reaches the frame without one escape or control byte.
func TestSimulatorServedScreensNeverPassEscapeSequencesThrough(t *testing.T) {
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
	cred, people := depsSaying("mysql-warehouse-primary"), depsSaying("Data Platform")
	sc := e.Scenario(t, "credential_expired")
	for _, c := range []struct {
		r ui.Route
		d ui.Deps
	}{
		{ui.Route{Kind: ui.RouteLogs, RT: nexla.Flows, ID: sc.FlowID}, logs},
		{ui.Route{Kind: ui.RouteLogs, RT: nexla.DataSources, ID: sc.SourceID}, logs},
		{ui.Route{Kind: ui.RouteNotifications}, alerts},
		{ui.Route{Kind: ui.RouteRunbook, RT: nexla.DataCredentials, ID: 3017}, cred}, // the credential runbook
		{ui.Route{Kind: ui.RouteAccess, RT: nexla.Flows, ID: sc.FlowID}, people},     // the accessors pane
	} {
		checkShownClean(t, c.r, c.d)
	}
}
