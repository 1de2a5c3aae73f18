package sim_test

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

type sourceRuns struct {
	Status        string `json:"status"`
	RuntimeStatus string `json:"runtime_status"`
	LastRunID     int64  `json:"last_run_id"`
}

func (h *harness) source(id int64) sourceRuns {
	h.t.Helper()
	var s sourceRuns
	h.getJSON(fmt.Sprintf("/data_sources/%d", id), &s)
	return s
}

func TestClockPauseActivate(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 5, TokenLifetime: 24 * time.Hour})
	var sc sim.Scenario
	for _, s := range h.Sim.Scenarios() {
		if s.Key == "healthy" && strings.Contains(s.Title, "Orders CDC") { // hourly
			sc = s
		}
	}
	before := h.source(sc.SourceID)
	h.Sim.Advance(3 * time.Hour)
	after := h.source(sc.SourceID)
	if after.LastRunID <= before.LastRunID {
		t.Fatalf("no run produced in 3h: %d -> %d", before.LastRunID, after.LastRunID)
	}
	if n := len(h.lastRuns("data_sources", sc.SourceID, 100)); n < 3 {
		t.Errorf("%d runs", n)
	}

	if resp, b := h.call(http.MethodPut, fmt.Sprintf("/flows/%d/pause?all=1", sc.FlowID), ""); resp.StatusCode != 200 {
		t.Fatalf("pause: %d %s", resp.StatusCode, b)
	}
	if st := h.Sim.FlowStatus(sc.FlowID); st != "PAUSED" {
		t.Fatalf("status after pause = %s", st)
	}
	paused := h.source(sc.SourceID)
	h.Sim.Advance(5 * time.Hour)
	if got := h.source(sc.SourceID); got.LastRunID != paused.LastRunID {
		t.Errorf("a paused flow ran: %d -> %d", paused.LastRunID, got.LastRunID)
	}
	var sink map[string]any
	h.getJSON(fmt.Sprintf("/data_sinks/%d", sc.SinkID), &sink)
	if sink["status"] != "PAUSED" {
		t.Errorf("pause did not reach the sink: %v", sink["status"])
	}

	if resp, b := h.call(http.MethodPut, fmt.Sprintf("/flows/%d/activate", sc.FlowID), ""); resp.StatusCode != 200 {
		t.Fatalf("activate: %d %s", resp.StatusCode, b)
	}
	h.Sim.Advance(10 * time.Second)
	running := h.source(sc.SourceID)
	if running.LastRunID <= paused.LastRunID || running.RuntimeStatus != "PROCESSING" {
		t.Errorf("activate did not start a run: %+v", running)
	}
	var status []map[string]any
	h.getJSON(fmt.Sprintf("/flows/%d/run_status/latest", sc.FlowID), &status)
	if len(status) == 0 || status[0]["status"] != "PROCESSING" {
		t.Errorf("run status %v", status)
	}
	h.Sim.Advance(10 * time.Minute)
	if done := h.source(sc.SourceID); done.RuntimeStatus != "IDLE" {
		t.Errorf("run still %s", done.RuntimeStatus)
	}
	h.getJSON(fmt.Sprintf("/flows/%d/run_status/%d", sc.FlowID, running.LastRunID), &status)
	if status[0]["status"] != "SUCCESS" {
		t.Errorf("run status %v", status)
	}
}

func TestTransientRecoversCredentialKeepsFailing(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 5, TokenLifetime: 24 * time.Hour})
	for _, key := range []string{"network_timeout", "credential_expired"} {
		s := h.scenario(key)
		if resp, b := h.call(http.MethodPut, fmt.Sprintf("/data_sources/%d/activate", s.SourceID), ""); resp.StatusCode != 200 {
			t.Fatalf("%s activate: %d %s", key, resp.StatusCode, b)
		}
	}
	h.Sim.Advance(10 * time.Minute)
	for key, want := range map[string]string{"network_timeout": "SUCCESS", "credential_expired": "FAILED"} {
		s := h.scenario(key)
		if got := outcome(h.lastRuns("data_sources", s.SourceID, 1)[0]); got != want {
			t.Errorf("%s: run after activate is %s, want %s", key, got, want)
		}
	}
}

