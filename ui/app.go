package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// AppConfig is everything the root model needs; it holds no credentials.
type AppConfig struct {
	Deps Deps
	// Routes is the route table: the `:` commands and the screen factory.
	Routes Routes
	Start  Route
	// Open, when set, is opened over Start at launch (`nexla-tui flow ID`):
	// esc then leads back to Start.
	Open *Route
	// Refresh is the auto-refresh interval (0 disables it).
	Refresh time.Duration
	// Onboarding, when set, shows the first-run screen instead of Start.
	Onboarding *OnboardingInfo
	// DemoAvailable offers the demo key on the onboarding screen; StartDemo
	// starts it.
	DemoAvailable bool
	StartDemo     DemoStarter
	// Tick schedules the refresh and toast timers; nil is tea.Tick. Tests
	// replace it so nothing sleeps.
	Tick func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// FollowServerClock backs Deps.Now with the API's server clock
	// (ServerClock), also for the demo the onboarding screen starts. Tests
	// that freeze Deps.Now leave it off.
	FollowServerClock bool
	// KeyClock is when a key arrives, for the confirmation's guard against
	// keys typed ahead; nil is time.Now. It is not Deps.Now, which tests
	// freeze at the simulator's start.
	KeyClock func() time.Time
}

// MinWidth and MinHeight are the smallest usable terminal.
const (
	MinWidth  = 60
	MinHeight = 15
)

type stackEntry struct {
	id     ScreenID
	route  Route
	screen Screen
}

type toast struct {
	id      int
	level   ToastLevel
	text    string
	expires time.Time
}

// App is the root tea.Model: screen stack, layout, globals, modals.
type App struct {
	cfg    AppConfig
	deps   Deps
	stack  []stackEntry
	lastID ScreenID // the address given to the newest screen
	w, h   int
	// ctx is the app's life: confirmed mutations run on it, so that only
	// quitting cancels them.
	ctx    context.Context
	cancel context.CancelFunc

	// Header.
	user, org  string
	apiOK      bool
	apiKnown   bool
	apiErr     error // the last status probe's failure
	apiLatency time.Duration
	statusSeq  int
	alerts     alertState

	// Overlays; at most one of confirm/help/cmdline is open.
	confirm    *confirmModal
	help       bool
	helpScroll int // first help row shown when the overlay is taller than the pane
	cmd        *commandLine
	onboarding *OnboardingInfo
	fatal      error
	hidden     bool // terminal lost focus

	toasts    []toast
	toastSeq  int
	tickGen   int
	stopDemo  func()
	lastFrame string
}

// NewApp builds the root model.
func NewApp(cfg AppConfig) *App {
	if cfg.FollowServerClock {
		cfg.Deps.Now = ServerClock(cfg.Deps.API)
	}
	if cfg.Deps.Now == nil {
		cfg.Deps.Now = time.Now
	}
	if cfg.Deps.Actions == nil {
		cfg.Deps.Actions = NewActionLog(cfg.Deps.Now())
	}
	if cfg.Tick == nil {
		cfg.Tick = tea.Tick
	}
	if cfg.KeyClock == nil {
		cfg.KeyClock = time.Now
	}
	if cfg.Deps.Watches == nil {
		cfg.Deps.Watches = NewWatches()
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &App{cfg: cfg, deps: cfg.Deps, onboarding: cfg.Onboarding, ctx: ctx, cancel: cancel}
}

// Close stops the demo simulator, if the onboarding screen started one, and
// every screen still on the stack, and any mutation still in flight.
func (a *App) Close() {
	a.cancel()
	for _, e := range a.stack {
		closeScreen(e.screen)
	}
	a.stack = nil
	if a.stopDemo != nil {
		a.stopDemo()
		a.stopDemo = nil
	}
}

// Init opens the start screen and starts the header status and refresh loops.
func (a *App) Init() tea.Cmd {
	if a.onboarding != nil {
		return nil
	}
	cmds := []tea.Cmd{a.push(a.cfg.Start), a.pingStatus(), a.armTick()}
	if a.cfg.Open != nil {
		cmds = append(cmds, a.push(*a.cfg.Open))
	}
	return tea.Batch(cmds...)
}

// statusMsg is the result of the header's WhoAmI probe.
type statusMsg struct {
	seq     int
	user    *nexla.CurrentUser
	latency time.Duration
	err     error
}

// pingStatus measures the API from a Cmd built from copied values.
func (a *App) pingStatus() tea.Cmd {
	if a.deps.API == nil {
		return nil
	}
	a.statusSeq++
	seq, api, now := a.statusSeq, a.deps.API, a.deps.Now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		start := now()
		u, err := api.WhoAmI(ctx)
		return statusMsg{seq: seq, user: u, latency: now().Sub(start), err: err}
	}
}

