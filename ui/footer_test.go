package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
)

// busyStub lists as many keys as the flows tree does.
type busyStub struct{ *stubScreen }

func (s busyStub) ShortHelp() []keymap.Action {
	var out []keymap.Action
	for _, kd := range [][2]string{{"enter", "open"}, {"i", "only issues"}, {"space", "expand/collapse"}, {"/", "filter"},
		{"s", "sort flows"}, {"p", "pause"}, {"a", "activate"}, {"P", "pause this resource only"}, {"r", "refresh"}} {
		out = append(out, keymap.Action{Binding: key.NewBinding(key.WithKeys(kd[0]), key.WithHelp(kd[0], kd[1]))})
	}
	return out
}

// At 80 and 120 columns the footer keeps `:` and `?` (they lead to every
// other key), dropping the screen's last hints first; it keeps the first.
func TestFooterAlwaysKeepsCommandAndHelp(t *testing.T) {
	for _, w := range []int{80, 120, 40} {
		h := newHarness(t, func(c *AppConfig) {
			c.Routes = testRoutes(func(r Route, d Deps) (Screen, error) { return busyStub{&stubScreen{title: string(r.Kind)}}, nil })
		})
		h.app.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		footer := ansi.Strip(h.app.renderFooter())
		if ansi.StringWidth(footer) != w {
			t.Fatalf("%d columns: footer is %d wide: %q", w, ansi.StringWidth(footer), footer)
		}
		if !strings.Contains(footer, ": command") || !strings.Contains(footer, "? help") {
			t.Fatalf("%d columns: `:` and `?` must show: %q", w, footer)
		}
		if w >= 80 && (!strings.Contains(footer, "enter open") || strings.Contains(footer, "pause this resource only")) {
			t.Fatalf("%d columns: the screen's last hints go first, its first stay: %q", w, footer)
		}
	}
}

// Tab after an ambiguous word cycles through the candidates (shift+tab
// backwards); typing starts over; enter runs the one on the line.
func TestTabCyclesThroughCompletions(t *testing.T) {
	h := newHarness(t, nil)
	press(h.app, ":")
	typeText(h.app, "s")
	press(h.app, "tab")
	line := func() string { return ansi.Strip(h.app.renderFooter()) }
	if !strings.Contains(line(), "source sources src") {
		t.Fatalf("candidates not listed: %q", line())
	}
	want := []string{"source", "sources", "src", "source"}
	for _, w := range want {
		press(h.app, "tab")
		if h.app.cmd.input.Value() != w || !strings.Contains(line(), "["+w+"]") {
			t.Fatalf("tab should put %q on the line: %q", w, line())
		}
	}
	press(h.app, "shift+tab")
	if h.app.cmd.input.Value() != "src" {
		t.Fatalf("shift+tab goes back: %q", line())
	}
	press(h.app, "shift+tab")
	press(h.app, "enter")
	if r := h.routes[len(h.routes)-1]; r.Kind != RouteList || r.RT != nexla.DataSources {
		t.Fatalf(":sources opened %+v", r)
	}
}

// `:h` and the H key open health from any screen.
func TestHealthFromAnywhere(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: 1}})
	press(h.app, "H")
	if r := h.routes[len(h.routes)-1]; r.Kind != RouteHealth {
		t.Fatalf("H opened %+v", r)
	}
	press(h.app, "esc")
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: 1}})
	press(h.app, ":")
	typeText(h.app, "h")
	press(h.app, "enter")
	if r := h.routes[len(h.routes)-1]; r.Kind != RouteHealth {
		t.Fatalf(":h opened %+v", r)
	}
}
