package viewkit

import (
	"time"

	tea "charm.land/bubbletea/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
)

// HealthProgressMsg says a screen should read the running check again
// (Done: it is complete, no more will come).
type HealthProgressMsg struct {
	Check *rb.HealthCheck
	Done  bool
}

// HealthProgressEvery spaces a screen's reads of a running check, so a
// 30,000-flow check does not rebuild a table on every row.
const HealthProgressEvery = 250 * time.Millisecond

// WaitHealth waits (off the update loop) until the check is done or the
// next read is due. It polls rather than receiving from the check's
// Updates channel: the flows tree and `:health` follow the same shared
// check, and a signal one of them took would never reach the other.
func WaitHealth(c *rb.HealthCheck) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-c.Done():
			return HealthProgressMsg{Check: c, Done: true}
		case <-time.After(HealthProgressEvery):
			return HealthProgressMsg{Check: c}
		}
	}
}

// HealthShare is the session's shared org health check (Deps.Health), or a
// new one when the Deps carry none (a screen built alone, in a test); own
// says the screen made it and closes it when it is dropped.
func HealthShare(d ui.Deps) (share *rb.HealthShare, own bool) {
	if d.Health != nil {
		return d.Health, false
	}
	return rb.NewHealthShare(rb.HealthOptions{Options: rb.Options{Now: d.Now}}), true
}

// SLA is the profile's thresholds the session's health check judges by
// (none without Deps.Health): the runbook judges a flow as health does.
func SLA(d ui.Deps) rb.SLAs {
	if d.Health == nil {
		return rb.SLAs{}
	}
	return d.Health.Options().SLA
}
