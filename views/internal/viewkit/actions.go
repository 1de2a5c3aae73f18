package viewkit

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// A mutation goes: key -> Ask (the confirm modal) -> Confirmed (the user
// said yes: mark the target pending, make the call) -> Done (toast, reload).
// A is the screen's own description of the action.

// Confirmed comes back from the confirm modal's OnConfirm.
type Confirmed[A any] struct {
	owner *Owner
	Act   A
}

// For is true when the confirmation belongs to the screen behind l.
func (c Confirmed[A]) For(l *Loads) bool { return l.Owns(c.owner) }

// Done is the outcome of a confirmed call. Outcome carries the client's
// note when the answer was lost and the change confirmed by re-reading.
type Done[A any] struct {
	owner   *Owner
	Act     A
	Outcome nexla.Outcome
	Err     error
}

// For is true when the outcome belongs to the screen behind l.
func (d Done[A]) For(l *Loads) bool { return l.Owns(d.owner) }

// Ask opens the confirm modal for req; on confirmation the shell runs
// OnConfirm, which hands act back to the screen behind l as a Confirmed.
func Ask[A any](l *Loads, req ui.ConfirmRequest, act A) tea.Cmd {
	owner := l.Owner()
	req.OnConfirm = func() tea.Msg { return Confirmed[A]{owner: owner, Act: act} }
	return func() tea.Msg { return ui.ConfirmMsg{Request: req} }
}

// Call makes a confirmed action's call off the UI goroutine, on the screen's
// context (a refresh does not cancel it; leaving the screen does). call must
// be built from copied values, never from the screen.
func Call[A any](l *Loads, act A, call func(context.Context) (nexla.Outcome, error)) tea.Cmd {
	ctx, owner := l.Ctx(), l.Owner()
	return func() tea.Msg {
		o, err := call(ctx)
		return Done[A]{owner: owner, Act: act, Outcome: o, Err: err}
	}
}

// Succeeded is the toast of a call that worked: text, plus the client's
// note when the answer was lost on the way (a warning, so it is read).
func Succeeded(text string, o nexla.Outcome) tea.Cmd {
	if o.Note == "" {
		return ui.Toast(ui.ToastInfo, text)
	}
	return ui.Toast(ui.ToastWarn, text+": "+Clean(o.Note))
}

// ReadOnly is true when mutations are refused: the user started read-only,
// or the client was built read-only (it would refuse the call anyway).
func ReadOnly(d ui.Deps) bool {
	return d.ReadOnly || (d.API != nil && d.API.ReadOnly())
}

// Disabled says why verb is refused in read-only mode.
func Disabled(verb string) string { return verb + " is disabled: " + nexla.ErrReadOnly.Error() }

// Failed is the error toast of a call that failed, with the server's
// message; a client refusal reads as the read-only reason.
func Failed(verb, what string, err error) tea.Cmd {
	text := "could not " + verb + " " + what + ": " + ErrText(err)
	if errors.Is(err, nexla.ErrReadOnly) {
		text = Disabled(verb)
	}
	return ui.Toast(ui.ToastError, text)
}

// Verb is "pause" or "activate".
func Verb(pause bool) string {
	if pause {
		return "pause"
	}
	return "activate"
}

// PastTense is "paused" or "activated".
func PastTense(pause bool) string {
	if pause {
		return "paused"
	}
	return "activated"
}

// Capitalize upper-cases the first letter of an ASCII word: "pause" -> "Pause".
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Pending is the set of ids a confirmed action is changing: their status
// cell reads "pending…" until a reload shows the server's new state.
type Pending map[int64]bool

// PendingLabel is one short word, so it fits the status column; the toast
// says which action.
const PendingLabel = "pending…"

// Cell is the status cell of id: the given one, or the pending mark.
func (p Pending) Cell(id int64, cell string, tone components.Tone) (string, components.Tone) {
	if p[id] {
		return PendingLabel, components.ToneAccent
	}
	return cell, tone
}
