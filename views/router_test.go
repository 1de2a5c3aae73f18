package views

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/detail"
	"github.com/nexla-tui/nexla-tui/views/flows"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
	"github.com/nexla-tui/nexla-tui/views/resources"
)

func TestFactoryBuildsEveryBrowseScreen(t *testing.T) {
	d := viewtest.Deps(fakeapi.Org(viewtest.Clock))
	cases := []struct {
		route ui.Route
		check func(ui.Screen) bool
		title string
	}{
		{ui.Route{Kind: ui.RouteFlows}, func(s ui.Screen) bool { _, ok := s.(*flows.Screen); return ok }, "Flows"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSources}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Sources"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSets}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Nexsets"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSinks}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Destinations"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataCredentials}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Credentials"},
		{ui.Route{Kind: ui.RouteDetail, RT: nexla.DataSinks, ID: 9001}, func(s ui.Screen) bool { _, ok := s.(*detail.Screen); return ok }, "destination 9001"},
		{ui.Route{Kind: ui.RouteDetail, RT: nexla.Flows, ID: 100}, func(s ui.Screen) bool { _, ok := s.(*detail.Screen); return ok }, "flow 100"},
	}
	for _, c := range cases {
		s, err := Factory(c.route, d)
		if err != nil || !c.check(s) || s.Title() != c.title {
			t.Fatalf("%+v: screen %T (%v), title %q", c.route, s, err, titleOf(s))
		}
	}
}

func titleOf(s ui.Screen) string {
	if s == nil {
		return ""
	}
	return s.Title()
}

func TestFactoryRefusesWithClearErrors(t *testing.T) {
	d := viewtest.Deps(fakeapi.Org(viewtest.Clock))
	cases := map[string]ui.Route{
		"no list screen":   {Kind: ui.RouteList, RT: "projects"},
		"positive number":  {Kind: ui.RouteDetail, RT: nexla.DataSources, ID: 0},
		"no detail screen": {Kind: ui.RouteDetail, RT: "teams", ID: 3},
		"unknown screen":   {Kind: "bogus"},
	}
	for want, r := range cases {
		s, err := Factory(r, d)
		if err == nil || s != nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%+v: want an error containing %q, got %v / %T", r, want, err, s)
		}
	}
}

func TestFactoryReportsMissingRunbookOrHealthAsError(t *testing.T) {
	d := viewtest.Deps(fakeapi.Org(viewtest.Clock))
	for _, r := range []ui.Route{{Kind: ui.RouteRunbook, RT: nexla.DataSources, ID: 5012}, {Kind: ui.RouteHealth}} {
		s, err := Factory(r, d)
		if (s == nil) == (err == nil) {
			t.Fatalf("%+v: exactly one of screen and error must be set: %T / %v", r, s, err)
		}
	}
}
