package ui

import (
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// ActionState is where a logged change stands.
type ActionState int

// The states of a logged change.
const (
	ActionRunning ActionState = iota // confirmed, the call is out
	ActionDone                       // the server answered: done
	ActionSettled                    // done, but the answer was lost and the change settled by re-reading
	ActionFailed                     // refused or failed
)

// String is the state's word in the log.
func (s ActionState) String() string {
	return [...]string{"running", "done", "settled", "failed"}[s]
}

// ActionEntry is one change of this session: what, on which resource,
// when it was confirmed and ended, and how it ended.
type ActionEntry struct {
	Seq      int
	At       time.Time // confirmed
	Ended    time.Time // zero while running
	Action   string    // the verb: "pause"
	Resource string    // what the dialog named: `flow "orders" (id 5012)`
	State    ActionState
	// Outcome is what the toast said: the success text, the transport's
	// note when the answer was lost, or the error.
	Outcome string
}

// maxActions bounds the log; the oldest entries go first.
const maxActions = 500

// ActionLog is the session's log of changes (like lazygit's command log),
// fed by the shell's one mutation path: every confirmed Mutation, then its
// outcome. It is read and written on the update loop only.
type ActionLog struct {
	started time.Time
	seq     int
	entries []ActionEntry
}

// NewActionLog starts a session's log at started.
func NewActionLog(started time.Time) *ActionLog { return &ActionLog{started: started} }

// Started is when the session began (zero for no log: a screen built
// without the shell).
func (l *ActionLog) Started() time.Time {
	if l == nil {
		return time.Time{}
	}
	return l.started
}

// Entries are the logged changes, newest first (a copy).
func (l *ActionLog) Entries() []ActionEntry {
	out := make([]ActionEntry, len(l.entries))
	for i, e := range l.entries {
		out[len(l.entries)-1-i] = e
	}
	return out
}

// begin logs a confirmed mutation and returns its number.
func (l *ActionLog) begin(at time.Time, m Mutation) int {
	l.seq++
	l.entries = append(l.entries, ActionEntry{Seq: l.seq, At: at, Action: safetext.Clean(m.Confirm.Action),
		Resource: safetext.Clean(m.Confirm.Resource), State: ActionRunning, Outcome: "confirmed, the call is out"})
	if len(l.entries) > maxActions {
		l.entries = append(l.entries[:0:0], l.entries[len(l.entries)-maxActions:]...)
	}
	return l.seq
}

// finish records how mutation seq ended: t is the toast the user was shown.
func (l *ActionLog) finish(seq int, at time.Time, t ToastMsg, o nexla.Outcome, err error) {
	for i := range l.entries {
		e := &l.entries[i]
		if e.Seq != seq {
			continue
		}
		e.Ended, e.Outcome = at, safetext.Clean(t.Text)
		switch {
		case err != nil:
			e.State = ActionFailed
		case o.Note != "":
			e.State = ActionSettled
		default:
			e.State = ActionDone
		}
		return
	}
}

// ActionLoggedMsg tells the top screen the session log changed (the
// `:actions` screen redraws from it).
type ActionLoggedMsg struct{}
