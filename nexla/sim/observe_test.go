package sim_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

func TestLogsAndMetricsPathVariants(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 2})
	s := h.scenario("credential_expired")
	runID := h.lastRuns("data_sources", s.SourceID, 1)[0].RunID
	fromMs := runID - 1000
	var bodies []string
	for _, p := range []string{
		"/data_flows/data_sources/%d/logs?run_id=%d&from=%d",
		"/data_sources/%d/flow/logs?run_id=%d&from=%d",
		"/data_flows/data_sets/%d/logs?runId=%d&from=%d",
	} {
		id := s.SourceID
		if strings.Contains(p, "data_sets") {
			id = s.NexsetID
		}
		var lb logsBody
		h.getJSON(fmt.Sprintf(p, id, runID, fromMs), &lb)
		bodies = append(bodies, fmt.Sprint(lb.Logs.Data))
		summaries := 0
		if lb.Logs.Meta["run_id"] != runID {
			t.Errorf("%s: meta.run_id %d, want %d", p, lb.Logs.Meta["run_id"], runID)
		}
		for _, l := range lb.Logs.Data {
			if l.Timestamp < runID {
				t.Errorf("%s: line at %d before the run", p, l.Timestamp)
			}
			if l.LogType == "SUMMARY" {
				summaries++
				if !strings.HasPrefix(l.Log, "Processed records=") {
					t.Errorf("summary line %q", l.Log)
				}
			}
		}
		if summaries < 3 || lb.Logs.Meta["total_count"] != int64(len(lb.Logs.Data)) {
			t.Errorf("%s: %d summaries, meta %v", p, summaries, lb.Logs.Meta)
		}
	}
	var byFlow logsBody
	h.getJSON(fmt.Sprintf("/flows/%d/logs?run_id=%d&from=%d", s.FlowID, runID, fromMs/1000), &byFlow) // seconds
	bodies = append(bodies, fmt.Sprint(byFlow.Logs.Data))
	for i := range bodies {
		if bodies[i] != bodies[0] {
			t.Errorf("log variant %d differs", i)
		}
	}
	var page logsBody
	h.getJSON(fmt.Sprintf("/flows/%d/logs?page=2&per_page=3", s.FlowID), &page)
	if len(page.Logs.Data) != 3 || page.Logs.Meta["current_page"] != 2 || page.Logs.Meta["pages_count"] < 2 {
		t.Errorf("log paging: %d lines, meta %v", len(page.Logs.Data), page.Logs.Meta)
	}

	from := testStart.Add(-3 * 24 * time.Hour).Format("2006-01-02")
	var metricBodies []string
	for _, p := range []string{"/flows/%d/metrics?from=%s", "/data_sources/%d/flow/metrics?from=%s", "/data_flows/data_sources/%d/metrics?from=%s"} {
		id := s.FlowID
		if !strings.HasPrefix(p, "/flows") {
			id = s.SourceID
		}
		var fm map[string]any
		h.getJSON(fmt.Sprintf(p, id, from), &fm)
		if fm["status"].(float64) != 200 || fm["message"] != "Ok" {
			t.Errorf("%s: %v", p, fm)
		}
		metricBodies = append(metricBodies, fmt.Sprint(fm["metrics"]))
	}
	if metricBodies[0] != metricBodies[1] || metricBodies[1] != metricBodies[2] {
		t.Error("flow metrics differ between path variants")
	}
	var byRun struct {
		Metrics struct {
			Data map[string]map[string]any `json:"data"`
		} `json:"metrics"`
	}
	h.getJSON(fmt.Sprintf("/flows/%d/metrics?from=%s&groupby=runId&per_page=4", s.FlowID, from), &byRun)
	if len(byRun.Metrics.Data) != 4 {
		t.Errorf("groupby=runId gave %d runs", len(byRun.Metrics.Data))
	}

	// Daily metrics aggregate the same runs as run_summary.
	var daily struct {
		Metrics []struct {
			Time    string `json:"time"`
			Records int64  `json:"records"`
			Errors  int64  `json:"errors"`
		} `json:"metrics"`
	}
	h.getJSON(fmt.Sprintf("/data_sinks/%d/metrics?from=2020-01-01&aggregate=1", s.SinkID), &daily)
	var sumErr int64
	for _, d := range daily.Metrics {
		sumErr += d.Errors
	}
	var runErr int64
	for _, r := range h.lastRuns("data_sinks", s.SinkID, 1000) {
		runErr += r.Errors
	}
	if len(daily.Metrics) == 0 || sumErr != runErr {
		t.Errorf("daily errors %d vs run_summary errors %d", sumErr, runErr)
	}
	var lw runSummary
	h.getJSON(fmt.Sprintf("/data_sinks/%d/metrics/run_summary?groupby=lastWritten&size=2", s.SinkID), &lw)
	if len(lw.Metrics.Data) != 2 {
		t.Errorf("lastWritten rows %v", lw.Metrics.Data)
	}
}

