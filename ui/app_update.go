package ui

import (
	"errors"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

func errNoScreen(r Route) error {
	return fmt.Errorf("no screen for %s %s", r.Kind, r.RT.Singular())
}

// demoStartedMsg carries the simulator-backed client built by StartDemo.
type demoStartedMsg struct {
	api  nexla.API
	stop func()
	err  error
}

// Update routes a message: size to every screen; an open modal takes every
// key; global keys unless the top screen captures input; then the top screen.
// A screen's async results come back addressed to it and reach it alone
// (address.go); a message nobody addressed goes to the top screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		w, h := a.mainSize()
		for _, e := range a.stack {
			e.screen.SetSize(w, h)
		}
		return a, nil
	case tea.FocusMsg:
		a.hidden = false
		return a, a.refreshIfStale()
	case tea.BlurMsg:
		a.hidden = true
		return a, nil
	case tea.BackgroundColorMsg:
		return a, nil // the CLI picks the theme before start; nothing to redo live
	case statusMsg:
		return a, a.onStatus(msg)
	case alertsMsg:
		a.onAlerts(msg)
		return a, nil
	case refreshTickMsg:
		if msg.gen != a.tickGen {
			return a, nil
		}
		cmds := []tea.Cmd{a.armTick()}
		if !a.refreshPaused() {
			cmds = append(cmds, a.toTop(RefreshMsg{}), a.pingStatus())
		}
		return a, tea.Batch(cmds...)
	case ToastMsg:
		return a, a.addToast(msg.Level, safetext.Clean(msg.Text))
	case toastExpiredMsg:
		for i, t := range a.toasts {
			if t.id == msg.id {
				a.toasts = append(a.toasts[:i], a.toasts[i+1:]...)
				break
			}
		}
		return a, nil
	case NavigateMsg:
		return a, a.push(msg.Route)
	case ShowMsg:
		return a, a.pushScreen(Route{Kind: routeShown}, msg.Screen)
	case BackMsg:
		return a, a.pop()
	case addressedMsg:
		return a, a.onAddressed(msg)
	case MutateMsg:
		if len(a.stack) == 0 {
			return a, nil
		}
		return a, a.askMutation(a.stack[len(a.stack)-1].id, msg.Mutation)
	case mutationDoneMsg:
		return a, a.mutationDone(msg)
	case StartWatchMsg:
		return a, a.startWatch(msg.Spec)
	case watchTickMsg:
		return a, a.pollWatch(msg.key, msg.gen)
	case watchPolledMsg:
		return a, a.watchPolled(msg)
	case gotoResolvedMsg:
		return a, a.onGotoResolved(msg)
	case CopyMsg:
		return a, a.copyText(msg.Text, msg.What, "")
	case OpenURLMsg:
		return a, a.copyConsoleURL(msg.RT, msg.ID, msg.FlowID)
	case demoStartedMsg:
		return a, a.onDemoStarted(msg)
	case tea.KeyPressMsg:
		return a, a.onKey(msg)
	case tea.PasteMsg:
		if a.confirm != nil {
			a.confirmPaste()
			return a, nil
		}
	case tea.MouseMsg:
		return a, a.onMouse(msg)
	}
	return a, a.toTop(msg)
}

func (a *App) logError(what string, err error) {
	if a.deps.Log != nil && err != nil {
		a.deps.Log.Error(what, "err", err.Error())
	}
}

func (a *App) onStatus(msg statusMsg) tea.Cmd {
	if msg.seq != a.statusSeq {
		return nil
	}
	a.apiKnown, a.apiLatency = true, msg.latency
	a.apiOK, a.apiErr = msg.err == nil, msg.err
	if msg.err != nil {
		a.logError("api status", msg.err)
		// Auth failures are fatal whenever they come (a token expires
		// mid-session): the user must fix the credentials, and every screen
		// would otherwise read as empty. An API that never answered is fatal
		// at start; later the header says it is down and screens keep what
		// they read.
		kind := nexla.KindOf(msg.err)
		if kind == nexla.KindAuthentication || (kind == nexla.KindNetwork || errors.Is(msg.err, nexla.ErrCircuitOpen)) && a.user == "" {
			a.fatal = msg.err
		}
		return nil
	}
	if msg.user != nil {
		a.user = msg.user.User.Email
		if msg.user.User.FullName != "" {
			a.user = msg.user.User.FullName
		}
		if msg.user.Org != nil {
			a.org = msg.user.Org.Name
		}
	}
	// The alert count follows the status: its window is the server's last
	// hour, known once an answer carried the server's Date.
	return a.pollAlerts()
}

