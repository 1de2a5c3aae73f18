package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// A jump host whose clock is an hour off the server's: the simulator's
// clock (and so its Date header) is an hour ahead of or behind this
// machine's, and no clock is pinned. doctor measures "ago" and its windows
// on the server's clock: the report is dated at the server's now, the newest
// runs are minutes ago (never "just now" or in the future) and the failed
// run's logs are found.
func TestDoctorFollowsTheServerClock(t *testing.T) {
	for _, offset := range []time.Duration{time.Hour, -time.Hour} {
		t.Run(offset.String(), func(t *testing.T) {
			// On the hour, as the incident clock: the demo's runs keep their
			// phase to the hour, so a start at any minute could fall seconds
			// after a run began ("6 s ago" instead of minutes) and flake.
			// Two to four hours of skew either way.
			start := time.Now().Truncate(time.Hour).Add(3 * offset)
			e := simtest.Start(t, sim.Options{Seed: 7, Start: start, Frozen: true})
			e.SetEnv(t)
			t.Setenv(nowEnv, "")
			sc := e.Scenario(t, "credential_expired")
			code, out, errOut := runCLI("doctor", "flow", strconv.FormatInt(sc.FlowID, 10), "-o", "json")
			if code != 1 {
				t.Fatalf("code %d: %s", code, errOut)
			}
			var rep struct {
				GeneratedAt time.Time `json:"generated_at"`
				Steps       []struct {
					Key     string `json:"key"`
					State   string `json:"state"`
					Summary string `json:"summary"`
				} `json:"steps"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			// A minute of slack for a slow machine: the error this guards
			// against is an hour.
			if d := rep.GeneratedAt.Sub(e.Sim.Now()); d < -time.Minute || d > time.Minute {
				t.Errorf("report dated %s, server clock %s (off by %s)", rep.GeneratedAt, e.Sim.Now(), d)
			}
			for _, s := range rep.Steps {
				if strings.Contains(s.Summary, "just now") || strings.Contains(s.Summary, " in ") && strings.Contains(s.Summary, "m ago") {
					t.Errorf("step %s: %q", s.Key, s.Summary)
				}
				if s.Key == "failure_point" && !strings.Contains(s.Summary, "min ago (FAILED") {
					t.Errorf("the newest run is not minutes ago on the server's clock: %q", s.Summary)
				}
				if s.Key == "logs" && s.State != "failing" {
					t.Errorf("the failed run's logs were not found (%s): %q", s.State, s.Summary)
				}
			}
			// The notifications window is the server's last hour too.
			_, out, _ = runCLI("notifications", "--since", "90m", "--level", "ERROR", "-o", "json")
			rows := decodeNotificationRows(t, out)
			if len(rows) == 0 {
				t.Errorf("no ERROR notification in the server's last 90 minutes of an hourly failing flow")
			}
		})
	}
}
