package apptest

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
)

// Two flows screens on the stack never apply each other's filter: a filter
// change is addressed to the screen that typed it. (Filters used to be told
// apart by a type name, "flows", and every result went to every screen: the
// fifth change of the top screen's filter replaced the fifth of the one below.)
func TestTwoFlowsScreensKeepTheirOwnFilters(t *testing.T) {
	t.Parallel()
	r := startApp(t, 80, 24)
	r.ready()
	r.press("/")
	r.typeText("bill")
	r.press("enter")
	r.waitText("filter: bill")
	r.prog.Send(ui.NavigateMsg{Route: ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows}})
	r.waitText("Flows › Flows")
	r.waitFor("the second tree loaded, unfiltered", func(f string) bool {
		return strings.Contains(f, "36 flows") && !strings.Contains(f, "filter: ")
	})
	r.press("/")
	r.typeText("orde")
	r.press("enter")
	r.waitText("filter: orde")
	r.press("esc") // clears the top screen's filter
	r.waitFor("the top filter cleared", func(f string) bool { return !strings.Contains(f, "filter: orde") })
	r.press("esc") // back to the first screen
	f := r.waitFor("the first flows screen", func(f string) bool { return !strings.Contains(f, "Flows › Flows") })
	r.settle()
	f, _ = r.frames.get()
	if !strings.Contains(f, "filter: bill") || strings.Contains(f, "orde") {
		t.Fatalf("the first screen lost its own filter to the second's:\n%s", f)
	}
}