func TestAccessorsAuditNotifications(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	s := h.scenario("healthy")
	path := fmt.Sprintf("/data_sinks/%d/accessors", s.SinkID)
	var acc []map[string]any
	h.getJSON(path, &acc)
	n := len(acc)
	resp, b := h.call(http.MethodPut, path, `{"accessors":[{"type":"USER","email":"sofia.alvarez@acme-retail.example","access_roles":["operator"]}]}`)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "sofia.alvarez") {
		t.Errorf("PUT accessors: %d %s", resp.StatusCode, b)
	}
	resp, b = h.call(http.MethodDelete, path, `{"accessors":[{"type":"USER","id":45}]}`)
	if resp.StatusCode != 200 || strings.Contains(string(b), "sofia.alvarez") {
		t.Errorf("DELETE accessors: %d %s", resp.StatusCode, b)
	}
	resp, b = h.call(http.MethodPost, path, `{"accessors":[{"type":"TEAM","name":"Finance Data","access_roles":["collaborator"]}]}`)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Finance Data") || strings.Count(string(b), `"type"`) != 1 {
		t.Errorf("POST accessors: %d %s", resp.StatusCode, b)
	}
	if resp, _ := h.call(http.MethodPut, path, `{"accessors":[{"type":"ROBOT","id":1,"access_roles":["owner"]}]}`); resp.StatusCode != 400 {
		t.Errorf("bad accessor type: %d", resp.StatusCode)
	}
	if n < 1 {
		t.Errorf("default accessors empty")
	}
	pd := h.scenario("permission_denied")
	if resp, _ := h.call(http.MethodPut, fmt.Sprintf("/data_sources/%d/accessors", pd.SourceID), `{"accessors":[]}`); resp.StatusCode != 403 {
		t.Errorf("collaborator changed accessors: %d", resp.StatusCode)
	}

	var audit []map[string]any
	hdr := h.getJSON(fmt.Sprintf("/flows/%d/audit_log?per_page=2&page=1", s.FlowID), &audit)
	if len(audit) != 2 || hdr.Get("X-Total-Count") == "" {
		t.Errorf("flow audit page: %d entries", len(audit))
	}
	for _, k := range []string{"id", "item_type", "item_id", "event", "change_summary", "object_changes", "request_ip", "request_user_agent", "request_url", "user", "org_id", "owner_id", "owner_email", "created_at"} {
		if _, ok := audit[0][k]; !ok {
			t.Errorf("audit entry lacks %q", k)
		}
	}

	var notes []map[string]any
	h.getJSON("/notifications?level=ERROR", &notes)
	var count struct {
		Count int `json:"count"`
	}
	h.getJSON("/notifications/count?read=0", &count)
	if len(notes) == 0 || count.Count == 0 {
		t.Errorf("%d error notifications, %d unread", len(notes), count.Count)
	}
	id := int64(notes[0]["id"].(float64))
	if resp, _ := h.call(http.MethodPut, fmt.Sprintf("/notifications/mark_read?notification_id=%d", id), ""); resp.StatusCode != 200 {
		t.Errorf("mark_read: %d", resp.StatusCode)
	}
	var after struct {
		Count int `json:"count"`
	}
	h.getJSON("/notifications/count?read=0", &after)
	if after.Count != count.Count-1 {
		t.Errorf("unread %d -> %d", count.Count, after.Count)
	}
}

func TestScaleGenerator(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 9, ExtraFlows: 3000})
	var page []map[string]any
	hdr := h.getJSON("/data_sets?access_role=all&page=40&per_page=100", &page)
	if total, _ := strconv.Atoi(hdr.Get("X-Total-Count")); len(page) != 100 || total < 4000 {
		t.Errorf("nexsets page 50: %d items, total %s", len(page), hdr.Get("X-Total-Count"))
	}
	var flows map[string]any
	h.getJSON("/flows?page=3&per_page=25&flows_only=1", &flows)
	if len(flows["flows"].([]any)) != 25 {
		t.Error("flow page size")
	}
	if _, err := sim.New(sim.Options{ExtraFlows: 1_000_000}); err == nil {
		t.Error("a million extra flows accepted")
	}
}
