package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
)

func TestStackBreadcrumbsAndBack(t *testing.T) {
	h := newHarness(t, nil)
	a := h.app
	a.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
	a.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: 45}})
	if got := strings.Join(a.Breadcrumbs(), " > "); got != "flows flow > list source > detail source 45" {
		t.Fatalf("breadcrumbs: %q", got)
	}
	if !strings.Contains(plain(a), "flows flow › list source › detail source 45") {
		t.Fatal("breadcrumb line not rendered")
	}
	press(a, "esc")
	if len(a.stack) != 2 || !h.screens[2].closed {
		t.Fatalf("esc must pop and close the screen: depth %d closed %v", len(a.stack), h.screens[2].closed)
	}
	press(a, "backspace")
	press(a, "esc") // at the root esc does not pop
	if len(a.stack) != 1 {
		t.Fatalf("root must stay: depth %d", len(a.stack))
	}
	// The revealed screen learns it is visible again; esc at the root is its own.
	vis := 0
	for _, m := range h.screens[0].got {
		if v, ok := m.(VisibilityMsg); ok && v.Visible {
			vis++
		}
	}
	if _, isKey := h.screens[0].got[len(h.screens[0].got)-1].(tea.KeyPressMsg); vis != 1 || !isKey {
		t.Fatalf("root should get VisibilityMsg{true} once and then esc: %#v", h.screens[0].got)
	}
}

func TestBackInterceptorKeepsEsc(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSets}})
	h.screens[1].intercep = true
	press(h.app, "esc")
	if len(h.app.stack) != 2 {
		t.Fatal("esc must go to a screen that intercepts back")
	}
}

func TestCommandLineCompletionAndRun(t *testing.T) {
	h := newHarness(t, nil)
	press(h.app, ":")
	typeText(h.app, "sou")
	press(h.app, "tab")
	if !strings.Contains(plain(h.app), ":source") {
		t.Fatalf("completion not shown:\n%s", plain(h.app))
	}
	typeText(h.app, "s")
	press(h.app, "enter")
	if r := h.routes[len(h.routes)-1]; r.Kind != RouteList || r.RT != nexla.DataSources {
		t.Fatalf(":sources opened %+v", r)
	}
	press(h.app, ":")
	typeText(h.app, "nope")
	press(h.app, "enter")
	if !strings.Contains(plain(h.app), "unknown command :nope") {
		t.Fatalf("unknown command must toast:\n%s", plain(h.app))
	}
	press(h.app, ":")
	press(h.app, "q")
	if msgs := press(h.app, "enter"); !hasQuit(msgs) {
		t.Fatal(":q must quit")
	}
}

