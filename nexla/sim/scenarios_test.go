package sim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// lastRuns returns the newest n run_summary rows of a resource.
func (h *harness) lastRuns(rt string, id int64, n int) []runRow {
	h.t.Helper()
	var rs runSummary
	h.getJSON(fmt.Sprintf("/%s/%d/metrics/run_summary?page=1&size=%d", rt, id, n), &rs)
	return rs.Metrics.Data
}

func (h *harness) errorLogs(flowID int64) []string {
	h.t.Helper()
	var lb logsBody
	h.getJSON(fmt.Sprintf("/flows/%d/logs?severity=ERROR&per_page=500&sort_order=desc", flowID), &lb)
	var out []string
	for _, l := range lb.Logs.Data {
		out = append(out, l.ResourceType+" "+l.Log)
	}
	return out
}

func containsAny(lines []string, parts ...string) bool {
	for _, l := range lines {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestScenarioEvidence(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	keys := map[string]int{}
	for _, s := range h.Sim.Scenarios() {
		keys[s.Key]++
		noSource := s.Key == "shared_upstream_failing" // originates from a shared nexset
		if s.Cause == "" || s.Title == "" || s.FlowID == 0 || (s.SourceID == 0) != noSource || s.NexsetID == 0 || s.SinkID == 0 || s.CredentialID == 0 {
			t.Errorf("scenario %+v is incomplete", s)
		}
	}
	for _, k := range []string{"credential_expired", "transform_error", "schema_mismatch", "rate_limited", "network_timeout",
		"flow_not_running", "high_error_rate", "stale_data", "permission_denied", "resource_conflict"} {
		if keys[k] != 1 {
			t.Errorf("scenario %s appears %d times", k, keys[k])
		}
	}
	if keys["healthy"] < 3 {
		t.Errorf("%d healthy flows, want >= 3", keys["healthy"])
	}
	now := h.Sim.Now()

	t.Run("healthy", func(t *testing.T) {
		for _, s := range h.Sim.Scenarios() {
			if s.Key != "healthy" {
				continue
			}
			for _, r := range h.lastRuns("data_sources", s.SourceID, 10) {
				if outcome(r) != "SUCCESS" {
					t.Errorf("%s: run %d is %s", s.Title, r.RunID, outcome(r))
				}
			}
			if resp, _ := h.call(http.MethodGet, fmt.Sprintf("/data_credentials/%d/probe", s.CredentialID), ""); resp.StatusCode != 200 {
				t.Errorf("%s: probe %d", s.Title, resp.StatusCode)
			}
			var src struct {
				LastRunID int64 `json:"last_run_id"`
				RunIDs    []struct {
					ID int64 `json:"id"`
				} `json:"run_ids"`
			}
			h.getJSON(fmt.Sprintf("/data_sources/%d", s.SourceID), &src)
			if age := now.Sub(time.UnixMilli(src.LastRunID)); age > 2*time.Hour+5*time.Minute || len(src.RunIDs) != 5 || src.RunIDs[0].ID != src.LastRunID {
				t.Errorf("%s: last run %v ago, run_ids %v", s.Title, age, src.RunIDs)
			}
		}
	})
	t.Run("credential_expired", func(t *testing.T) {
		s := h.scenario("credential_expired")
		resp, body := h.call(http.MethodGet, fmt.Sprintf("/data_credentials/%d/probe", s.CredentialID), "")
		var pb map[string]any
		if resp.StatusCode != 403 || json.Unmarshal(body, &pb) != nil || !strings.Contains(pb["message"].(string), "expired") {
			t.Errorf("probe: %d %s", resp.StatusCode, body)
		}
		var cred map[string]any
		h.getJSON(fmt.Sprintf("/data_credentials/%d", s.CredentialID), &cred)
		if !strings.HasPrefix(cred["verified_status"].(string), "403 Access denied") || cred["verified_at"] != nil {
			t.Errorf("credential verified_status=%v verified_at=%v", cred["verified_status"], cred["verified_at"])
		}
		for _, r := range h.lastRuns("data_sources", s.SourceID, 5) {
			if outcome(r) != "FAILED" {
				t.Errorf("run %d is %s", r.RunID, outcome(r))
			}
		}
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "SOURCE", "403", "Authentication") {
			t.Errorf("no SOURCE 403 authentication error in %v", logs)
		}
		var audit []map[string]any
		h.getJSON(fmt.Sprintf("/data_credentials/%d/audit_log", s.CredentialID), &audit)
		if _, ok := audit[0]["object_changes"].(map[string]any)["credentials_version"]; !ok || audit[0]["event"] != "update" {
			t.Errorf("newest credential audit entry = %v", audit[0])
		}
	})
	t.Run("transform_error", func(t *testing.T) {
		s := h.scenario("transform_error")
		var set map[string]any
		h.getJSON(fmt.Sprintf("/data_sets/%d?expand=1", s.NexsetID), &set)
		if set["parent_data_set_id"] == nil || set["transform"] == nil {
			t.Errorf("failing nexset is not derived with a transform: %v", set["parent_data_set_id"])
		}
		for _, r := range h.lastRuns("data_sets", s.NexsetID, 5) {
			if outcome(r) == "SUCCESS" {
				t.Errorf("run %d succeeded at the nexset", r.RunID)
			}
		}
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "DATASET", "Transform error in record", "field 'amount'") {
			t.Errorf("no DATASET transform error naming record and field in %v", logs)
		}
		var audit []map[string]any
		h.getJSON(fmt.Sprintf("/data_sets/%d/audit_log?change_filter=transform", s.NexsetID), &audit)
		if len(audit) == 0 {
			t.Error("no transform change in the nexset audit log")
		}
		var samples []map[string]any
		h.getJSON(fmt.Sprintf("/data_sets/%d/samples?count=5", s.NexsetID), &samples)
		if _, ok := samples[0]["input"]; !ok || !strings.Contains(fmt.Sprint(samples), "N/A") {
			t.Errorf("samples lack the input/output form with the bad value: %v", samples[0])
		}
	})
	t.Run("schema_mismatch", func(t *testing.T) {
		s := h.scenario("schema_mismatch")
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "DATASET", "Schema validation failed: field 'customer_id' expected integer but found string") {
			t.Errorf("no schema validation error in %v", logs)
		}
		var audit []map[string]any
		h.getJSON(fmt.Sprintf("/data_sets/%d/audit_log?change_filter=schema", s.NexsetID), &audit)
		if len(audit) == 0 {
			t.Error("no output_schema change in the audit log")
		}
	})
	t.Run("rate_limited", func(t *testing.T) {
		s := h.scenario("rate_limited")
		if st := h.Sim.FlowStatus(s.FlowID); st != "RATE_LIMITED" {
			t.Errorf("status %s", st)
		}
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "429 Too Many Requests from api.vendor.example; backing off") {
			t.Errorf("no 429 log in %v", logs)
		}
		resp, body := h.call(http.MethodPut, fmt.Sprintf("/flows/%d/activate", s.FlowID), "")
		if resp.StatusCode != 400 || !strings.Contains(string(body), "Flow is rate limited") {
			t.Errorf("activate: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("network_timeout", func(t *testing.T) {
		s := h.scenario("network_timeout")
		for _, r := range h.lastRuns("data_sources", s.SourceID, 3) {
			if outcome(r) != "PARTIAL" {
				t.Errorf("run %d is %s", r.RunID, outcome(r))
			}
		}
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "Connection timed out after 30000 ms reading from") {
			t.Errorf("no timeout log in %v", logs)
		}
	})
	t.Run("flow_not_running", func(t *testing.T) {
		s := h.scenario("flow_not_running")
		if st := h.Sim.FlowStatus(s.FlowID); st != "PAUSED" {
			t.Errorf("status %s", st)
		}
		runs := h.lastRuns("data_sources", s.SourceID, 1)
		if len(runs) == 0 || now.Sub(time.UnixMilli(runs[0].RunID)) < 72*time.Hour {
			t.Errorf("latest run %v is recent", runs)
		}
	})
	t.Run("stale_data", func(t *testing.T) {
		s := h.scenario("stale_data")
		runs := h.lastRuns("data_sources", s.SourceID, 3)
		if h.Sim.FlowStatus(s.FlowID) != "ACTIVE" || len(runs) == 0 || now.Sub(time.UnixMilli(runs[0].RunID)) < 30*time.Hour || outcome(runs[0]) != "SUCCESS" {
			t.Errorf("status %s, runs %v", h.Sim.FlowStatus(s.FlowID), runs)
		}
		h.Sim.Advance(12 * time.Hour)
		h.token = h.login() // the session token expired with the clock
		if again := h.lastRuns("data_sources", s.SourceID, 1); again[0].RunID != runs[0].RunID {
			t.Error("the stuck schedule produced a run")
		}
	})
	t.Run("high_error_rate", func(t *testing.T) {
		s := h.scenario("high_error_rate")
		// A run fails at any stage (source, nexset or sink): count the runs
		// any of them reports errors for.
		newest := map[int64]bool{}
		for _, r := range h.lastRuns("data_sources", s.SourceID, 10) {
			newest[r.RunID] = true
		}
		bad := map[int64]bool{}
		for _, res := range []struct {
			rt string
			id int64
		}{{"data_sources", s.SourceID}, {"data_sets", s.NexsetID}, {"data_sinks", s.SinkID}} {
			for _, r := range h.lastRuns(res.rt, res.id, 10) {
				if r.Errors > 0 && newest[r.RunID] {
					bad[r.RunID] = true
				}
			}
		}
		if failed := len(bad); failed < 3 || failed > 5 {
			t.Errorf("%d of the last 10 runs failed, want 3..5", failed)
		}
	})
	t.Run("permission_denied", func(t *testing.T) {
		s := h.scenario("permission_denied")
		for _, p := range []string{"/flows/%d/pause", "/flows/%d/activate"} {
			if resp, body := h.call(http.MethodPut, fmt.Sprintf(p, s.FlowID), ""); resp.StatusCode != 403 || len(body) != 0 {
				t.Errorf("PUT %s: %d %q, want 403 empty", p, resp.StatusCode, body)
			}
		}
		var src map[string]any
		h.getJSON(fmt.Sprintf("/data_sources/%d", s.SourceID), &src)
		if fmt.Sprint(src["access_roles"]) != "[collaborator]" {
			t.Errorf("access_roles %v", src["access_roles"])
		}
		var acc []map[string]any
		h.getJSON(fmt.Sprintf("/flows/%d/accessors", s.FlowID), &acc)
		if !strings.Contains(fmt.Sprint(acc), "riley.chen") || !strings.Contains(fmt.Sprint(acc), "collaborator") {
			t.Errorf("accessors %v", acc)
		}
	})
	t.Run("resource_conflict", func(t *testing.T) {
		s := h.scenario("resource_conflict")
		if logs := h.errorLogs(s.FlowID); !containsAny(logs, "SINK", "409 Conflict: object orders_2026.parquet already exists") {
			t.Errorf("no SINK 409 log in %v", logs)
		}
		resp, body := h.call(http.MethodPut, fmt.Sprintf("/flows/%d/activate", s.FlowID), "")
		if resp.StatusCode != 409 || !strings.Contains(string(body), "message") {
			t.Errorf("activate: %d %s", resp.StatusCode, body)
		}
		var sink map[string]any
		h.getJSON(fmt.Sprintf("/data_sinks/%d", s.SinkID), &sink)
		var same []map[string]any
		h.getJSON("/data_sinks?access_role=all&name="+sink["name"].(string), &same)
		if len(same) < 2 {
			t.Errorf("sink name %v is not duplicated", sink["name"])
		}
	})
}
