package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/testkit"
	"github.com/nexla-tui/nexla-tui/theme"
)

// stubScreen is a minimal Screen recording what the shell sends it.
type stubScreen struct {
	title    string
	w, h     int
	got      []tea.Msg
	capture  bool
	sel      *Selection
	preview  bool
	closed   bool
	intercep bool
	// onKey answers a key with a Cmd (p asking for a mutation, say).
	onKey map[string]tea.Cmd
}

func (s *stubScreen) Init() tea.Cmd { return nil }
func (s *stubScreen) Update(m tea.Msg) (Screen, tea.Cmd) {
	s.got = append(s.got, m)
	if k, ok := m.(tea.KeyPressMsg); ok {
		return s, s.onKey[k.String()]
	}
	return s, nil
}
func (s *stubScreen) View() string {
	return fit("screen "+s.title, s.w, s.h)
}
func (s *stubScreen) SetSize(w, h int)    { s.w, s.h = w, h }
func (s *stubScreen) Title() string       { return s.title }
func (s *stubScreen) CapturesInput() bool { return s.capture }
func (s *stubScreen) Close()              { s.closed = true }
func (s *stubScreen) InterceptBack() bool { return s.intercep }
func (s *stubScreen) ShortHelp() []keymap.Action {
	return []keymap.Action{keymap.Default().Pause}
}
func (s *stubScreen) FullHelp() [][]keymap.Action { return [][]keymap.Action{s.ShortHelp()} }

type selStub struct{ *stubScreen }

func (s selStub) Selected() (Selection, bool) {
	if s.sel == nil {
		return Selection{}, false
	}
	return *s.sel, true
}

type prevStub struct{ *stubScreen }

func (p prevStub) Preview(w, h int) string { return fit("preview", w, h) }

// fakeAPI answers WhoAmI; every other call would panic, so a test that
// reaches one fails loudly.
type fakeAPI struct {
	nexla.API
	err error
}

func (f fakeAPI) WhoAmI(context.Context) (*nexla.CurrentUser, error) {
	if f.err != nil {
		return nil, f.err
	}
	return &nexla.CurrentUser{User: nexla.User{FullName: "Ada Oncall"}, Org: &nexla.OrgRef{Name: "Acme"}}, nil
}
func (f fakeAPI) BaseURL() string { return "http://127.0.0.1:1/nexla-api" }
func (f fakeAPI) ReadOnly() bool  { return false }

// keyClock is the harness's AppConfig.KeyClock: each key arrives a second
// after the previous one (a person reading the dialog) unless a test sets
// the next arrival itself with at.
type keyClock struct{ t, next time.Time }

func (c *keyClock) now() time.Time {
	if !c.next.IsZero() {
		c.t, c.next = c.next, time.Time{}
		return c.t
	}
	c.t = c.t.Add(time.Second)
	return c.t
}

// after makes the next input arrive d after the previous one.
func (c *keyClock) after(d time.Duration) { c.next = c.t.Add(d) }

// testRoutes is a route table like views.Routes whose every row builds
// with build.
func testRoutes(build Factory) Routes {
	top := func(word string, r Route, aliases ...string) RouteSpec {
		return RouteSpec{Word: word, Aliases: aliases, Help: word + " table", Route: r, Top: true, Build: build}
	}
	one := func(word string, rt nexla.ResourceType) RouteSpec {
		return RouteSpec{Word: word, Help: word + " ID", Route: Route{Kind: RouteDetail, RT: rt}, NeedsID: true, Build: build}
	}
	return Routes{
		top("flows", Route{Kind: RouteFlows, RT: nexla.Flows}, "fl"),
		top("sources", Route{Kind: RouteList, RT: nexla.DataSources}, "src"),
		top("nexsets", Route{Kind: RouteList, RT: nexla.DataSets}),
		top("destinations", Route{Kind: RouteList, RT: nexla.DataSinks}),
		top("credentials", Route{Kind: RouteList, RT: nexla.DataCredentials}),
		top("health", Route{Kind: RouteHealth}, "h"),
		one("flow", nexla.Flows), one("source", nexla.DataSources), one("nexset", nexla.DataSets),
		one("destination", nexla.DataSinks), one("credential", nexla.DataCredentials),
		{Word: "runbook", Help: "troubleshoot", Route: Route{Kind: RouteRunbook}, Selected: true, Build: build},
	}
}

type harness struct {
	clock   keyClock
	app     *App
	screens []*stubScreen
	routes  []Route
}

func newHarness(t *testing.T, mutate func(*AppConfig)) *harness {
	t.Helper()
	h := &harness{}
	cfg := AppConfig{
		Deps: Deps{Theme: theme.New(theme.Options{NoColor: true}), Keys: keymap.Default(), Profile: "prod",
			LogPath: "/tmp/nexla-tui/debug.log"},
		Start: Route{Kind: RouteFlows, RT: nexla.Flows},
		Routes: testRoutes(func(r Route, d Deps) (Screen, error) {
			s := &stubScreen{title: string(r.Kind) + " " + r.RT.Singular()}
			if r.ID != 0 {
				s.title += " " + itoa(int(r.ID))
			}
			h.screens = append(h.screens, s)
			h.routes = append(h.routes, r)
			s.sel = &Selection{RT: nexla.DataSources, ID: 5012, Name: "orders-s3"}
			if r.Kind == RouteFlows {
				return prevStub{s}, nil
			}
			return selStub{s}, nil
		}),
	}
	cfg.Tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	cfg.KeyClock = h.clock.now
	if mutate != nil {
		mutate(&cfg)
	}
	h.app = NewApp(cfg)
	h.app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(h.app, h.app.Init())
	return h
}

// run executes cmd and feeds its messages back, like the program would, but
// skips ticks (they would sleep) and quit.
func run(a *App, cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	var out []tea.Msg
	switch m := msg.(type) {
	case tea.BatchMsg:
		for _, c := range m {
			out = append(out, run(a, c)...)
		}
		return out
	case nil:
		return nil
	}
	out = append(out, msg)
	switch msg.(type) {
	case tea.QuitMsg, tea.RawMsg:
		return out
	}
	_, next := a.Update(msg)
	return append(out, run(a, next)...)
}

func press(a *App, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := a.Update(testkit.Key(k))
		out = append(out, runNoTick(a, cmd)...)
	}
	return out
}

// runNoTick is run for key presses: toast expiry ticks are dropped so the
// toast stays visible for the assertion.
func runNoTick(a *App, cmd tea.Cmd) []tea.Msg { return run(a, cmd) }

func typeText(a *App, s string) {
	for _, r := range s {
		if r == ' ' {
			press(a, "space")
			continue
		}
		press(a, string(r))
	}
}

func plain(a *App) string { return ansi.Strip(a.Render()) }

func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name+".golden"), got)
}

func assertFrame(t *testing.T, s string, w, h int) { t.Helper(); testkit.CheckSize(t, s, w, h) }