func hasQuit(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func confirmHarness(t *testing.T, readOnly bool) (*harness, *bool) {
	confirmed := new(bool)
	h := newHarness(t, func(c *AppConfig) { c.Deps.ReadOnly = readOnly })
	run(h.app, func() tea.Msg { return MutateMsg{Mutation: pauseMutation(confirmed)} })
	return h, confirmed
}

// pauseMutation is a mutation whose call records that it ran.
func pauseMutation(called *bool) Mutation {
	return Mutation{
		Confirm: ConfirmRequest{Title: "Pause flow", Resource: `source "orders-s3" (id 5012)`, Action: "pause",
			Effects: []string{`nexset "orders" (id 7)`, `destination "warehouse" (id 9)`}},
		What: "source 5012", Done: "paused source 5012",
		Call: func(context.Context) (nexla.Outcome, error) { *called = true; return nexla.Outcome{}, nil },
	}
}

func TestConfirmFocusStartsOnNoAndEnterCancels(t *testing.T) {
	h, confirmed := confirmHarness(t, false)
	if !strings.Contains(plain(h.app), "> No <") {
		t.Fatalf("focus must start on No:\n%s", plain(h.app))
	}
	press(h.app, "enter")
	if *confirmed || h.app.confirm != nil {
		t.Fatal("Enter on No must cancel, not confirm")
	}
}

func TestConfirmEnterOnYesDoesNotConfirm(t *testing.T) {
	h, confirmed := confirmHarness(t, false)
	press(h.app, "right")
	if !strings.Contains(plain(h.app), "> Yes <") {
		t.Fatal("right moves focus to Yes")
	}
	press(h.app, "enter")
	if *confirmed || h.app.confirm == nil {
		t.Fatal("Enter alone must never confirm")
	}
	if !strings.Contains(plain(h.app), "Enter does not confirm: press c") {
		t.Fatal("Enter on Yes must say which key confirms")
	}
	press(h.app, "c")
	if !*confirmed || h.app.confirm != nil {
		t.Fatal("c must confirm and close")
	}
}

func TestConfirmKeyConfirmsAndEscCancels(t *testing.T) {
	h, confirmed := confirmHarness(t, false)
	press(h.app, "p") // the opening key does nothing in the modal
	if *confirmed || h.app.confirm == nil {
		t.Fatal("p must not confirm")
	}
	press(h.app, "esc")
	if *confirmed || h.app.confirm != nil || len(h.app.stack) != 1 {
		t.Fatal("esc must cancel the modal only")
	}
	h, confirmed = confirmHarness(t, false)
	press(h.app, "c")
	if !*confirmed {
		t.Fatal("c confirms even with focus on No")
	}
}

func TestReadOnlyRefusesMutations(t *testing.T) {
	h, confirmed := confirmHarness(t, true)
	if h.app.confirm != nil || *confirmed {
		t.Fatal("read-only must not open the confirm modal")
	}
	want := "read-only: pause is disabled (started with --read-only or a read-only profile)"
	if !strings.Contains(plain(h.app), want[:40]) {
		t.Fatalf("refusal not shown:\n%s", plain(h.app))
	}
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
	act := pauseMutation(confirmed)
	act.Confirm.Action = "activate"
	run(h.app, Mutate(act))
	if got := h.app.toasts[len(h.app.toasts)-1].text; got != ReadOnlyRefusal("activate") || h.app.confirm != nil || *confirmed {
		t.Fatalf("activate: %q", got)
	}
	if !strings.Contains(plain(h.app), "[READ-ONLY]") {
		t.Fatal("header must show the READ-ONLY badge")
	}
}

func TestCopyWritesOSC52(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
	var raw []string
	for _, m := range press(h.app, "y", "Y") {
		if r, ok := m.(tea.RawMsg); ok {
			raw = append(raw, r.Msg.(string))
		}
	}
	if len(raw) != 2 || raw[0] != "\x1b]52;c;NTAxMg==\x07" || raw[1] != "\x1b]52;c;b3JkZXJzLXMz\x07" {
		t.Fatalf("copy sequences: %q", raw)
	}
	if !strings.Contains(plain(h.app), `copied source name "orders-s3"`) {
		t.Fatal("copy must toast")
	}
}

func TestRefreshKeyTickAndPause(t *testing.T) {
	h := newHarness(t, func(c *AppConfig) { c.Refresh = 1 })
	a, s := h.app, h.screens[0]
	count := func() int {
		n := 0
		for _, m := range s.got {
			if _, ok := m.(RefreshMsg); ok {
				n++
			}
		}
		return n
	}
	press(a, "r")
	a.Update(refreshTickMsg{gen: a.tickGen})
	if count() != 2 {
		t.Fatalf("r and a tick must refresh: %d", count())
	}
	press(a, "?")
	a.Update(refreshTickMsg{gen: a.tickGen})
	press(a, "?")
	a.Update(tea.BlurMsg{})
	a.Update(refreshTickMsg{gen: a.tickGen})
	a.Update(tea.FocusMsg{})
	a.Update(refreshTickMsg{gen: a.tickGen - 1}) // stale loop
	if count() != 2 {
		t.Fatalf("refresh must pause under help, while hidden, and drop stale ticks: %d", count())
	}
}

func TestCapturingScreenGetsGlobalKeys(t *testing.T) {
	h := newHarness(t, nil)
	h.screens[0].capture = true
	press(h.app, "?", ":", "q")
	if h.app.help || h.app.cmd != nil || len(h.screens[0].got) < 3 {
		t.Fatal("a capturing screen must get ?, : and q as text")
	}
	if msgs := press(h.app, "ctrl+c"); !hasQuit(msgs) {
		t.Fatal("ctrl+c always quits")
	}
}

func TestRunbookOpensOnSelection(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
	press(h.app, "t")
	if r := h.routes[len(h.routes)-1]; r != (Route{Kind: RouteRunbook, RT: nexla.DataSources, ID: 5012}) {
		t.Fatalf("t opened %+v", r)
	}
}

func TestStatusAndFatalPane(t *testing.T) {
	h := newHarness(t, func(c *AppConfig) { c.Deps.API = fakeAPI{} })
	if !strings.Contains(plain(h.app), "user Ada Oncall") || !strings.Contains(plain(h.app), "org Acme") {
		t.Fatalf("header must show user and org:\n%s", plain(h.app))
	}
	down := &nexla.APIError{Kind: nexla.KindNetwork, Method: "GET", Path: "/users/current", Message: "connection refused"}
	h = newHarness(t, func(c *AppConfig) { c.Deps.API = fakeAPI{err: down} })
	out := plain(h.app)
	for _, want := range []string{"Nexla API unreachable", "connection refused", "/tmp/nexla-tui/debug.log", "r retry"} {
		if !strings.Contains(out, want) {
			t.Fatalf("fatal pane lacks %q:\n%s", want, out)
		}
	}
	h.app.deps.API = fakeAPI{}
	press(h.app, "r")
	if h.app.fatal != nil || len(h.screens) != 2 {
		t.Fatalf("retry must clear the error and rebuild the screen (screens %d)", len(h.screens))
	}
}

func TestOnboardingStartsDemo(t *testing.T) {
	h := newHarness(t, func(c *AppConfig) {
		c.Onboarding = &OnboardingInfo{Reason: nexla.ErrNoCredentials.Error(), ConfigPath: "/home/u/.config/nexla-tui/config.yaml"}
		c.DemoAvailable = true
		c.StartDemo = func() (nexla.API, func(), error) { return fakeAPI{}, func() {}, nil }
	})
	if len(h.screens) != 0 || !strings.Contains(plain(h.app), "NEXLA_SERVICE_KEY") {
		t.Fatal("onboarding must show before any screen")
	}
	press(h.app, "d")
	if h.app.onboarding != nil || len(h.app.stack) != 1 || h.app.deps.Profile != "demo" {
		t.Fatal("d must start the demo and open the start screen")
	}
	h = newHarness(t, func(c *AppConfig) {
		c.Onboarding = &OnboardingInfo{}
		c.DemoAvailable = true
		c.StartDemo = func() (nexla.API, func(), error) { return nil, nil, errors.New("port in use") }
	})
	press(h.app, "d")
	if h.app.onboarding == nil || !strings.Contains(plain(h.app), "demo failed to start: port in use") {
		t.Fatal("a failed demo start must say why and stay on onboarding")
	}
}

func TestMinimumSizeNeverPanics(t *testing.T) {
	h := newHarness(t, nil)
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {59, 24}, {80, 14}, {0, 0}} {
		h.app.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		out := plain(h.app)
		if sz[0] > 0 && sz[1] > 0 {
			assertFrame(t, out, sz[0], sz[1])
		}
	}
	h.app.Update(tea.WindowSizeMsg{Width: 59, Height: 24})
	if !strings.Contains(plain(h.app), "59x24") || !strings.Contains(plain(h.app), "60x15") {
		t.Fatalf("min-size must say current and needed size:\n%s", plain(h.app))
	}
}

