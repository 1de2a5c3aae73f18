package runbook

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// upstreamTreeJSON is GET /flows/1 as the server renders it (render_builder,
// _show_node): flow 1's nexset 21 is shared, and flow 700 of another user,
// built on it, appears as a child rendered as its own origin node with
// shared_data_set_id; its nexset 701 and sink 702 are not side-loaded. The
// source authenticates through credentials group 9 (no data_credentials_id).
const upstreamTreeJSON = `{
 "flows": [{"id": 1, "parent_node_id": null, "origin_node_id": 1, "data_source_id": 11, "runtime_status": "IDLE",
   "node_type": "data_source", "status": "ACTIVE", "project_id": null, "flow_type": "streaming", "name": "orders",
   "description": null, "managed": false, "ingestion_mode": null, "last_run_id": null,
   "children": [{"id": 2, "parent_node_id": 1, "origin_node_id": 1, "data_set_id": 21, "runtime_status": "IDLE", "node_type": "data_set",
     "children": [
       {"id": 3, "parent_node_id": 2, "origin_node_id": 1, "data_sink_id": 31, "runtime_status": "IDLE", "node_type": "data_sink", "children": []},
       {"id": 700, "parent_node_id": 2, "origin_node_id": 700, "data_set_id": 701, "shared_data_set_id": 21, "runtime_status": "IDLE",
        "node_type": "data_set", "status": "ACTIVE", "name": "partner copy", "flow_triggers": [],
        "children": [{"id": 701, "parent_node_id": 700, "origin_node_id": 700, "data_sink_id": 702, "node_type": "data_sink", "children": []}]}
     ]}]}],
 "triggered_flows": [], "triggering_flows": [], "linked_flows": [],
 "data_sources": [{"id": 11, "name": "orders-s3", "status": "ACTIVE", "flow_node_id": 1, "origin_node_id": 1,
   "data_credentials_id": null, "data_credentials_group_id": 9, "access_roles": ["owner"]}],
 "data_sets": [{"id": 21, "name": "orders raw", "status": "ACTIVE", "flow_node_id": 2, "origin_node_id": 1, "data_source_id": 11}],
 "data_sinks": [{"id": 31, "name": "orders-pg", "status": "ACTIVE", "flow_node_id": 3, "origin_node_id": 1, "data_credentials_id": 101,
   "data_credentials_group_id": null}],
 "data_credentials": [{"id": 100, "name": "s3-rotating-a", "credentials_type": "s3", "verified_status": "401 Unauthorized"},
   {"id": 101, "name": "pg", "credentials_type": "postgres", "verified_status": "200 Ok"}],
 "data_credentials_groups": [{"id": 9, "name": "s3-keys", "credentials_type": "s3", "data_credentials": [100, {"id": 100}]}],
 "dependent_flow_nodes": [], "origin_data_sink_flow_nodes": [], "shared_data_sets": []
}`

func decodeFlow(t *testing.T, s string) *nexla.FlowResponse {
	t.Helper()
	var fr nexla.FlowResponse
	if err := json.Unmarshal([]byte(s), &fr); err != nil {
		t.Fatal(err)
	}
	return &fr
}

func factsOf(t *testing.T, s string) *Facts {
	t.Helper()
	f := NewFacts(Target{RT: nexla.Flows, ID: 1}, Options{Now: func() time.Time { return testNow }})
	f.setFlow(decodeFlow(t, s))
	return f
}

func TestConsumerNodesAreAnotherFlow(t *testing.T) {
	f := factsOf(t, upstreamTreeJSON)
	var got []string
	for _, r := range f.Resources {
		got = append(got, key(resKey{r.RT, r.ID}))
	}
	if strings.Join(got, " ") != "data_sources/11 data_sets/21 data_sinks/31" {
		t.Fatalf("resources of flow 1: %v", got)
	}
	if len(f.Consumers) != 1 || f.Consumers[0].FlowID != 700 || f.Consumers[0].NexsetID != 21 || f.Consumers[0].Name != "partner copy" {
		t.Fatalf("consumers %+v", f.Consumers)
	}
	if len(f.Upstreams) != 0 {
		t.Fatalf("a consumer is not an upstream: %+v", f.Upstreams)
	}
}

func TestGroupCredentialIsInUse(t *testing.T) {
	f := factsOf(t, upstreamTreeJSON)
	creds := f.credentialsInUse()
	if len(creds) != 2 || creds[0].Credential.ID != 100 || creds[0].Group != `group "s3-keys" (id 9)` ||
		len(creds[0].UsedBy) != 1 || creds[0].UsedBy[0].ID != 11 || creds[1].Credential.ID != 101 || creds[1].Group != "" {
		t.Fatalf("credentials in use: %+v", creds)
	}
	// The stored status of the group's credential is evidence, as for a direct one.
	for k := range f.RunMetrics {
		delete(f.RunMetrics, k)
	}
	f.Done = true
	if top := Analyze(f).Top(); top.Cause != CauseCredentialExpired || !strings.Contains(top.Sentence, "s3-rotating-a") {
		t.Fatalf("top %s: %s", top.Cause, top.Sentence)
	}
	// A group whose credentials the server did not name is said, not skipped silently.
	fr := decodeFlow(t, upstreamTreeJSON)
	fr.DataCredentialsGroups[0].DataCredentials = nil
	f.setFlow(fr)
	if dep := Analyze(f).Step(StepDependencies); !strings.Contains(strings.Join(dep.Details, "\n"), "credentials group 9: the server named none") || dep.State == StateOK {
		t.Fatalf("dependencies %s: %q", dep.State, dep.Details)
	}
}

