package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/testkit"
)

var doctorNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// doctorEnv points the command line at a frozen simulator over real HTTP,
// with the report clock pinned to the simulator's.
func doctorEnv(t *testing.T) *simtest.Env {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 7, Start: doctorNow, Frozen: true})
	e.SetEnv(t)
	t.Setenv(nowEnv, doctorNow.Format(time.RFC3339))
	return e
}

func TestDoctorUsageErrorsExit2(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{
		{"doctor"},
		{"doctor", "flow"},
		{"doctor", "credential", "5"},
		{"doctor", "pipeline", "5"},
		{"doctor", "flow", "abc"},
		{"doctor", "flow", "-3"},
		{"doctor", "flow", "5", "-o", "yaml"},
		{"doctor", "flow", "5", "--runs", "0"},
		{"health", "-o", "markdown"},
		{"health", "extra"},
	} {
		code, out, errOut := runCLI(args...)
		if code != 2 || out != "" || !strings.Contains(errOut, "nexla-tui:") {
			t.Errorf("%v: code %d, stdout %q, stderr %q; want 2 with a message", args, code, out, errOut)
		}
	}
}

func TestDoctorConnectionErrorExit2(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("NEXLA_API_URL", "http://127.0.0.1:1/nexla-api")
	t.Setenv("NEXLA_SERVICE_KEY", "0123456789abcdef0123456789abcdef")
	code, _, errOut := runCLI("doctor", "flow", "5", "--timeout", "5s")
	if code != 2 {
		t.Fatalf("code %d, want 2 (stderr %q)", code, errOut)
	}
	if strings.Contains(errOut, "0123456789abcdef") {
		t.Fatalf("the service key leaked into the error: %q", errOut)
	}
}

func TestDoctorExitCodes(t *testing.T) {
	s := doctorEnv(t)
	healthy := s.Scenario(t, "healthy")
	broken := s.Scenario(t, "credential_expired")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"doctor", "flow", strconv.FormatInt(healthy.FlowID, 10)}, 0, "**" + runbook.CauseTitle(runbook.CauseHealthy) + "**"},
		{[]string{"doctor", "flow", strconv.FormatInt(broken.FlowID, 10)}, 1, "**" + runbook.CauseTitle(runbook.CauseCredentialExpired) + "**"},
		{[]string{"doctor", "source", strconv.FormatInt(broken.SourceID, 10), "-o", "json"}, 1, `"cause": "credential_expired"`},
		{[]string{"doctor", "flow", "999999999"}, 2, ""},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(c.args...)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("%v: code %d (want %d), output lacks %q?\n%s\nstderr: %s", c.args, code, c.code, c.want, out, errOut)
		}
	}
}

// TestDoctorGolden pins doctor's Markdown and JSON for three incidents: an
// expired credential (a secret changed: no values shown), the Stripe
// transform change (the before/after diff adds the nexla.validate step) and
// the CRM schema change (customer_id: string → integer).
func TestDoctorGolden(t *testing.T) {
	s := doctorEnv(t)
	for _, key := range []string{"credential_expired", "transform_error", "schema_mismatch"} {
		sc := s.Scenario(t, key)
		id := strconv.FormatInt(sc.FlowID, 10)
		for _, format := range []string{"markdown", "json"} {
			code, out, errOut := runCLI("doctor", "flow", id, "-o", format)
			if code != 1 {
				t.Fatalf("%s %s: code %d: %s", key, format, code, errOut)
			}
			checkGolden(t, "doctor_"+key+"."+format, out)
		}
	}
}

// The diffs the goldens hold, asserted by meaning, so a golden accepted in
// haste cannot lose them: the transform change's added validate step and the
// schema's retyped field, each as the change nearest before the first
// failure, in Markdown and in JSON.
func TestDoctorShowsWhatChangedWithValues(t *testing.T) {
	s := doctorEnv(t)
	cases := map[string][]string{
		"transform_error": {`+       "operation": "nexla.validate",`, `+         "amount": "decimal(required)",`},
		"schema_mismatch": {"~ customer_id: string → integer"},
	}
	for key, wants := range cases {
		id := strconv.FormatInt(s.Scenario(t, key).FlowID, 10)
		_, md, _ := runCLI("doctor", "flow", id)
		_, js, _ := runCLI("doctor", "flow", id, "-o", "json")
		for _, want := range wants {
			if !strings.Contains(md, want) {
				t.Errorf("%s: Markdown lacks %q", key, want)
			}
		}
		var rep struct {
			Changes []struct {
				Nearest bool     `json:"nearest_before_failure"`
				Diff    []string `json:"diff"`
			} `json:"changes"`
		}
		if err := json.Unmarshal([]byte(js), &rep); err != nil || len(rep.Changes) == 0 || !rep.Changes[0].Nearest {
			t.Fatalf("%s: the first change of the JSON is not the nearest before the failure: %v %+v", key, err, rep.Changes)
		}
		diff := strings.Join(rep.Changes[0].Diff, "\n")
		for _, want := range wants {
			if !strings.Contains(diff, want) {
				t.Errorf("%s: JSON diff of the nearest change lacks %q:\n%s", key, want, diff)
			}
		}
	}
}

