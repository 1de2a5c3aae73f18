package runbook

import (
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// dialogNotes are what the pause or activate dialog says besides the
// resource and the action: the preflight every screen's dialog uses
// (nexla/runbook/preflight.go), from the facts already read (no call is
// made): before a pause, whether Nexla would refuse to activate the flow
// again (it would then stay paused); before an activation, who paused the
// flow and when (audit), and whether Nexla is likely to refuse.
func (s *Screen) dialogNotes(action string) (notes, warnings []string) {
	paused := s.headerStatus() == nexla.StatusPaused
	p := rb.RunbookPreflight(s.facts, s.report, action == "pause", paused, s.d.Now())
	return p.Notes, p.Warnings
}
