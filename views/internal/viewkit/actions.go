package viewkit

import (
	"strings"

	"github.com/nexla-tui/nexla-tui/ui/components"
)

// Mutations go through the shell (ui.Mutation): the screen describes the
// action and marks its target pending; these are the words and marks the
// screens share.

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
