package runbook

import (
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// dialogNotes are what the pause or activate dialog says besides the
// resource and the action, from the facts already read (no call is made):
// before a pause, whether Nexla would refuse to activate the flow again (it
// would then stay paused); before an activation, who paused the flow and
// when (audit), and whether Nexla is likely to refuse.
func (s *Screen) dialogNotes(action string) (notes, warnings []string) {
	refusals := rb.ActivationRefusals(s.facts, s.report)
	if action == "pause" {
		for _, r := range refusals {
			warnings = append(warnings, r+": once paused, the flow would stay paused (activation would be refused)")
		}
		return nil, warnings
	}
	if s.headerStatus() == nexla.StatusPaused {
		notes = append(notes, rb.PausedSentence(s.facts, s.d.Now()))
	}
	for _, r := range refusals {
		warnings = append(warnings, r+": this activation is likely to be refused, and the flow would stay paused")
	}
	return notes, warnings
}
