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
		{ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows}, func(s ui.Screen) bool { _, ok := s.(*flows.Screen); return ok }, "Flows"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSources}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Sources"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSets}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Nexsets"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataSinks}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Destinations"},
		{ui.Route{Kind: ui.RouteList, RT: nexla.DataCredentials}, func(s ui.Screen) bool { _, ok := s.(*resources.Screen); return ok }, "Credentials"},
		{ui.Route{Kind: ui.RouteDetail, RT: nexla.DataSinks, ID: 9001}, func(s ui.Screen) bool { _, ok := s.(*detail.Screen); return ok }, "destination 9001"},
		{ui.Route{Kind: ui.RouteDetail, RT: nexla.Flows, ID: 100}, func(s ui.Screen) bool { _, ok := s.(*detail.Screen); return ok }, "flow 100"},
	}
	for _, c := range cases {
		s, err := Routes().Build(c.route, d)
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
		"no screen for list project": {Kind: ui.RouteList, RT: "projects"},
		"positive number":            {Kind: ui.RouteDetail, RT: nexla.DataSources, ID: 0},
		"no screen for detail team":  {Kind: ui.RouteDetail, RT: "teams", ID: 3},
		"no screen for bogus":        {Kind: "bogus"},
		"not for a credential":       {Kind: ui.RouteLogs, RT: nexla.DataCredentials, ID: 3011},
	}
	for want, r := range cases {
		s, err := Routes().Build(r, d)
		if err == nil || s != nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%+v: want an error containing %q, got %v / %T", r, want, err, s)
		}
	}
}

// Every row of the table builds its screen: the `:` words and the factory
// cannot drift apart.
func TestEveryRouteBuildsItsScreen(t *testing.T) {
	d := viewtest.Deps(fakeapi.Org(viewtest.Clock))
	for _, spec := range Routes() {
		r := spec.Route
		if spec.NeedsID || spec.Selected {
			r.ID = 5012
		}
		if spec.Selected {
			r.RT = nexla.DataSources
		}
		if s, err := Routes().Build(r, d); err != nil || s == nil {
			t.Errorf(":%s: %T / %v", spec.Word, s, err)
		}
	}
}

func TestCommandLineAliasesAndErrors(t *testing.T) {
	rs := Routes()
	cases := map[string]ui.Route{
		"flows":          {Kind: ui.RouteFlows, RT: nexla.Flows},
		"src":            {Kind: ui.RouteList, RT: nexla.DataSources},
		"nexsets":        {Kind: ui.RouteList, RT: nexla.DataSets},
		"sinks":          {Kind: ui.RouteList, RT: nexla.DataSinks},
		"credentials":    {Kind: ui.RouteList, RT: nexla.DataCredentials},
		"health":         {Kind: ui.RouteHealth},
		"h":              {Kind: ui.RouteHealth},
		"flow 123":       {Kind: ui.RouteDetail, RT: nexla.Flows, ID: 123},
		"source 45":      {Kind: ui.RouteDetail, RT: nexla.DataSources, ID: 45},
		"nexset 7":       {Kind: ui.RouteDetail, RT: nexla.DataSets, ID: 7},
		"destination 9":  {Kind: ui.RouteDetail, RT: nexla.DataSinks, ID: 9},
		" credential 3 ": {Kind: ui.RouteDetail, RT: nexla.DataCredentials, ID: 3},
	}
	for line, want := range cases {
		c, err := rs.Parse(line)
		if err != nil || c.Quit || c.Help || c.Route != want {
			t.Errorf("%q: got %+v err=%v, want %+v", line, c, err, want)
		}
	}
	if c, _ := rs.Parse("q"); !c.Quit {
		t.Error(":q must quit")
	}
	for line, want := range map[string]string{
		"bogus":      "unknown command :bogus (try :flows, :sources",
		"flow":       ":flow needs one numeric id",
		"source abc": "the id must be a positive number",
		"flows 3":    ":flows takes no argument",
	} {
		if _, err := rs.Parse(line); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", line, err, want)
		}
	}
	if got, c := rs.Complete("dest"); got != "destination" || len(c) != 2 {
		t.Fatalf("dest -> %q %v", got, c)
	}
	if got, _ := rs.Complete("cre"); got != "cred" {
		t.Fatalf("cre -> %q", got)
	}
	if got, _ := rs.Complete("heal"); got != "health " {
		t.Fatalf("unique completion adds a space: %q", got)
	}
}

// `:h` is health in the real table (it was "unknown command").
func TestHealthAlias(t *testing.T) {
	for _, word := range []string{"h", "health"} {
		c, err := Routes().Parse(word)
		if err != nil || c.Route.Kind != ui.RouteHealth {
			t.Fatalf(":%s -> %+v, %v", word, c.Route, err)
		}
	}
}
