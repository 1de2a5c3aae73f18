package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// `nexla-tui flow 800012` (the id on the page) starts at that flow's
// runbook, against a simulator reached over the environment like a real
// org; esc leads back to the flows tree.
func TestFlowCommandOpensTheRunbook(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: time.Now(), Frozen: true})
	sc := e.Scenario(t, "credential_expired")
	id := strconv.FormatInt(sc.FlowID, 10)
	m := startTmuxWith(t, tmuxOptions{Env: []string{"XDG_CONFIG_HOME=" + t.TempDir(), "XDG_STATE_HOME=" + t.TempDir(),
		"NEXLA_API_URL=" + e.URL, "NEXLA_SERVICE_KEY=" + e.Sim.ServiceKey(), "NEXLA_ACCESS_TOKEN=", "NEXLA_TUI_LIGHT=0"}},
		"flow", id, "--refresh", "0")
	screen := m.waitUntil("the runbook of flow "+id, func(s string) bool {
		return strings.Contains(s, `Runbook · flow "HubSpot Contacts" (id `+id+`)`) && strings.Contains(s, "Credential expired:") &&
			strings.Contains(s, "calls answered")
	})
	if !strings.Contains(screen, "Flows › runbook flow "+id) {
		t.Fatalf("the crumbs do not start at the flows tree:\n%s", screen)
	}
	m.key("Escape")
	m.waitUntil("the flows tree", func(s string) bool { return strings.Contains(s, "Flows · ") && strings.Contains(s, "flows") })
}
