package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// Mutation is a change to the org that a screen asks the shell to make. It
// is the one path for every mutation: the screen describes it and builds the
// call from copied values; the shell alone refuses it in read-only mode,
// opens the confirmation, runs the call, shows the outcome and hands it back
// to the screen that asked, which then re-reads what changed.
type Mutation struct {
	// Confirm is what the dialog names: the resource, its id, the action
	// (the verb: "pause") and what else changes.
	Confirm ConfirmRequest
	// What names the target in the outcome toast: "flow 5012".
	What string
	// Done is the success toast: "paused flow 5012: \"orders\"".
	Done string
	// Call makes the change. Once confirmed it runs on a context that no
	// refresh, `r`, esc or leaving the screen cancels (only quitting does):
	// a PUT that may have reached the server is never abandoned unseen.
	// Its Outcome carries the client's note when the answer was lost and
	// the change settled by re-reading (nexla/mutate.go).
	Call func(context.Context) (nexla.Outcome, error)
	// Tag is the screen's own description of the action, handed back in
	// MutationConfirmedMsg and MutationDoneMsg.
	Tag any
}

// MutateMsg carries a Mutation to the shell.
type MutateMsg struct{ Mutation Mutation }

// Mutate is the Cmd a screen returns for a mutating key.
func Mutate(m Mutation) tea.Cmd { return func() tea.Msg { return MutateMsg{Mutation: m} } }

// MutationConfirmedMsg tells the screen that asked that the user confirmed
// and the call is going out: it marks the target pending.
type MutationConfirmedMsg struct{ Tag any }

// MutationDoneMsg is the call's outcome, for the screen that asked (if it is
// still open; the toast is shown either way). A RefreshMsg follows it, so the
// screen re-reads what the call changed.
type MutationDoneMsg struct {
	Tag     any
	Outcome nexla.Outcome
	Err     error
}

// ReadOnlyRefusal is the one sentence shown when a mutation is refused in
// read-only mode: the key is not hidden, it says why it does nothing.
func ReadOnlyRefusal(action string) string {
	return "read-only: " + action + " is disabled (started with --read-only or a read-only profile)"
}

// MutationsRefused is true when mutations are refused: the user started
// read-only, or the client was built read-only (it would refuse the call).
func MutationsRefused(d Deps) bool {
	return d.ReadOnly || (d.API != nil && d.API.ReadOnly())
}

// MutationOutcome is the toast of a finished call: the mutation's own
// success text (plus the client's note, as a warning so it is read, when the
// answer was lost on the way), or the server's message (a client refusal
// reads as the read-only sentence).
func MutationOutcome(m Mutation, o nexla.Outcome, err error) ToastMsg {
	switch {
	case err == nil && o.Note != "":
		return ToastMsg{Level: ToastWarn, Text: m.Done + ": " + safetext.Clean(o.Note)}
	case err == nil:
		return ToastMsg{Level: ToastInfo, Text: m.Done}
	case errors.Is(err, nexla.ErrReadOnly):
		return ToastMsg{Level: ToastError, Text: ReadOnlyRefusal(m.Confirm.Action)}
	}
	return ToastMsg{Level: ToastError, Text: "could not " + m.Confirm.Action + " " + m.What + ": " + safetext.Clean(err.Error())}
}

// mutationDoneMsg is the shell's record of a finished call: owner is the
// address of the screen that asked.
type mutationDoneMsg struct {
	owner   ScreenID
	seq     int // the session log's entry
	m       Mutation
	outcome nexla.Outcome
	err     error
}

// askMutation opens the confirmation for a screen's mutation, or refuses it.
func (a *App) askMutation(owner ScreenID, m Mutation) tea.Cmd {
	if MutationsRefused(a.deps) {
		return a.addToast(ToastWarn, ReadOnlyRefusal(m.Confirm.Action))
	}
	a.confirm = &confirmModal{owner: owner, m: m, openedAt: a.cfg.KeyClock()}
	a.confirm.lastInput = a.confirm.openedAt
	return nil
}

// runMutation is called once the user confirmed: the screen marks its
// target pending, and the call goes out on the app's context.
func (a *App) runMutation(owner ScreenID, m Mutation) tea.Cmd {
	if a.deps.Log != nil {
		a.deps.Log.Info("confirmed", "action", m.Confirm.Action, "resource", m.Confirm.Resource)
	}
	ctx, call := a.ctx, m.Call
	seq := a.deps.Actions.begin(a.deps.Now(), m)
	run := func() tea.Msg {
		o, err := call(ctx)
		return mutationDoneMsg{owner: owner, seq: seq, m: m, outcome: o, err: err}
	}
	return tea.Batch(a.sendTo(owner, MutationConfirmedMsg{Tag: m.Tag}), run, a.toTop(ActionLoggedMsg{}))
}

// mutationDone shows the outcome on whatever screen is visible, then hands
// it to the screen that asked, which re-reads what changed.
func (a *App) mutationDone(msg mutationDoneMsg) tea.Cmd {
	if msg.err != nil {
		a.logError(msg.m.Confirm.Action, msg.err)
	}
	t := MutationOutcome(msg.m, msg.outcome, msg.err)
	a.deps.Actions.finish(msg.seq, a.deps.Now(), t, msg.outcome, msg.err)
	return tea.Batch(a.addToast(t.Level, safetext.Clean(t.Text)), a.toTop(ActionLoggedMsg{}),
		a.sendTo(msg.owner, MutationDoneMsg{Tag: msg.m.Tag, Outcome: msg.outcome, Err: msg.err}),
		a.sendTo(msg.owner, RefreshMsg{}))
}
