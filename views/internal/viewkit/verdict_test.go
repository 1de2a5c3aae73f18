package viewkit

import (
	"errors"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// A flow without a verdict never reads healthy: "checking…" while the
// check runs, "unknown" once a failed check ended without it; a row whose
// run summary was unreadable is "unknown" too.
func TestHealthVerdictNeverReadsHealthyWithoutAVerdict(t *testing.T) {
	g := theme.New(theme.Options{NoColor: true}).Glyphs
	running := rb.HealthSnapshot{}
	failed := rb.HealthSnapshot{Complete: true, Err: errors.New("503")}
	cases := []struct {
		name  string
		snap  rb.HealthSnapshot
		h     *rb.FlowHealth
		word  string
		notOK bool
	}{
		{"not judged, check running", running, nil, VerdictPending, true},
		{"not judged, check failed", failed, nil, "unknown", true},
		{"unreadable summary", running, &rb.FlowHealth{Err: "timeout"}, "unknown", true},
		{"paused", running, &rb.FlowHealth{Status: nexla.StatusPaused}, "paused", true},
		{"healthy", running, &rb.FlowHealth{Status: nexla.StatusActive}, "ok", false},
	}
	for _, c := range cases {
		word, _, tone := HealthVerdict(g, c.snap, c.h, c.h != nil)
		if word != c.word || (c.notOK && tone == components.ToneOK) {
			t.Errorf("%s: %q (tone %v), want %q", c.name, word, tone, c.word)
		}
	}
}
