// Package views holds the screens and the route table that builds them. The
// shell (ui) reaches screens only through the table, so ui never imports views.
package views

import (
	"fmt"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/access"
	"github.com/nexla-tui/nexla-tui/views/actions"
	"github.com/nexla-tui/nexla-tui/views/blast"
	"github.com/nexla-tui/nexla-tui/views/credcheck"
	"github.com/nexla-tui/nexla-tui/views/detail"
	"github.com/nexla-tui/nexla-tui/views/flows"
	"github.com/nexla-tui/nexla-tui/views/health"
	"github.com/nexla-tui/nexla-tui/views/logs"
	"github.com/nexla-tui/nexla-tui/views/notifications"
	"github.com/nexla-tui/nexla-tui/views/resources"
	"github.com/nexla-tui/nexla-tui/views/runbook"
)

// Routes is the one route table: each row gives the `:` word, its aliases,
// the help line, the route and the screen factory. Builders never do I/O:
// screens load in Init.
func Routes() ui.Routes {
	list := func(word, help string, rt nexla.ResourceType, aliases ...string) ui.RouteSpec {
		return ui.RouteSpec{Word: word, Aliases: aliases, Help: help, Top: true,
			Route: ui.Route{Kind: ui.RouteList, RT: rt}, Build: buildList}
	}
	one := func(word, help string, rt nexla.ResourceType, aliases ...string) ui.RouteSpec {
		return ui.RouteSpec{Word: word, Aliases: aliases, Help: help, NeedsID: true,
			Route: ui.Route{Kind: ui.RouteDetail, RT: rt}, Build: buildDetail}
	}
	return ui.Routes{
		{Word: "flows", Aliases: []string{"fl"}, Help: "flows tree", Top: true,
			Route: ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows},
			Build: func(_ ui.Route, d ui.Deps) (ui.Screen, error) { return flows.New(d), nil }},
		list("sources", "sources table", nexla.DataSources, "src"),
		list("nexsets", "nexsets table", nexla.DataSets, "sets", "ns"),
		list("destinations", "destinations table", nexla.DataSinks, "sinks", "dst"),
		list("credentials", "credentials table", nexla.DataCredentials, "creds"),
		{Word: "health", Aliases: []string{"h"}, Help: "org-wide health", Top: true,
			Route: ui.Route{Kind: ui.RouteHealth},
			Build: func(_ ui.Route, d ui.Deps) (ui.Screen, error) { return health.New(d), nil }},
		{Word: "notifications", Aliases: []string{"notif", "alerts"}, Help: "the org's alerts, newest first", Top: true,
			Route: ui.Route{Kind: ui.RouteNotifications},
			Build: func(_ ui.Route, d ui.Deps) (ui.Screen, error) { return notifications.New(d), nil }},
		{Word: "actions", Aliases: []string{"log"}, Help: "what this session changed", Top: true,
			Route: ui.Route{Kind: ui.RouteActions},
			Build: func(_ ui.Route, d ui.Deps) (ui.Screen, error) { return actions.New(d), nil }},
		one("flow", "flow ID or name: one flow", nexla.Flows),
		one("source", "source ID", nexla.DataSources),
		one("nexset", "nexset ID", nexla.DataSets, "set"),
		one("destination", "destination ID", nexla.DataSinks, "sink"),
		one("credential", "credential ID", nexla.DataCredentials, "cred"),
		{Word: "blast", Help: "blast ID: the flows credential ID breaks", NeedsID: true,
			Route: ui.Route{Kind: ui.RouteBlast, RT: nexla.DataCredentials}, Build: buildBlast},
		{Word: "consumers", Help: "consumers ID: the flows shared nexset ID feeds", NeedsID: true,
			Route: ui.Route{Kind: ui.RouteBlast, RT: nexla.DataSets}, Build: buildBlast},
		{Word: "access", Aliases: []string{"acl"}, Help: "who has access to the selection", Selected: true,
			Route: ui.Route{Kind: ui.RouteAccess},
			Build: func(r ui.Route, d ui.Deps) (ui.Screen, error) { return access.New(d, r.RT, r.ID), nil }},
		{Word: "runbook", Aliases: []string{"rb"}, Help: "troubleshoot the selection", Selected: true,
			Route: ui.Route{Kind: ui.RouteRunbook},
			Build: buildRunbook},
		{Word: "logs", Aliases: []string{"lg"}, Help: "logs of the selection (a flow or resource)", Selected: true,
			Route: ui.Route{Kind: ui.RouteLogs}, Build: buildLogs},
	}
}

func buildLogs(r ui.Route, d ui.Deps) (ui.Screen, error) {
	if r.RT == nexla.DataCredentials || r.RT == "" || r.ID <= 0 {
		return nil, fmt.Errorf("logs are kept for flows, sources, nexsets and destinations, not for a %s", kindName(r.RT))
	}
	return logs.New(d, r.RT, r.ID, r.Run), nil
}

// kindName names a resource type for a message ("selection" when none).
func kindName(rt nexla.ResourceType) string {
	if rt == "" {
		return "selection"
	}
	return rt.Singular()
}

func buildList(r ui.Route, d ui.Deps) (ui.Screen, error) { return resources.New(d, r.RT), nil }

func buildDetail(r ui.Route, d ui.Deps) (ui.Screen, error) {
	if r.ID <= 0 {
		return nil, fmt.Errorf("a %s id must be a positive number, got %d", r.RT.Singular(), r.ID)
	}
	return detail.New(d, r.RT, r.ID), nil
}

func buildBlast(r ui.Route, d ui.Deps) (ui.Screen, error) {
	if r.ID <= 0 {
		return nil, fmt.Errorf("a %s id must be a positive number, got %d", r.RT.Singular(), r.ID)
	}
	return blast.New(d, r.RT, r.ID), nil
}

// buildRunbook: a credential is not part of a flow, so its runbook is the
// credential's own (probe, stored status, last change, the flows it breaks).
func buildRunbook(r ui.Route, d ui.Deps) (ui.Screen, error) {
	if r.RT == nexla.DataCredentials {
		return credcheck.New(d, r.ID), nil
	}
	return runbook.New(d, r.RT, r.ID), nil
}