// refreshTickMsg drives auto-refresh; gen drops ticks from an older loop.
type refreshTickMsg struct{ gen int }

func (a *App) armTick() tea.Cmd {
	if a.cfg.Refresh <= 0 {
		return nil
	}
	gen := a.tickGen
	return a.cfg.Tick(a.cfg.Refresh, func(time.Time) tea.Msg { return refreshTickMsg{gen: gen} })
}

// refreshPaused: no refresh while the user reads a modal, types a command,
// reads help, or cannot see the terminal.
func (a *App) refreshPaused() bool {
	return a.confirm != nil || a.help || a.cmd != nil || a.hidden || a.fatal != nil || a.onboarding != nil
}

type toastExpiredMsg struct{ id int }

func (a *App) addToast(level ToastLevel, text string) tea.Cmd {
	a.toastSeq++
	ttl := toastTTL
	if level == ToastError {
		ttl = toastErrorTTL
	}
	if a.deps.Log != nil {
		a.deps.Log.Info("toast", "level", int(level), "text", text)
	}
	t := toast{id: a.toastSeq, level: level, text: text, expires: a.deps.Now().Add(ttl)}
	a.toasts = append(a.toasts, t)
	if len(a.toasts) > 3 {
		a.toasts = a.toasts[len(a.toasts)-3:]
	}
	id := t.id
	return a.cfg.Tick(ttl, func(time.Time) tea.Msg { return toastExpiredMsg{id: id} })
}

func (a *App) top() Screen {
	if len(a.stack) == 0 {
		return nil
	}
	return a.stack[len(a.stack)-1].screen
}

// maxStack bounds the history; the oldest screens above the root are
// dropped first (the root never is: esc always leads back to it).
const maxStack = 20

// open shows a top-level route (k9s): nothing happens when it is already
// shown; the root's own route goes back to the root; any other replaces
// everything above the root.
func (a *App) open(r Route) tea.Cmd {
	if len(a.stack) == 0 {
		return a.push(r)
	}
	if a.stack[len(a.stack)-1].route == r {
		return nil
	}
	for len(a.stack) > 2 {
		a.dropTop()
	}
	if a.stack[0].route == r {
		return a.pop()
	}
	if len(a.stack) == 2 {
		a.dropTop()
	}
	return a.push(r)
}

// dropTop closes the top screen and takes it off the stack.
func (a *App) dropTop() {
	closeScreen(a.top())
	a.stack = a.stack[:len(a.stack)-1]
}

// push builds the screen for r and puts it on top.
func (a *App) push(r Route) tea.Cmd {
	s, err := a.cfg.Routes.Build(r, a.deps)
	if err != nil || s == nil {
		if err == nil {
			err = errNoScreen(r)
		}
		return a.addToast(ToastError, err.Error())
	}
	return a.pushScreen(r, s)
}

// routeShown is the route of a screen pushed ready-made (ShowMsg): no
// table row builds it.
const routeShown RouteKind = "shown"

// pushScreen puts the built screen s, for route r, on top.
func (a *App) pushScreen(r Route, s Screen) tea.Cmd {
	if s == nil {
		return nil
	}
	var cmds []tea.Cmd
	if len(a.stack) > 0 {
		cmds = append(cmds, a.updateAt(len(a.stack)-1, VisibilityMsg{Visible: false}))
	}
	a.lastID++
	a.stack = append(a.stack, stackEntry{id: a.lastID, route: r, screen: s})
	if len(a.stack) > maxStack {
		closeScreen(a.stack[1].screen)
		a.stack = append(a.stack[:1], a.stack[2:]...)
	}
	a.fatal = nil
	w, h := a.mainSize()
	s.SetSize(w, h)
	cmds = append(cmds, address(a.lastID, s.Init()))
	return tea.Batch(cmds...)
}

// pop drops the top screen; the root screen stays.
func (a *App) pop() tea.Cmd {
	if len(a.stack) <= 1 {
		return nil
	}
	closeScreen(a.top())
	a.stack = a.stack[:len(a.stack)-1]
	a.fatal = nil
	top := a.top()
	w, h := a.mainSize()
	top.SetSize(w, h)
	return tea.Batch(a.updateAt(len(a.stack)-1, VisibilityMsg{Visible: true}), a.refreshIfStale())
}

func closeScreen(s Screen) {
	if c, ok := s.(Closer); ok {
		c.Close()
	}
}

// Breadcrumbs are the titles of the stack, oldest first.
func (a *App) Breadcrumbs() []string {
	out := make([]string, len(a.stack))
	for i, e := range a.stack {
		out[i] = e.screen.Title()
	}
	return out
}