func TestPreviewPaneBesideAndBelow(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	if s := h.screens[0]; s.w != 96 || s.h != 45 {
		t.Fatalf("beside: main %dx%d", s.w, s.h)
	}
	assertFrame(t, plain(h.app), 160, 48)
	h.app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := h.screens[0]; s.w != 80 || s.h != 12 {
		t.Fatalf("below: main %dx%d", s.w, s.h)
	}
	assertFrame(t, plain(h.app), 80, 24)
}

func TestMouseIsTranslatedToThePane(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(tea.MouseClickMsg{X: 3, Y: 5, Button: tea.MouseLeft})
	got := h.screens[0].got[len(h.screens[0].got)-1].(tea.MouseClickMsg)
	if got.Y != 3 || got.X != 3 {
		t.Fatalf("click at row 5 is pane row 3, got %+v", got)
	}
	n := len(h.screens[0].got)
	h.app.Update(tea.MouseClickMsg{X: 3, Y: 0, Button: tea.MouseLeft}) // header
	if len(h.screens[0].got) != n {
		t.Fatal("clicks outside the pane must not reach the screen")
	}
}

// Long effect lines wrap under their text, not under the bullet, so the
// dialog's list of what changes stays readable at 80 columns.
func TestConfirmEffectsWrapWithHangingIndent(t *testing.T) {
	got := hanging("  - ", "destination \"Orders to Snowflake warehouse\" (id 500001) pauses, now ACTIVE", 40)
	lines := strings.Split(got, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "  - destination") {
		t.Fatalf("first line should carry the bullet: %q", got)
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "     ") {
			t.Fatalf("continuation %q should start under the text (4 spaces):\n%s", l, got)
		}
	}
}

