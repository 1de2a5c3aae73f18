package views

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The Mutates mark tells the truth: on every screen, each action the
// screen lists asks the shell for a mutation when pressed if and only if
// it is marked Mutates. The shell refuses read-only keys by that mark
// alone, so an unmarked mutating key would open a confirm dialog in
// read-only mode (the client would still refuse the call), and a marked
// key that mutates nothing would be refused for no reason.
func TestEveryMutatingKeyIsMarked(t *testing.T) {
	env, _ := viewtest.IncidentOrg(t, false)
	flowID := env.Scenario(t, "transform_error").FlowID
	for _, c := range []struct {
		route   ui.Route
		mutates bool // the screen has at least one mutating key
	}{
		{ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows}, true},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSources}, true},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataCredentials}, false},
		{ui.Route{Kind: ui.RouteDetail, RT: nexla.Flows, ID: flowID}, false},
		{ui.Route{Kind: ui.RouteRunbook, RT: nexla.Flows, ID: flowID}, true},
		{ui.Route{Kind: ui.RouteHealth}, false},
	} {
		t.Run(string(c.route.Kind)+"_"+string(c.route.RT), func(t *testing.T) {
			t.Parallel()
			if got := checkMarks(t, c.route, env); (got > 0) != c.mutates {
				t.Fatalf("%d keys asked for a mutation, want some: %v", got, c.mutates)
			}
		})
	}
}

// checkMarks presses each listed action's key on a freshly loaded screen
// for r and returns how many asked for a mutation.
func checkMarks(t *testing.T, r ui.Route, env *simtest.Env) (mutated int) {
	d := viewtest.Deps(env.Client)
	d.Now = env.Sim.Now
	open := func() ui.Screen {
		s, err := Routes().Build(r, d)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		s.SetSize(160, 48)
		viewtest.Feed(t, s, s.Init())
		return s
	}
	for _, group := range open().FullHelp() {
		for _, a := range group {
			if len(a.Keys()) == 0 {
				continue
			}
			k := a.Keys()[0]
			asked := false
			for _, m := range viewtest.Press(t, open(), k) {
				if _, ok := m.(ui.MutateMsg); ok {
					asked = true
				}
			}
			if asked != a.Mutates {
				t.Errorf("key %q (%s) asks for a mutation: %v, marked Mutates: %v", k, a.Help().Desc, asked, a.Mutates)
			}
			if asked {
				mutated++
			}
		}
	}
	return mutated
}
