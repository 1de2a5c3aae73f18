package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// slaProfile writes a config whose default profile carries sla (YAML under
// `sla:`, indented 6); the simulator's URL and key come from the environment.
func slaProfile(t *testing.T, sla string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	body := "default_profile: ops\nprofiles:\n  ops:\n    sla:\n" + sla
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// healthyIn is whether flow id is healthy in `health -o json`, and its name.
func healthyIn(t *testing.T, cfg string, id int64) (bool, string) {
	t.Helper()
	code, out, errOut := runCLI("health", "-o", "json", "--config", cfg)
	if code == 2 {
		t.Fatalf("health: %s", errOut)
	}
	var rows []struct {
		FlowID  int64  `json:"flow_id"`
		Name    string `json:"name"`
		Healthy bool   `json:"healthy"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.FlowID == id {
			return r.Healthy, r.Name
		}
	}
	t.Fatalf("flow %d not in health's rows", id)
	return false, ""
}

// A profile's SLA makes a flow that is healthy by Nexla's defaults
// unhealthy in both health and doctor (its last run is older than the
// profile's max age); a per-flow rule for it (by id, or by a name pattern)
// overrides the profile's threshold in both.
func TestProfileSLAJudgesHealthAndDoctorAlike(t *testing.T) {
	s := doctorEnv(t)
	sc := s.Scenario(t, runbook.CauseHealthy)
	id := strconv.FormatInt(sc.FlowID, 10)
	doctor := func(cfg string) (int, string) {
		code, out, errOut := runCLI("doctor", "flow", id, "-o", "json", "--config", cfg)
		if code == 2 {
			t.Fatalf("doctor: %s", errOut)
		}
		return code, out
	}
	none := slaProfile(t, "      min_success_rate: 0.5\n")
	ok, name := healthyIn(t, none, sc.FlowID)
	if code, out := doctor(none); code != 0 || !ok || len(name) < 3 {
		t.Fatalf("without a max age the healthy scenario is healthy: doctor %d\n%s", code, out)
	}
	strict := slaProfile(t, "      max_age: 1m\n")
	code, out := doctor(strict)
	if code != 1 || !strings.Contains(out, `"cause": "stale_data"`) || !strings.Contains(out, "SLA max age") {
		t.Fatalf("SLA max age 1m: doctor exit %d, want 1 with stale_data from the SLA:\n%s", code, out)
	}
	if ok, _ := healthyIn(t, strict, sc.FlowID); ok {
		t.Fatal("SLA max age 1m: health still calls the flow healthy")
	}
	for _, match := range []string{strconv.Quote(id), strconv.Quote(name[:3] + "*")} {
		override := slaProfile(t, "      max_age: 1m\n      flows:\n        - match: "+match+"\n          max_age: 720h\n")
		if code, out := doctor(override); code != 0 {
			t.Fatalf("the flow's rule %s (720h) overrides the profile's 1m: doctor exit %d\n%s", match, code, out)
		}
		if ok, _ := healthyIn(t, override, sc.FlowID); !ok {
			t.Fatalf("the flow's rule %s (720h) overrides the profile's 1m in health", match)
		}
	}
}
