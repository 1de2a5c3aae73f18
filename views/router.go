// Package views holds the screens and the router that builds them. The shell
// (ui) reaches screens only through Factory, so ui never imports views.
package views

import (
	"fmt"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/detail"
	"github.com/nexla-tui/nexla-tui/views/flows"
	"github.com/nexla-tui/nexla-tui/views/health"
	"github.com/nexla-tui/nexla-tui/views/resources"
	"github.com/nexla-tui/nexla-tui/views/runbook"
)

// Factory maps a route to its screen. It never does I/O: screens load in
// Init. A route it cannot serve is an error the shell shows as a toast.
func Factory(r ui.Route, d ui.Deps) (ui.Screen, error) {
	var s ui.Screen
	switch r.Kind {
	case ui.RouteFlows:
		s = flows.New(d)
	case ui.RouteList:
		switch r.RT {
		case nexla.DataSources, nexla.DataSets, nexla.DataSinks, nexla.DataCredentials:
			s = resources.New(d, r.RT)
		case nexla.Flows:
			s = flows.New(d)
		default:
			return nil, fmt.Errorf("no list screen for %q (try sources, nexsets, destinations, credentials or flows)", string(r.RT))
		}
	case ui.RouteDetail:
		if !r.RT.Valid() {
			return nil, fmt.Errorf("no detail screen for %q", string(r.RT))
		}
		if r.ID <= 0 {
			return nil, fmt.Errorf("a %s id must be a positive number, got %d", r.RT.Singular(), r.ID)
		}
		s = detail.New(d, r.RT, r.ID)
	case ui.RouteRunbook:
		if scr := runbook.New(d, r.RT, r.ID); scr != nil {
			s = scr
		}
	case ui.RouteHealth:
		if scr := health.New(d); scr != nil {
			s = scr
		}
	default:
		return nil, fmt.Errorf("unknown screen %q", string(r.Kind))
	}
	if s == nil {
		return nil, fmt.Errorf("the %s screen is not available in this build yet", r.Kind)
	}
	return s, nil
}
