package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func command(a *App, line string) {
	press(a, ":")
	typeText(a, line)
	press(a, "enter")
}

// Top-level routes replace the stack above the root instead of pushing: 25
// `:health` leave Flows › health, and one esc reaches Flows. (Every `:`
// pushed; at the cap of 20 the root was dropped and esc never reached it.)
func TestTopLevelRoutesReplaceTheStack(t *testing.T) {
	h := newHarness(t, nil)
	a := h.app
	for i := 0; i < 25; i++ {
		command(a, "health")
	}
	if got := strings.Join(a.Breadcrumbs(), " > "); got != "flows flow > health " {
		t.Fatalf("after 25 :health the stack is %q", got)
	}
	if len(h.screens) != 2 {
		t.Fatalf("a route to the screen already shown must be a no-op: %d screens built", len(h.screens))
	}
	command(a, "src")
	command(a, "h")
	if got := strings.Join(a.Breadcrumbs(), " > "); got != "flows flow > health " {
		t.Fatalf(":src then :h should leave root > health, got %q", got)
	}
	press(a, "esc")
	if got := strings.Join(a.Breadcrumbs(), " > "); got != "flows flow" {
		t.Fatalf("esc should reach Flows, got %q", got)
	}
	command(a, "sources")
	command(a, "flows") // the root's own route goes back to it
	if len(a.stack) != 1 || a.stack[0].id != 1 {
		t.Fatalf(":flows should return to the root screen, stack %q", a.Breadcrumbs())
	}
}

// Pushes past the cap drop the oldest screens above the root, never the
// root; q quits only at the root.
func TestTheRootIsNeverDroppedAndQQuitsOnlyThere(t *testing.T) {
	h := newHarness(t, nil)
	a := h.app
	for i := 1; i <= 25; i++ {
		a.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: int64(i)}})
	}
	if len(a.stack) != maxStack || a.Breadcrumbs()[0] != "flows flow" || !h.screens[1].closed {
		t.Fatalf("stack %d deep, crumbs %q", len(a.stack), a.Breadcrumbs())
	}
	if msgs := press(a, "q"); hasQuit(msgs) {
		t.Fatal("q quit from a detail view")
	}
	for i := 0; i < maxStack-1; i++ {
		press(a, "esc")
	}
	if got := a.Breadcrumbs(); len(got) != 1 || got[0] != "flows flow" {
		t.Fatalf("esc should lead back to the root, got %q", got)
	}
	if msgs := press(a, "q"); !hasQuit(msgs) {
		t.Fatal("q at the root must quit")
	}
}

// Long breadcrumbs give way in the middle: the root and the current screen
// stay whole.
func TestBreadcrumbsElideTheMiddle(t *testing.T) {
	h := newHarness(t, nil)
	a := h.app
	for i := 0; i < 12; i++ {
		a.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: int64(100000 + i)}})
	}
	line := strings.Split(plain(a), "\n")[1]
	current := "detail source " + strconv.Itoa(100011)
	if !strings.HasPrefix(line, "flows flow › … › ") || !strings.Contains(line, current) {
		t.Fatalf("crumbs %q should keep the root and %q", line, current)
	}
	for _, w := range []int{10, 30, 80} {
		got := crumbLine([]string{"Flows", "Sources", "source 5012", "runbook source 5012"}, w)
		if !strings.HasSuffix(got, "runbook source 5012") || (ansi.StringWidth(got) > w && w >= 30) {
			t.Errorf("width %d: %q", w, got)
		}
	}
}