func (a *App) onDemoStarted(msg demoStartedMsg) tea.Cmd {
	if msg.err != nil {
		a.logError("demo", msg.err)
		return a.addToast(ToastError, "demo failed to start: "+msg.err.Error())
	}
	a.stopDemo = msg.stop
	a.deps.API = msg.api
	if a.cfg.FollowServerClock {
		a.deps.Now = ServerClock(msg.api)
	}
	a.deps.Profile = "demo"
	a.onboarding = nil
	a.tickGen++
	return tea.Batch(a.push(a.cfg.Start), a.pingStatus(), a.armTick())
}

// toTop hands a message to the top screen only.
func (a *App) toTop(msg tea.Msg) tea.Cmd {
	if len(a.stack) == 0 {
		return nil
	}
	return a.updateAt(len(a.stack)-1, msg)
}

func (a *App) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.deps.Keys
	if msg.String() == "ctrl+c" || key.Matches(msg, k.Quit.Binding) && !a.capturing() {
		return tea.Quit
	}
	if a.w < MinWidth || a.h < MinHeight {
		if msg.String() == "q" {
			return tea.Quit
		}
		return nil
	}
	switch {
	case a.confirm != nil:
		return a.confirmKey(msg)
	case a.cmd != nil:
		return a.commandKey(msg)
	case a.help:
		if key.Matches(msg, k.Help.Binding) || key.Matches(msg, k.Back.Binding) || msg.String() == "q" {
			a.help = false
		} else if d, ok := k.Movement(msg, 10); ok {
			a.helpScroll += d
			a.clampHelpScroll()
		}
		return nil
	case a.onboarding != nil:
		return a.onboardingKey(msg)
	case a.fatal != nil:
		return a.fatalKey(msg)
	}
	if a.capturing() {
		return a.toTop(msg)
	}
	return a.globalKey(msg)
}

func (a *App) capturing() bool {
	top := a.top()
	return top != nil && top.CapturesInput() && a.confirm == nil && a.cmd == nil && !a.help
}

func (a *App) globalKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.deps.Keys
	top := a.top()
	if kc, ok := top.(KeyClaimer); ok && kc.ClaimsKey(msg) {
		return a.toTop(msg)
	}
	switch {
	case key.Matches(msg, k.QuitRoot.Binding) && len(a.stack) <= 1:
		return tea.Quit
	case key.Matches(msg, k.Help.Binding):
		a.help, a.helpScroll = true, 0
		return nil
	case key.Matches(msg, k.Command.Binding):
		a.cmd = newCommandLine()
		return nil
	case key.Matches(msg, k.Back.Binding):
		if bi, ok := top.(BackInterceptor); ok && bi.InterceptBack() {
			return a.toTop(msg)
		}
		if len(a.stack) > 1 {
			return a.pop()
		}
		return a.toTop(msg)
	case key.Matches(msg, k.Refresh.Binding):
		return tea.Batch(a.toTop(RefreshMsg{}), a.pingStatus())
	case key.Matches(msg, k.Runbook.Binding):
		sel, ok := a.selection()
		if !ok {
			return a.addToast(ToastWarn, "nothing selected to troubleshoot")
		}
		return a.push(Route{Kind: RouteRunbook, RT: sel.RT, ID: sel.ID})
	case key.Matches(msg, k.CopyID.Binding), key.Matches(msg, k.CopyName.Binding):
		return a.copySelection(key.Matches(msg, k.CopyName.Binding))
	case key.Matches(msg, k.Health.Binding):
		return a.open(Route{Kind: RouteHealth}) // as :health does, from any screen
	case key.Matches(msg, k.OpenURL.Binding):
		sel, ok := a.selection()
		if !ok {
			return a.addToast(ToastWarn, "nothing selected to open in Nexla")
		}
		return a.copyConsoleURL(sel.RT, sel.ID, sel.FlowID)
	}
	if act, ok := a.mutatingAction(msg); ok && MutationsRefused(a.deps) {
		// Refused here, by the action's mark, before the screen sees the
		// key: no dialog, no pending mark, one sentence.
		return a.addToast(ToastWarn, ReadOnlyRefusal(act.Help().Desc))
	}
	return a.toTop(msg)
}