// triggeredJSON is GET /flows/5 of a flow started by flow 1 (flow_triggers on
// its origin, triggering_flows side-load); it is INIT and never ran.
const triggeredJSON = `{
 "flows": [{"id": 5, "origin_node_id": 5, "data_source_id": 51, "node_type": "data_source", "status": "INIT", "name": "daily rollup",
   "last_run_id": null, "flow_triggers": [{"triggering_origin_node_id": 1, "triggered_origin_node_id": 5, "triggering_flow_node_id": 3,
     "triggering_event_type": "DATA_SINK_WRITE_DONE", "triggered_event_type": "DATA_SOURCE_READ_START",
     "triggering_resource_type": "data_sink", "triggering_resource_id": 31, "triggered_resource_type": "data_source", "triggered_resource_id": 51}],
   "children": [{"id": 6, "parent_node_id": 5, "origin_node_id": 5, "data_set_id": 61, "node_type": "data_set", "children": []}]}],
 "triggered_flows": [], "triggering_flows": [{"id": 1, "origin_node_id": 1, "data_source_id": 11, "status": "ACTIVE", "name": "orders"}],
 "data_sources": [{"id": 51, "name": "rollup-src", "status": "INIT", "access_roles": ["owner"]}],
 "data_sets": [{"id": 61, "name": "rollup", "status": "INIT"}]
}`

func TestTriggeredFlowWithFailingUpstream(t *testing.T) {
	f := factsOf(t, triggeredJSON)
	f.Done = true
	if len(f.Upstreams) != 1 || f.Upstreams[0].FlowID != 1 || f.Upstreams[0].Event != "DATA_SINK_WRITE_DONE" || f.Upstreams[0].Name != "orders" {
		t.Fatalf("upstreams %+v", f.Upstreams)
	}
	f.RunMetrics[resKey{nexla.DataSources, 51}] = nil
	// Not read yet (or unreadable): the flow is not running, nothing more is claimed.
	if top := Analyze(f).Top(); top.Cause != CauseFlowNotRunning {
		t.Fatalf("before the upstream is read: %s", top.Cause)
	}
	// A healthy upstream changes nothing.
	f.Upstreams[0].Health = &FlowHealth{FlowID: 1, Name: "orders", Cause: CauseHealthy, Runs: 10}
	if top := Analyze(f).Top(); top.Cause != CauseFlowNotRunning {
		t.Fatalf("healthy upstream: %s", top.Cause)
	}
	f.Upstreams[0].Health = &FlowHealth{FlowID: 1, Name: "orders", Status: "ACTIVE", Cause: CauseCredentialExpired, Severity: SeverityCritical,
		Runs: 10, Failed: 6, Issues: []string{`credential "s3" fails its probe: 401`}}
	r := Analyze(f)
	top := r.Top()
	if top.Cause != CauseUpstreamFailing || top.Severity != SeverityCritical ||
		!strings.HasPrefix(top.Sentence, `upstream flow "orders" (id 1) failing: Credential expired; it triggers this flow (DATA_SINK_WRITE_DONE)`) {
		t.Fatalf("top %s %s: %q", top.Cause, top.Severity, top.Sentence)
	}
	if r.Healthy() || r.Findings[1].Cause != CauseFlowNotRunning {
		t.Fatalf("findings %+v", r.Findings)
	}
	// Paused by hand: its own state comes first.
	f.Origin.Status = nexla.StatusPaused
	if r := Analyze(f); r.Top().Cause != CauseFlowNotRunning {
		t.Fatalf("paused: %s", r.Top().Cause)
	}
}

// In a list (GET /flows), triggering_flows belongs to every listed flow:
// only the node's own flow_triggers tie a flow to its upstream.
func TestListTriggeringFlowsAreNotEveryFlowsUpstream(t *testing.T) {
	fr := decodeFlow(t, triggeredJSON)
	fr.Flows = append(fr.Flows, nexla.FlowNode{ID: 8, OriginNodeID: 8, DataSourceID: 81})
	if ups := upstreamLinks(fr, &fr.Flows[1]); len(ups) != 0 {
		t.Fatalf("flow 8 got upstreams %+v", ups)
	}
	if ups := upstreamLinks(fr, &fr.Flows[0]); len(ups) != 1 || ups[0].FlowID != 1 {
		t.Fatalf("flow 5: %+v", ups)
	}
}

func TestVerdict(t *testing.T) {
	for _, c := range []struct {
		sev  Severity
		read bool
		want bool
	}{{SeverityInfo, true, true}, {SeverityWarning, true, false}, {SeverityCritical, true, false}, {SeverityInfo, false, false}} {
		if got := Verdict(c.sev, c.read); got != c.want {
			t.Errorf("Verdict(%s, %v) = %v", c.sev, c.read, got)
		}
	}
}

// A flow whose run summaries could not be read is not called healthy by the
// runbook (doctor) any more than by health: its health is unknown.
func TestUnreadRunsAreNotHealthy(t *testing.T) {
	f := baseFacts()
	k := resKey{nexla.DataSinks, 31}
	delete(f.RunMetrics, k)
	Event{Call: "run_summary " + key(k), Step: StepRunMetrics, Err: errors.New("502 Bad Gateway")}.Apply(f)
	r := Analyze(f)
	if r.Healthy() || r.Top().Cause != CauseUnknown || !strings.Contains(r.Top().Sentence, "502 Bad Gateway") {
		t.Fatalf("healthy=%v top %s: %s", r.Healthy(), r.Top().Cause, r.Top().Sentence)
	}
	h, _ := healthRow(f, errors.New("502 Bad Gateway"), true)
	if h.Healthy() || h.Cause != CauseUnknown {
		t.Fatalf("health row: healthy=%v cause %s", h.Healthy(), h.Cause)
	}
}