func TestFaults(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	if err := h.Sim.SetFaults(sim.Faults{Burst429: 2, RetryAfter: 3 * time.Second}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if resp, _ := h.call(http.MethodGet, "/limits", ""); resp.StatusCode != 429 {
			t.Errorf("request %d of the burst: %d", i, resp.StatusCode)
		}
	}
	counts := h.Sim.FaultCounts()
	if counts["429"] != 2 {
		t.Errorf("429 count = %d, want 2", counts["429"])
	}
	if err := h.Sim.SetFaults(sim.Faults{Burst429: 1, RetryAfter: 2500 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	resp, _ := h.call(http.MethodGet, "/limits", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3" {
		t.Errorf("429 burst: %d Retry-After=%q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp, _ := h.call(http.MethodGet, "/limits", ""); resp.StatusCode != 200 {
		t.Errorf("after the burst: %d", resp.StatusCode)
	}

	_ = h.Sim.SetFaults(sim.Faults{ErrorRate: 1})
	for i := 0; i < 3; i++ {
		if resp, _ := h.call(http.MethodGet, "/limits", ""); resp.StatusCode < 500 {
			t.Errorf("error rate 1: %d", resp.StatusCode)
		}
	}
	_ = h.Sim.SetFaults(sim.Faults{LatencyFixed: time.Millisecond, LatencyJitter: time.Millisecond, SlowBody: 2 * time.Millisecond})
	if resp, b := h.call(http.MethodGet, "/data_sources", ""); resp.StatusCode != 200 || len(b) == 0 {
		t.Errorf("latency+slow body: %d", resp.StatusCode)
	}
	_ = h.Sim.SetFaults(sim.Faults{DropRate: 1})
	req, _ := http.NewRequest(http.MethodGet, h.Root+"/limits", nil)
	req.Header.Set("Authorization", "Bearer "+h.token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("drop rate 1 answered %d", resp.StatusCode)
	}
	// Admin endpoints never see faults: reset them through PUT /__sim/faults.
	req, _ = http.NewRequest(http.MethodPut, h.Root+"/__sim/faults", strings.NewReader(`{"latency_fixed":"1ms","error_rate":0}`))
	if resp, b := h.do(req); resp.StatusCode != 200 {
		t.Fatalf("PUT /__sim/faults: %d %s", resp.StatusCode, b)
	}
	req, _ = http.NewRequest(http.MethodPut, h.Root+"/__sim/faults", strings.NewReader(`{"error_rate":3}`))
	if resp, _ := h.do(req); resp.StatusCode != 400 {
		t.Errorf("invalid faults accepted: %d", resp.StatusCode)
	}
	if resp, _ := h.call(http.MethodGet, "/limits", ""); resp.StatusCode != 200 {
		t.Errorf("after reset: %d", resp.StatusCode)
	}
	counts = h.Sim.FaultCounts()
	for _, k := range []string{"latency", "5xx", "429", "drop", "slow_body", "requests", "tokens_issued"} {
		if counts[k] == 0 {
			t.Errorf("fault %q never counted: %v", k, counts)
		}
	}
	resp, err := http.Get(h.Root + "/__sim/counts")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"5xx":`+strconv.FormatInt(counts["5xx"], 10)) {
		t.Errorf("/__sim/counts = %s", b)
	}
}

func TestAdminAdvanceAndStatus(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	start := h.Sim.Now()
	resp, err := http.Post(h.Root+"/__sim/advance?d=90m", "", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("advance: %v %v", err, resp)
	}
	resp.Body.Close()
	if got := h.Sim.Now().Sub(start); got != 90*time.Minute {
		t.Errorf("clock moved %v", got)
	}
	sc := h.scenario("flow_not_running")
	resp, _ = http.Get(fmt.Sprintf("%s/__sim/flows/%d/status", h.Root, sc.FlowID))
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "PAUSED") {
		t.Errorf("admin status = %s", b)
	}
	if resp, _ := http.Post(h.Root+"/__sim/advance?d=-1h", "", nil); resp.StatusCode != 400 {
		t.Errorf("negative advance: %d", resp.StatusCode)
	}
}
