package sim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

var oldScenarioKeys = []string{"healthy", "credential_expired", "transform_error", "schema_mismatch", "rate_limited",
	"network_timeout", "flow_not_running", "high_error_rate", "stale_data", "permission_denied", "resource_conflict"}

var shapeKeys = []string{"never_run", "source_outage", "shared_upstream_failing", "trigger_upstream_failing",
	"credential_group_failing", "credential_unreadable"}

// The new shapes come after the existing flows: those keep their ids.
func TestShapesComeAfterTheExistingFlows(t *testing.T) {
	s, err := sim.New(sim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var maxOld int64
	seen := map[string]int{}
	for _, sc := range s.Scenarios() {
		seen[sc.Key]++
		if slices.Contains(oldScenarioKeys, sc.Key) {
			if seen[shapeKeys[0]] > 0 {
				t.Errorf("old scenario %s listed after the new ones", sc.Key)
			}
			maxOld = max(maxOld, sc.FlowID)
		} else if sc.FlowID <= maxOld {
			t.Errorf("new scenario %s has flow id %d, not after %d", sc.Key, sc.FlowID, maxOld)
		}
	}
	for _, k := range shapeKeys {
		if seen[k] != 1 {
			t.Errorf("scenario %s appears %d times", k, seen[k])
		}
	}
	// The demo's flows keep the ids they had before the shapes were added.
	var got []string
	for _, sc := range s.Scenarios()[:13] {
		got = append(got, fmt.Sprint(sc.Key, sc.FlowID, sc.SourceID, sc.NexsetID, sc.SinkID, sc.CredentialID))
	}
	want := []string{"healthy800001 10001 100002 500001 3003", "healthy800005 10002 100003 500002 3008",
		"healthy800008 10003 100005 500003 3006", "credential_expired800012 10004 100006 500004 3011",
		"transform_error800015 10005 100008 500005 3007", "schema_mismatch800019 10006 100009 500006 3004",
		"rate_limited800022 10007 100010 500007 3012", "network_timeout800025 10008 100011 500008 3010",
		"flow_not_running800028 10009 100012 500009 3009", "high_error_rate800031 10010 100014 500010 3013",
		"stale_data800035 10011 100015 500011 3001", "permission_denied800038 10012 100016 500012 3014",
		"resource_conflict800041 10013 100017 500013 3005"}
	if !slices.Equal(got, want) {
		t.Errorf("old scenarios moved:\n got %q\nwant %q", got, want)
	}
}

func (h *harness) flow(id int64, query string) flowsBody {
	h.t.Helper()
	var fb flowsBody
	h.getJSON(fmt.Sprintf("/flows/%d%s", id, query), &fb)
	return fb
}

func TestNeverRunFlow(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("never_run")
	origin := h.flow(sc.FlowID, "").Flows[0]
	if origin["status"] != "INIT" || origin["last_run_id"] != nil {
		t.Errorf("origin status %v, last_run_id %v", origin["status"], origin["last_run_id"])
	}
	h.Sim.Advance(6 * time.Hour)
	h.token = h.login()
	if runs := h.lastRuns("data_sources", sc.SourceID, 5); len(runs) != 0 {
		t.Errorf("a never-activated flow ran: %v", runs)
	}
}

func TestSharedNexsetFlow(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	up, c := h.scenario("source_outage"), h.scenario("shared_upstream_failing")
	cb := h.flow(c.FlowID, "")
	origin := cb.Flows[0]
	shared := num(origin["shared_data_set_id"])
	if origin["node_type"] != "data_set" || shared == 0 || origin["data_source_id"] != nil || len(cb.DataSources) != 0 ||
		len(cb.SharedDataSets) != 1 || num(cb.SharedDataSets[0]["id"]) != shared {
		t.Fatalf("consumer origin %v, sources %v, shared %v", origin, cb.DataSources, cb.SharedDataSets)
	}
	// In the upstream's tree the consumer's origin node is a child of the
	// shared nexset; the consumer's nexsets are not side-loaded there.
	ub := h.flow(up.FlowID, "")
	var child map[string]any
	var walk func(n map[string]any)
	walk = func(n map[string]any) {
		kids, _ := n["children"].([]any)
		for _, k := range kids {
			km := k.(map[string]any)
			if num(km["id"]) == c.FlowID && num(n["data_set_id"]) == shared {
				child = km
			}
			walk(km)
		}
	}
	walk(ub.Flows[0])
	if child == nil || num(child["shared_data_set_id"]) != shared || num(child["origin_node_id"]) != c.FlowID {
		t.Fatalf("consumer node under the shared nexset = %v", child)
	}
	if slices.Contains(idsOf(ub.DataSets), num(origin["data_set_id"])) || slices.Contains(idsOf(ub.DataSinks), c.SinkID) {
		t.Error("the consumer's resources are side-loaded in the upstream flow")
	}
	// The upstream fails at the source since its incident; the consumer has
	// had no run since.
	ur := h.lastRuns("data_sources", up.SourceID, 3)
	for _, r := range ur {
		if outcome(r) != "FAILED" {
			t.Errorf("upstream run %d is %s", r.RunID, outcome(r))
		}
	}
	cr := h.lastRuns("data_sinks", c.SinkID, 1)
	if len(cr) != 1 || time.UnixMilli(cr[0].RunID).After(h.Sim.Now().Add(-6*time.Hour)) || outcome(cr[0]) != "SUCCESS" {
		t.Errorf("consumer's newest run %v", cr)
	}
	if lines := h.errorLogs(up.FlowID); !containsAny(lines, "SOURCE", "503 Service Unavailable from api.partner-orders.example") {
		t.Errorf("upstream error logs %v", lines)
	}
}

func TestTriggeredFlowWaitsForItsFailingTrigger(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	up, tr := h.scenario("source_outage"), h.scenario("trigger_upstream_failing")
	tb := h.flow(tr.FlowID, "")
	trig, _ := tb.Flows[0]["flow_triggers"].([]any)
	if len(tb.TriggeringFlows) != 1 || num(tb.TriggeringFlows[0]["id"]) != up.FlowID || len(trig) != 1 ||
		num(trig[0].(map[string]any)["triggering_origin_node_id"]) != up.FlowID {
		t.Fatalf("triggering_flows %v, flow_triggers %v", tb.TriggeringFlows, trig)
	}
	ub := h.flow(up.FlowID, "")
	if len(ub.TriggeredFlows) != 1 || num(ub.TriggeredFlows[0]["id"]) != tr.FlowID {
		t.Errorf("upstream triggered_flows %v", ub.TriggeredFlows)
	}
	before := h.lastRuns("data_sources", tr.SourceID, 1)
	if len(before) != 1 || time.UnixMilli(before[0].RunID).After(h.Sim.Now().Add(-6*time.Hour)) {
		t.Fatalf("triggered flow's newest run %v", before)
	}
	h.Sim.Advance(3 * time.Hour)
	h.token = h.login()
	if after := h.lastRuns("data_sources", tr.SourceID, 1); after[0].RunID != before[0].RunID {
		t.Errorf("the triggered flow ran while its trigger fails: %v", after)
	}
}

func TestCredentialsGroupSource(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("credential_group_failing")
	var src map[string]any
	h.getJSON(fmt.Sprintf("/data_sources/%d", sc.SourceID), &src)
	if src["data_credentials"] != nil || num(src["data_credentials_group_id"]) == 0 {
		t.Fatalf("source show: data_credentials %v, group %v", src["data_credentials"], src["data_credentials_group_id"])
	}
	fb := h.flow(sc.FlowID, "")
	el := fb.DataSources[0]
	if el["data_credentials_id"] != nil || num(el["data_credentials_group_id"]) != num(src["data_credentials_group_id"]) ||
		len(fb.CredGroups) != 1 || !strings.Contains(fmt.Sprint(fb.CredGroups[0]["data_credentials"]), fmt.Sprint(sc.CredentialID)) {
		t.Errorf("side-load source %v, groups %v", el, fb.CredGroups)
	}
	resp, body := h.call(http.MethodGet, fmt.Sprintf("/data_credentials/%d/probe", sc.CredentialID), "")
	var pb map[string]any
	if resp.StatusCode != 403 || json.Unmarshal(body, &pb) != nil || !strings.Contains(fmt.Sprint(pb["message"]), "password authentication failed") {
		t.Errorf("probe of the group's credential: %d %s", resp.StatusCode, body)
	}
	for _, r := range h.lastRuns("data_sources", sc.SourceID, 3) {
		if outcome(r) != "FAILED" {
			t.Errorf("run %d is %s", r.RunID, outcome(r))
		}
	}
}

func TestUnreadableCredential(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("credential_unreadable")
	for _, p := range []string{"/data_credentials/%d/probe", "/data_credentials/%d"} {
		if resp, body := h.call(http.MethodGet, fmt.Sprintf(p, sc.CredentialID), ""); resp.StatusCode != 403 || len(body) != 0 {
			t.Errorf("GET %s: %d %q, want 403 empty", p, resp.StatusCode, body)
		}
	}
	var creds []map[string]any
	h.getJSON("/data_credentials?access_role=all", &creds)
	if slices.Contains(idsOf(creds), sc.CredentialID) {
		t.Error("the unreadable credential is listed")
	}
	fb := h.flow(sc.FlowID, "")
	if num(fb.DataSources[0]["data_credentials_id"]) != sc.CredentialID || slices.Contains(idsOf(fb.DataCredentials), sc.CredentialID) {
		t.Errorf("side-load: source credential %v, credentials %v", fb.DataSources[0]["data_credentials_id"], idsOf(fb.DataCredentials))
	}
	if lines := h.errorLogs(sc.FlowID); !containsAny(lines, "SOURCE", "Connection refused") {
		t.Errorf("error logs %v", lines)
	}
}
