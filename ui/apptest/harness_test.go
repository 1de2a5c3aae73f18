package apptest

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/testkit"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views"
)

// simStart is the simulator's frozen clock and the app's "now": every
// relative time on screen ("3h ago") is computed against it, so goldens hold.
var simStart = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// sizes are the two terminal sizes every flow ends in a golden at.
var sizes = []struct{ w, h int }{{80, 24}, {160, 48}}

// waitLimit bounds every wait: generous, because the machine is shared and
// slow; a passing run never waits that long.
const waitLimit = 15 * time.Second

// appRun is one whole-app run: the simulator, the program, its frames.
type appRun struct {
	t      *testing.T
	env    *simtest.Env
	prog   *testkit.Program
	frames *frames
	timers *timers
	w, h   int
}

// setup varies how the app starts; the zero value is a connected session.
type setup struct {
	// client, when set, replaces the simulator's service-key client (a
	// refused key, say).
	client func(t *testing.T, env *simtest.Env) nexla.API
	// firstRun starts without credentials: the onboarding screen, whose
	// demo key connects to the simulator the way `nexla-tui demo` does.
	firstRun bool
	// readOnly is --read-only: a client that refuses mutations before any
	// I/O, and the shell told so.
	readOnly bool
}

// startApp builds the app the way cli/tui.go does (ui.NewApp over
// views.Routes, the default keys, the collaborator access role, the flows
// tree first) over the real client against a frozen simulator, with colours
// off, and runs it in a program of w x h cells (testkit.StartProgram).
func startApp(t *testing.T, w, h int) *appRun { return startAppWith(t, w, h, setup{}) }

func startAppWith(t *testing.T, w, h int, su setup) *appRun {
	t.Helper()
	env := simtest.Start(t, sim.Options{Seed: 1, Start: simStart, Frozen: true})
	tm := newTimers(env.Sim.Now)
	cfg := ui.AppConfig{
		Deps: ui.Deps{
			API:   env.Client,
			Theme: theme.New(theme.Options{NoColor: true}),
			Keys:  keymap.Default(),
			// The frozen sim clock is "now": relative times hold, and the
			// header's API latency (now() after WhoAmI minus now() before)
			// is always 0s, so no golden needs a latency regexp.
			Now:        env.Sim.Now,
			AccessRole: "collaborator",
			Profile:    "sim",
			LogPath:    "/tmp/nexla-tui/debug.log",
		},
		Routes: views.Routes(),
		Start:  ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows},
		// Auto-refresh is off (Refresh 0); toasts expire when the test
		// says so, not at a wall-clock moment it does not control.
		Tick:     tm.tick,
		KeyClock: slowKeys(),
	}
	if su.client != nil {
		cfg.Deps.API = su.client(t, env)
	}
	if su.readOnly {
		cfg.Deps.API, cfg.Deps.ReadOnly = env.ReadOnlyClient(t), true
	}
	if su.firstRun {
		// As cli/tui.go without credentials: no API, no profile.
		cfg.Deps.API, cfg.Deps.Profile = nil, ""
		cfg.Onboarding = &ui.OnboardingInfo{Reason: "No Nexla credentials were found.",
			ConfigPath: "/home/oncall/.config/nexla-tui/config.yaml"}
		cfg.DemoAvailable = true
		cfg.StartDemo = func() (nexla.API, func(), error) { return env.Client, func() {}, nil }
	}
	app := ui.NewApp(cfg)
	r := &appRun{t: t, env: env, frames: &frames{}, timers: tm, w: w, h: h}
	// Cleanups run last first: the program stops (testkit's cleanup)
	// before the screens it may still be updating are closed (a test that
	// fails half-way leaves it running).
	t.Cleanup(func() {
		app.Close()
		tm.stop()
	})
	r.prog = testkit.StartProgram(t, recorder{app: app, frames: r.frames}, w, h)
	return r
}

// press sends keys one message each, like a terminal delivers them.
func (r *appRun) press(keys ...string) {
	for _, k := range keys {
		r.prog.Send(testkit.Key(k))
	}
}

// typeText sends each rune of s as its own key press.
func (r *appRun) typeText(s string) {
	for _, c := range s {
		r.press(string(c))
	}
}

// confirm says yes to the open confirm dialog (the harness's key clock puts
// a second between keys, past the dialog's guard against typed-ahead keys).
func (r *appRun) confirm() { r.press("c") }

// command runs a `:` command line.
func (r *appRun) command(line string) {
	r.press(":")
	r.typeText(line)
	r.press("enter")
}

