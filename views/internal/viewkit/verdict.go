package viewkit

import (
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// VerdictPending is the verdict of a flow the health check has not
// reached yet: it may be failing, so it never reads as blank or "ok".
const VerdictPending = "checking…"

// HealthVerdict is a flow's health in one word, readable without colour,
// with its glyph and tone: the flows tree's HEALTH column, the blast
// radius's and `:health`'s say the same word for the same flow (the word is
// rb.FlowHealth.Word, also `health -o table`'s). h is the flow's row of the
// session's check (snap) when judged; a flow the check has not reached is
// "checking…", or "unknown" once a failed check has ended without it.
func HealthVerdict(g theme.Glyphs, snap rb.HealthSnapshot, h *rb.FlowHealth, judged bool) (word, glyph string, tone components.Tone) {
	switch {
	case !judged && snap.Err != nil && snap.Complete:
		return "unknown", g.Unknown, components.ToneWarn // the check failed: never "ok"
	case !judged:
		return VerdictPending, g.Unknown, components.ToneMuted
	case h.Err != "":
		return h.Word(), g.Unknown, components.ToneWarn
	case h.Status == nexla.StatusPaused:
		return h.Word(), g.Paused, components.ToneWarn
	case h.Stale:
		return h.Word(), g.Warn, components.ToneError
	}
	tone, glyph = components.ToneOK, g.OK
	if !h.Healthy() {
		tone, glyph = components.ToneWarn, g.Warn
		if h.Severity == rb.SeverityCritical {
			tone, glyph = components.ToneError, g.Error
		}
	}
	return h.Word(), glyph, tone
}