// backListingStub lists esc itself, as detail and runbook do.
type backListingStub struct{ *stubScreen }

func (s backListingStub) ShortHelp() []keymap.Action {
	return []keymap.Action{keymap.Default().Back, keymap.DefaultScreens().Detail.Raw}
}

// The footer names each key once even when the screen lists a key the
// shell adds as well.
func TestFooterListsEachKeyOnce(t *testing.T) {
	h := newHarness(t, func(c *AppConfig) {
		c.Routes = testRoutes(func(r Route, d Deps) (Screen, error) { return backListingStub{&stubScreen{title: string(r.Kind)}}, nil })
	})
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteDetail, RT: nexla.DataSources, ID: 1}})
	footer := ansi.Strip(h.app.renderFooter())
	if n := strings.Count(footer, "esc"); n != 1 {
		t.Fatalf("esc listed %d times in the footer: %q", n, footer)
	}
	if !strings.Contains(footer, "v raw JSON") {
		t.Fatalf("the screen's own keys are gone: %q", footer)
	}
}

// manyKeysStub has more keys than an 80x24 help overlay can show at once.
type manyKeysStub struct{ *stubScreen }

func (s manyKeysStub) FullHelp() [][]keymap.Action {
	var g []keymap.Action
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"} {
		g = append(g, keymap.Action{Binding: key.NewBinding(key.WithKeys(k), key.WithHelp(k, "action "+k))})
	}
	return [][]keymap.Action{g}
}

// Help taller than the pane scrolls instead of hiding the commands, and
// keeps the debug log path on screen throughout.
func TestHelpScrollsAndKeepsLogPath(t *testing.T) {
	h := newHarness(t, func(c *AppConfig) {
		c.Routes = testRoutes(func(r Route, d Deps) (Screen, error) { return manyKeysStub{&stubScreen{title: "busy"}}, nil })
	})
	a := h.app
	press(a, "?")
	first := ansi.Strip(a.Render())
	if !strings.Contains(first, "Global keys") || strings.Contains(first, ":quit") {
		t.Fatalf("help should open at the top with more below:\n%s", first)
	}
	if !strings.Contains(first, "lines 1-") || !strings.Contains(first, "/tmp/nexla-tui/debug.log") {
		t.Fatalf("position or log path missing:\n%s", first)
	}
	press(a, "G")
	last := ansi.Strip(a.Render())
	if !strings.Contains(last, ":quit") || !strings.Contains(last, "/tmp/nexla-tui/debug.log") {
		t.Fatalf("G should reach the last command with the log path still shown:\n%s", last)
	}
	press(a, "G", "j", "j") // past the end stays at the end
	if ansi.Strip(a.Render()) != last {
		t.Fatal("scrolling past the end moved the overlay")
	}
	press(a, "k")
	if ansi.Strip(a.Render()) == last {
		t.Fatal("k did not scroll back up")
	}
	press(a, "esc", "?")
	if !strings.Contains(ansi.Strip(a.Render()), "lines 1-") {
		t.Fatal("reopening help should start at the top")
	}
}