func TestHealthCommand(t *testing.T) {
	s := doctorEnv(t)
	code, out, errOut := runCLI("health")
	if code != 1 {
		t.Fatalf("the demo org has incidents, want exit 1, got %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "FLOW") || len(lines) < len(s.Sim.Scenarios())+1 {
		t.Fatalf("table:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Fatal("health printed escape sequences into a pipe")
	}
	// The table names a log-based cause on the flow that has it.
	transform := s.Scenario(t, runbook.CauseTransformError)
	id := strconv.FormatInt(transform.FlowID, 10)
	for _, l := range lines {
		if strings.HasPrefix(l, id+" ") && !strings.Contains(l, "Transform error: a transform fails") {
			t.Errorf("flow %s's row does not name its transform error:\n%s", id, l)
		}
	}
	code, out, _ = runCLI("health", "-o", "json")
	if code != 1 || !strings.HasPrefix(out, "[") || !strings.Contains(out, `"cause": "healthy"`) {
		t.Fatalf("json (code %d):\n%s", code, out)
	}
	var rows []struct {
		FlowID     int64  `json:"flow_id"`
		Cause      string `json:"cause"`
		Confidence string `json:"confidence"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		switch {
		case r.FlowID == transform.FlowID && (r.Cause != runbook.CauseTransformError || r.Confidence != "medium"):
			t.Errorf("transform flow: cause %q confidence %q, want transform_error medium (one run's logs)", r.Cause, r.Confidence)
		case r.Cause == runbook.CauseHealthy && r.Confidence != "":
			t.Errorf("healthy flow %d carries a confidence %q", r.FlowID, r.Confidence)
		}
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name+".golden"), got)
}

// TestHealthAndDoctorAgreeOnEveryScenario runs the real commands over HTTP
// against the simulator: for every incident scenario, `health`'s row and
// `doctor flow <id>`'s exit status give the same healthy/unhealthy verdict
// (both come from runbook.Verdict). A healthy flow the caller may not
// operate is healthy in both (exit 0), with the permission as a note.
func TestHealthAndDoctorAgreeOnEveryScenario(t *testing.T) {
	s := doctorEnv(t)
	code, out, errOut := runCLI("health", "-o", "json")
	if code == 2 {
		t.Fatalf("health: %s", errOut)
	}
	var rows []struct {
		FlowID  int64  `json:"flow_id"`
		Healthy bool   `json:"healthy"`
		Cause   string `json:"cause"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	healthy := map[int64]bool{}
	seen := map[int64]bool{}
	for _, r := range rows {
		healthy[r.FlowID], seen[r.FlowID] = r.Healthy, true
	}
	var operatorless bool
	for _, sc := range s.Sim.Scenarios() {
		if !seen[sc.FlowID] {
			t.Errorf("%s: flow %d is not in health's table", sc.Key, sc.FlowID)
			continue
		}
		code, out, errOut := runCLI("doctor", "flow", strconv.FormatInt(sc.FlowID, 10), "-o", "json")
		if code == 2 {
			t.Errorf("%s: doctor: %s", sc.Key, errOut)
			continue
		}
		var rep struct {
			Healthy bool `json:"healthy"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%s: %v", sc.Key, err)
		}
		if doctorHealthy := code == 0; doctorHealthy != healthy[sc.FlowID] || rep.Healthy != doctorHealthy {
			t.Errorf("%s (flow %d): doctor exit %d (json healthy %v), health healthy %v", sc.Key, sc.FlowID, code, rep.Healthy, healthy[sc.FlowID])
		}
		if sc.Key == runbook.CausePermissionDenied {
			operatorless = true
			if code != 0 || !strings.Contains(out, `"cause": "permission_denied"`) {
				t.Errorf("a healthy flow the caller cannot operate: doctor exit %d, want 0 with the permission noted:\n%s", code, out)
			}
		}
	}
	if !operatorless {
		t.Error("the simulator has no permission_denied scenario: the operator-role case is not covered")
	}
}