// waitFor polls the latest frame until cond holds, failing with the frame
// after waitLimit. It returns the frame that satisfied cond.
func (r *appRun) waitFor(what string, cond func(frame string) bool) string {
	r.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		f, _ := r.frames.get()
		if cond(f) {
			return f
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%dx%d: waited %s for %s; the screen shows:\n%s", r.w, r.h, waitLimit, what, f)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitText waits until every one of texts is on screen.
func (r *appRun) waitText(texts ...string) string {
	r.t.Helper()
	return r.waitFor(strings.Join(texts, " + "), func(f string) bool {
		for _, s := range texts {
			if !strings.Contains(f, s) {
				return false
			}
		}
		return true
	})
}

// ready waits for the first full screen: the flows tree with its summary
// and preview, and the header with the caller (WhoAmI answers on its own
// schedule, so a later frame would otherwise gain it after the golden).
func (r *appRun) ready() string {
	r.t.Helper()
	// "user Riley" without the surname: at 80 columns a read-only header
	// spends its room on the badge and the user's name is what gets cut.
	return r.waitText("36 flows", "Flow: ", "org Acme Retail", "user Riley", "API ● 0s")
}

// settle waits until the frame stops changing for a moment (async loads that
// finish after the awaited text, such as a preview pane) and returns it.
func (r *appRun) settle() string {
	r.t.Helper()
	const quiet = 150 * time.Millisecond
	deadline := time.Now().Add(waitLimit)
	prev, _ := r.frames.get()
	since := time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		if f, _ := r.frames.get(); f != prev {
			prev, since = f, time.Now()
			continue
		}
		if time.Since(since) >= quiet {
			return prev
		}
	}
	r.t.Fatalf("%dx%d: the screen never settled:\n%s", r.w, r.h, prev)
	return ""
}

// snapshot compares the settled frame with a golden of its own,
// testdata/<test>/<size>/<name>.golden: a screen passed on the way to the
// flow's final frame.
func (r *appRun) snapshot(name string) string {
	r.t.Helper()
	frame := r.settle()
	r.t.Run(name, func(t *testing.T) {
		checkSize(t, frame, r.w, r.h)
		golden(t, frame)
	})
	return frame
}

// expireToasts fires the pending timers and waits until no toast is left.
func (r *appRun) expireToasts(texts ...string) {
	r.t.Helper()
	r.timers.fire()
	r.waitFor("the toasts to expire", func(f string) bool {
		for _, s := range texts {
			if strings.Contains(f, s) {
				return false
			}
		}
		return true
	})
}

// resize tells the program the terminal is now w x h, as SIGWINCH would.
func (r *appRun) resize(w, h int) {
	r.w, r.h = w, h
	r.prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
}

// finish quits the program, checks its final frame is exactly w x h cells,
// compares it with testdata/<test name>.golden (go test -update rewrites it)
// and returns it.
func (r *appRun) finish() string {
	r.t.Helper()
	want := r.settle()
	r.prog.Quit()
	final := r.prog.Final(r.t, waitLimit).(recorder)
	frame := ansi.Strip(final.app.View().Content)
	if frame != want {
		r.t.Fatalf("the final model renders a different frame from the last one on screen:\n%s\n--- on screen\n%s", frame, want)
	}
	checkSize(r.t, frame, r.w, r.h)
	// The frames went to the terminal, not only through View(): the byte
	// stream the program wrote carries the header it drew.
	if out := r.prog.Output(); !strings.Contains(string(out), "nexla-tui") {
		r.t.Fatalf("the program wrote %d bytes without the header", len(out))
	}
	golden(r.t, frame)
	return frame
}

func checkSize(t *testing.T, frame string, w, h int) { t.Helper(); testkit.CheckSize(t, frame, w, h) }

// golden compares a frame with testdata/<test name>.golden (the subtests
// name the size and the snapshot: TestX/80x24/confirm), rewritten by
// go test ./ui/apptest -update.
func golden(t *testing.T, frame string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", t.Name()+".golden"), frame+"\n")
}

// slowKeys is the app's key clock in these tests: each input arrives a
// second after the previous one, as when a person reads the confirm dialog
// (whose guard ignores keys typed ahead).
func slowKeys() func() time.Time {
	var mu sync.Mutex
	t := simStart
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

// eachSize runs flow as a parallel subtest per size (the golden is named
// after it).
func eachSize(t *testing.T, flow func(t *testing.T, r *appRun)) {
	for _, s := range sizes {
		t.Run(sizeName(s.w, s.h), func(t *testing.T) {
			// Runs mostly wait on HTTP and the renderer: in parallel the
			// package takes seconds, not tens of them.
			t.Parallel()
			flow(t, startApp(t, s.w, s.h))
		})
	}
}

func sizeName(w, h int) string { return strconv.Itoa(w) + "x" + strconv.Itoa(h) }