// mutatingAction is the top screen's action marked Mutates that msg
// presses, if any.
func (a *App) mutatingAction(msg tea.KeyPressMsg) (keymap.Action, bool) {
	top := a.top()
	if top == nil {
		return keymap.Action{}, false
	}
	for _, group := range top.FullHelp() {
		for _, act := range group {
			if act.Mutates && key.Matches(msg, act.Binding) {
				return act, true
			}
		}
	}
	return keymap.Action{}, false
}

func (a *App) selection() (Selection, bool) {
	if s, ok := a.top().(Selectable); ok {
		return s.Selected()
	}
	return Selection{}, false
}

func (a *App) copySelection(name bool) tea.Cmd {
	sel, ok := a.selection()
	if !ok {
		return a.addToast(ToastWarn, "nothing selected to copy")
	}
	text, what := strconv.FormatInt(sel.ID, 10), "id"
	if name {
		// The whole name, not the display's cut (the terminal's OSC 52 cap
		// refuses one too long, and says so).
		text, what = safetext.CleanUncut(sel.Name), "name"
	}
	return a.copyText(text, sel.RT.Singular()+" "+what, fmt.Sprintf(" %q", safetext.Clean(text)))
}

// copyText is the one way text reaches the clipboard: OSC 52 through the
// multiplexer, refused with a toast when it is over the size terminals take.
// what names the text in the toast; shown follows it on success.
func (a *App) copyText(text, what, shown string) tea.Cmd {
	seq, err := a.deps.Terminal.ClipboardSequence(text)
	if err != nil {
		return a.addToast(ToastWarn, what+" "+err.Error())
	}
	return tea.Batch(tea.Raw(seq), a.addToast(ToastInfo, "copied "+what+shown+" to the clipboard (OSC 52)"))
}

func (a *App) onMouse(msg tea.MouseMsg) tea.Cmd {
	if a.confirm != nil || a.help || a.cmd != nil || a.fatal != nil || a.onboarding != nil {
		return nil
	}
	m := msg.Mouse()
	mx, my, mw, mh := a.mainRect()
	if m.X < mx || m.X >= mx+mw || m.Y < my || m.Y >= my+mh {
		return nil
	}
	m.X -= mx
	m.Y -= my
	switch msg.(type) {
	case tea.MouseClickMsg:
		return a.toTop(tea.MouseClickMsg(m))
	case tea.MouseWheelMsg:
		return a.toTop(tea.MouseWheelMsg(m))
	case tea.MouseReleaseMsg:
		return a.toTop(tea.MouseReleaseMsg(m))
	}
	return nil
}

func (a *App) fatalKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, a.deps.Keys.Refresh.Binding):
		a.fatal = nil
		cmds := []tea.Cmd{a.pingStatus()}
		if len(a.stack) > 0 {
			// Rebuild the top screen from its route: it may hold the broken state.
			r := a.stack[len(a.stack)-1].route
			closeScreen(a.top())
			a.stack = a.stack[:len(a.stack)-1]
			cmds = append(cmds, a.push(r))
		} else {
			cmds = append(cmds, a.push(a.cfg.Start))
		}
		return tea.Batch(cmds...)
	case msg.String() == "q":
		return tea.Quit
	case key.Matches(msg, a.deps.Keys.Help.Binding):
		a.help = true
	}
	return nil
}

func (a *App) onboardingKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "d":
		if a.cfg.DemoAvailable && a.cfg.StartDemo != nil {
			start := a.cfg.StartDemo
			return tea.Batch(a.addToast(ToastInfo, "starting the demo simulator..."), func() tea.Msg {
				api, stop, err := start()
				return demoStartedMsg{api: api, stop: stop, err: err}
			})
		}
	case "q":
		return tea.Quit
	case "?":
		a.help = true
	}
	return nil
}
