package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// A reading is one answer to the server's undocumented points (contract §9
// #3, #7, #8): the unit of log from/to, the order of run_summary pages, and
// whether the metrics service behind include_run_metrics answers. The
// headless commands must give the same verdicts under every reading.
type reading struct {
	unit, order   string
	metricsStatus int
}

func (r reading) String() string {
	s := "log-" + r.unit + "/runs-" + r.order
	if r.metricsStatus != 0 {
		s += fmt.Sprintf("/metrics-%d", r.metricsStatus)
	}
	return s
}

// everyReading is each combination of log unit (s/ms) and run order
// (desc/asc), each with the metrics service answering and failing.
func everyReading() []reading {
	var out []reading
	for _, unit := range []string{sim.LogUnitSeconds, sim.LogUnitMillis} {
		for _, order := range []string{sim.RunOrderDesc, sim.RunOrderAsc} {
			for _, status := range []int{0, 503} {
				out = append(out, reading{unit, order, status})
			}
		}
	}
	return out
}

// readingEnv points the commands at a frozen simulator with this reading.
func readingEnv(t *testing.T, r reading) *simtest.Env {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 7, Start: doctorNow, Frozen: true, LogUnit: r.unit, RunOrder: r.order,
		Faults: sim.Faults{MetricsStatus: r.metricsStatus}})
	e.SetEnv(t)
	t.Setenv(nowEnv, doctorNow.Format(time.RFC3339))
	return e
}

// healthVerdict is what must not depend on the reading: each flow's verdict,
// cause and run counts.
type healthVerdict struct {
	FlowID     int64   `json:"flow_id"`
	Name       string  `json:"name"`
	Healthy    bool    `json:"healthy"`
	Cause      string  `json:"cause"`
	Runs       int     `json:"runs"`
	FailedRuns int     `json:"failed_runs"`
	ErrorRate  float64 `json:"error_rate"`
	LastRunID  int64   `json:"last_run_id"`
}

func healthVerdicts(t *testing.T) (int, map[int64]healthVerdict) {
	t.Helper()
	code, out, errOut := runCLI("health", "-o", "json")
	if code == 2 {
		t.Fatalf("health: exit 2: %s", errOut)
	}
	var rows []healthVerdict
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("health -o json: %v\n%s", err, out)
	}
	byFlow := make(map[int64]healthVerdict, len(rows))
	for _, r := range rows {
		byFlow[r.FlowID] = r
	}
	return code, byFlow
}

// quotedErrors are the failed runs' ERROR lines doctor must quote, one per
// log-based incident (the line the simulator logs for that incident).
var quotedErrors = map[string]string{
	"transform_error":   "cannot convert 'N/A' to decimal",
	"schema_mismatch":   "expected integer but found string",
	"network_timeout":   "Connection timed out",
	"resource_conflict": "409 Conflict",
}

// Under every reading, health names the same flows with the same verdicts,
// causes and "N of the last 10", list and whoami answer the same, and doctor
// gives every scenario the same verdict and quotes the failed run's ERROR
// line (the log unit decides whether that line is found at all).
func TestHeadlessCommandsAgreeUnderEveryServerReading(t *testing.T) {
	base := readingEnv(t, reading{sim.LogUnitEither, sim.RunOrderDesc, 0})
	wantCode, want := healthVerdicts(t)
	_, wantList, _ := runCLI("list", "flows", "-o", "json")
	_, wantWho, _ := runCLI("whoami", "-o", "json")
	wantWho = strings.ReplaceAll(wantWho, base.URL, "URL") // each reading has its own simulator
	for _, sc := range base.Sim.Scenarios() {
		if _, ok := want[sc.FlowID]; !ok {
			t.Fatalf("%s: flow %d is missing from health", sc.Key, sc.FlowID)
		}
	}
	scen := base.Sim.Scenarios()
	for _, r := range everyReading() {
		t.Run(r.String(), func(t *testing.T) {
			e := readingEnv(t, r)
			code, got := healthVerdicts(t)
			if code != wantCode {
				t.Errorf("health exit %d, want %d", code, wantCode)
			}
			if len(got) != len(want) {
				t.Errorf("health lists %d flows, want %d", len(got), len(want))
			}
			for id, w := range want {
				if g := got[id]; !reflect.DeepEqual(g, w) {
					t.Errorf("flow %d:\n got %+v\nwant %+v", id, g, w)
				}
			}
			if _, out, errOut := runCLI("list", "flows", "-o", "json"); out != wantList {
				t.Errorf("list flows differs (stderr %q)", errOut)
			}
			if _, out, _ := runCLI("whoami", "-o", "json"); strings.ReplaceAll(out, e.URL, "URL") != wantWho {
				t.Errorf("whoami differs:\n%s\nwant\n%s", out, wantWho)
			}
			for _, sc := range scen {
				code, out, errOut := runCLI("doctor", "flow", strconv.FormatInt(sc.FlowID, 10))
				if code == 2 {
					t.Errorf("%s: doctor exit 2: %s", sc.Key, errOut)
					continue
				}
				if healthy := code == 0; healthy != want[sc.FlowID].Healthy {
					t.Errorf("%s: doctor healthy=%v, health healthy=%v", sc.Key, healthy, want[sc.FlowID].Healthy)
				}
				if line, ok := quotedErrors[sc.Key]; ok && !strings.Contains(out, line) {
					t.Errorf("%s: doctor does not quote the failed run's ERROR line %q:\n%s", sc.Key, line, out)
				}
				if strings.Contains(out, "0 lines") {
					t.Errorf("%s: doctor read no log lines:\n%s", sc.Key, out)
				}
			}
		})
	}
}

// The user who owns nothing but operates one failing flow sees it in health,
// which exits 1 (owner-only lists would have shown an empty, healthy org).
func TestHealthOfAUserWhoOwnsNothing(t *testing.T) {
	e := readingEnv(t, reading{sim.LogUnitEither, sim.RunOrderDesc, 0})
	e.SetEnvAs(t, "collaborator")
	code, rows := healthVerdicts(t)
	if code != 1 {
		t.Errorf("health exit %d, want 1 (a failing flow is shared with the caller)", code)
	}
	if len(rows) != 1 {
		t.Fatalf("health lists %d flows, want the one shared flow: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Healthy || r.FailedRuns == 0 {
			t.Errorf("the shared failing flow reads healthy: %+v", r)
		}
	}
}

// An empty org prints [] for every list, never null, and health says so.
func TestEmptyOrgListsEmptyArrays(t *testing.T) {
	e := readingEnv(t, reading{sim.LogUnitEither, sim.RunOrderDesc, 0})
	e.SetEnvAs(t, "empty_org")
	for _, kind := range []string{"flows", "sources", "nexsets", "destinations", "credentials"} {
		code, out, errOut := runCLI("list", kind, "-o", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("list %s -o json: exit %d, %q (stderr %q), want []", kind, code, out, errOut)
		}
	}
	code, out, _ := runCLI("health", "-o", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("health of an empty org: exit %d, %q", code, out)
	}
}
