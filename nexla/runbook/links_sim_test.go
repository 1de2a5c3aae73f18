package runbook_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

func diagnoseFlow(t *testing.T, rs *reshapeServer, c *nexla.Client, id int64) (*runbook.Report, *runbook.Facts) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, f := runbook.Diagnose(ctx, c, runbook.Target{RT: nexla.Flows, ID: id}, runbook.Options{Now: rs.sim.Now})
	if err := f.Err("flow"); err != nil {
		t.Fatalf("flow %d: %v", id, err)
	}
	return r, f
}

func healthRows(t *testing.T, rs *reshapeServer, c *nexla.Client) map[int64]runbook.FlowHealth {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rows, err := runbook.Health(ctx, c, runbook.HealthOptions{Options: runbook.Options{Now: rs.sim.Now}, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]runbook.FlowHealth{}
	for _, r := range rows {
		out[r.FlowID] = r
	}
	return out
}

func findings(r *runbook.Report) string {
	var all []string
	for _, f := range r.Findings {
		all = append(all, fmt.Sprintf("%s (%s): %s", f.Cause, f.Severity, f.Sentence))
	}
	return strings.Join(all, "\n")
}

func stepText(s runbook.Step) string {
	return s.Summary + "\n" + strings.Join(s.Details, "\n") + "\n" + strings.Join(s.Errors, "\n")
}

// triggerEdit makes the flow `down` triggered by the flow `up` as the
// server renders it: flow_triggers on the triggered origin node.
func triggerEdit(up, down int64, upSink int64) func(map[string]any) {
	return func(body map[string]any) {
		n := flowNode(body, down)
		if n == nil {
			return
		}
		n["flow_triggers"] = []any{map[string]any{
			"triggering_origin_node_id": up, "triggered_origin_node_id": down, "triggering_flow_node_id": up,
			"triggering_event_type": "DATA_SINK_WRITE_DONE", "triggered_event_type": "DATA_SOURCE_READ_START",
			"triggering_resource_type": "data_sink", "triggering_resource_id": upSink,
			"triggered_resource_type": "data_source", "triggered_resource_id": 0,
		}}
	}
}

// A triggered flow that does not run because the flow that triggers it
// fails is diagnosed as "upstream flow X failing", named with its id, not
// as stale; health says the same from its list, without reading the
// upstream again; the upstream is read once, alongside the other reads.
func TestTriggeredFlowNamesItsFailingUpstream(t *testing.T) {
	rs, c := newReshapeServer(t)
	up := rs.scenario(t, runbook.CauseCredentialExpired)
	down := rs.scenario(t, runbook.CauseStaleData)
	edit := triggerEdit(up.FlowID, down.FlowID, up.SinkID)
	rs.edit(fmt.Sprintf("GET /flows/%d", down.FlowID), func(body map[string]any) {
		edit(body)
		body["triggering_flows"] = []any{map[string]any{"id": up.FlowID, "origin_node_id": up.FlowID, "data_source_id": up.SourceID}}
	})
	rs.edit("GET /flows", edit)

	r, f := diagnoseFlow(t, rs, c, down.FlowID)
	top := r.Top()
	want := fmt.Sprintf("upstream flow %q (id %d) failing: Credential expired", "HubSpot Contacts", up.FlowID)
	if top.Cause != runbook.CauseUpstreamFailing || !strings.HasPrefix(top.Sentence, want) {
		t.Fatalf("top %s: %q, want %s %q\n%s", top.Cause, top.Sentence, runbook.CauseUpstreamFailing, want, findings(r))
	}
	if r.Healthy() {
		t.Fatal("a flow whose upstream fails is healthy")
	}
	if len(f.Upstreams) != 1 || f.Upstreams[0].Health == nil {
		t.Fatalf("upstreams %+v", f.Upstreams)
	}
	if dep := stepText(r.Step(runbook.StepDependencies)); !strings.Contains(dep, "upstream flow: flow \"HubSpot Contacts\"") {
		t.Errorf("dependencies step does not show the upstream:\n%s", dep)
	}
	if got := rs.requests(fmt.Sprintf("GET /flows/%d?", up.FlowID)); len(got) != 1 {
		t.Errorf("the upstream flow was read %d times: %v", len(got), got)
	}

	rows := healthRows(t, rs, c)
	h := rows[down.FlowID]
	if h.Cause != runbook.CauseUpstreamFailing || h.Healthy() || !strings.HasPrefix(h.Issues[0], want) {
		t.Fatalf("health row: cause %q healthy %v issues %q", h.Cause, h.Healthy(), h.Issues)
	}
	if got := rs.requests(fmt.Sprintf("GET /flows/%d?", up.FlowID)); len(got) != 1 {
		t.Errorf("health read the listed upstream again: %v", got)
	}
}

// A flow of another user built on this flow's shared nexset is rendered by
// the server inside this tree, as an origin node with shared_data_set_id.
// It is listed as another flow and nothing of it is read or judged here.
func TestConsumerFlowInTheTreeIsNotAnalysed(t *testing.T) {
	rs, c := newReshapeServer(t)
	up := rs.scenario(t, runbook.CauseCredentialExpired)
	const consumer, consumerSet, consumerSink = 990001, 990011, 990021
	addConsumer := func(body map[string]any) {
		n := nodeOf(body, "data_set_id", up.NexsetID)
		if n == nil {
			return
		}
		kids, _ := n["children"].([]any)
		n["children"] = append(kids, map[string]any{
			"id": consumer, "parent_node_id": n["id"], "origin_node_id": consumer, "data_set_id": consumerSet,
			"shared_data_set_id": up.NexsetID, "node_type": "data_set", "runtime_status": "IDLE", "status": "ACTIVE",
			"name": "Partner copy", "children": []any{map[string]any{"id": consumer + 1, "parent_node_id": consumer,
				"origin_node_id": consumer, "data_sink_id": consumerSink, "node_type": "data_sink", "runtime_status": "IDLE"}},
		})
	}
	rs.edit(fmt.Sprintf("GET /flows/%d", up.FlowID), addConsumer)
	rs.edit("GET /flows", addConsumer)

	r, f := diagnoseFlow(t, rs, c, up.FlowID)
	if top := r.Top(); top.Cause != runbook.CauseCredentialExpired {
		t.Fatalf("top %s, want credential_expired\n%s", top.Cause, findings(r))
	}
	for _, ref := range f.Resources {
		if ref.ID == consumerSet || ref.ID == consumerSink {
			t.Fatalf("the consumer's %s is analysed as this flow's", ref.Label())
		}
	}
	if got := rs.requests(fmt.Sprint(consumerSet), fmt.Sprint(consumerSink), fmt.Sprintf("/flows/%d", consumer)); len(got) > 0 {
		t.Fatalf("calls about the consumer flow: %v", got)
	}
	if r.Unread != "" {
		t.Fatalf("run metrics unread: %s", r.Unread)
	}
	if fp := stepText(r.Step(runbook.StepFailurePoint)); !strings.Contains(fp, `another flow, not analysed here: flow "Partner copy" (id 990001) ACTIVE, built on shared nexset`) {
		t.Errorf("failure point does not list the consumer:\n%s", fp)
	}
	h := healthRows(t, rs, c)[up.FlowID]
	if h.Err != "" || h.Cause != runbook.CauseCredentialExpired {
		t.Fatalf("health row of the upstream: cause %q err %q", h.Cause, h.Err)
	}
}

// A flow that originates from a shared nexset whose flow fails names that
// flow as its cause; the upstream is found through the shared_data_sets
// side-load's flow_node_id (GET /flows takes any node id).
func TestSharedNexsetConsumerNamesItsFailingUpstream(t *testing.T) {
	rs, c := newReshapeServer(t)
	up := rs.scenario(t, runbook.CauseCredentialExpired)
	down := rs.scenario(t, runbook.CauseStaleData)
	var upSetNode int64
	rs.edit(fmt.Sprintf("GET /flows/%d", up.FlowID), func(body map[string]any) {
		if n := nodeOf(body, "data_set_id", up.NexsetID); n != nil {
			upSetNode = num(n["id"])
		}
	})
	if _, err := c.GetFlow(context.Background(), up.FlowID, nexla.FlowGetOptions{}); err != nil || upSetNode == 0 {
		t.Fatalf("upstream nexset node: %v", err)
	}
	rs.edit(fmt.Sprintf("GET /flows/%d", down.FlowID), func(body map[string]any) {
		flowNode(body, down.FlowID)["shared_data_set_id"] = up.NexsetID
		body["shared_data_sets"] = []any{map[string]any{"id": up.NexsetID, "owner_id": 7, "flow_node_id": upSetNode, "name": "contacts", "status": "ACTIVE"}}
	})
	r, _ := diagnoseFlow(t, rs, c, down.FlowID)
	top := r.Top()
	if top.Cause != runbook.CauseUpstreamFailing || !strings.Contains(top.Sentence, fmt.Sprintf("(id %d) failing", up.FlowID)) ||
		!strings.Contains(top.Sentence, fmt.Sprintf("originates from its shared nexset %d", up.NexsetID)) {
		t.Fatalf("top %s: %q\n%s", top.Cause, top.Sentence, findings(r))
	}
	if got := rs.requests(fmt.Sprintf("GET /flows/%d?", upSetNode)); len(got) != 1 {
		t.Errorf("upstream read by its nexset's node: %v", got)
	}
}

// A source that authenticates through a credentials group (no
// data_credentials_id) has the group's credential probed; when it fails,
// the flow's cause is the credential, as for a direct one.
func TestCredentialGroupIsFollowedToItsCredential(t *testing.T) {
	rs, c := newReshapeServer(t)
	healthy := rs.scenario(t, runbook.CauseHealthy)
	expired := rs.scenario(t, runbook.CauseCredentialExpired)
	const group = 4401
	for _, idsOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("ids_only=%v", idsOnly), func(t *testing.T) {
			rs.edit(fmt.Sprintf("GET /flows/%d", healthy.FlowID), func(body map[string]any) {
				src := element(body, "data_sources", healthy.SourceID)
				delete(src, "data_credentials_id")
				src["data_credentials_group_id"] = group
				var member any = map[string]any{"id": expired.CredentialID, "name": "rotating-oauth", "credentials_type": "rest", "verified_status": "200 Ok"}
				if idsOnly {
					member = expired.CredentialID
				}
				body["data_credentials_groups"] = []any{map[string]any{"id": group, "name": "crm-keys", "credentials_type": "rest", "data_credentials": []any{member}}}
			})
			r, f := diagnoseFlow(t, rs, c, healthy.FlowID)
			top := r.Top()
			if top.Cause != runbook.CauseCredentialExpired || !strings.Contains(top.Sentence, "fails its probe: 403") {
				t.Fatalf("top %s: %q\n%s", top.Cause, top.Sentence, findings(r))
			}
			if _, ok := f.Probes[healthy.CredentialID]; ok && healthy.CredentialID != expired.CredentialID {
				t.Errorf("the source's former direct credential %d was probed", healthy.CredentialID)
			}
			dep := stepText(r.Step(runbook.StepDependencies))
			if !strings.Contains(dep, `through credentials group "crm-keys" (id 4401): probe FAILED: 403`) {
				t.Errorf("dependencies step:\n%s", dep)
			}
			if got := rs.requests(fmt.Sprintf("GET /data_credentials/%d/probe", expired.CredentialID)); len(got) == 0 {
				t.Error("the group's credential was not probed")
			}
		})
	}
}

// A credential the caller may not read answers its probe with 403 and an
// empty body (§9 row 14): "cannot read credential N (403)", a call error
// shown as such; not "pending", not a failing credential, and a flow whose
// runs succeed stays healthy.
func TestUnreadableCredentialIsACallError(t *testing.T) {
	rs, c := newReshapeServer(t)
	healthy := rs.scenario(t, runbook.CauseHealthy)
	rs.answer(fmt.Sprintf("GET /data_credentials/%d/probe", healthy.CredentialID), 403, "")
	r, f := diagnoseFlow(t, rs, c, healthy.FlowID)
	if !r.Healthy() || r.Top().Cause != runbook.CauseHealthy {
		t.Fatalf("a healthy flow with an unreadable credential:\n%s", findings(r))
	}
	p, ok := f.Probes[healthy.CredentialID]
	if !ok || !p.Unreadable() || p.OK || p.HTTPStatus != 0 {
		t.Fatalf("probe outcome %+v", p)
	}
	want := fmt.Sprintf("cannot read credential %d (403)", healthy.CredentialID)
	dep := r.Step(runbook.StepDependencies)
	text := stepText(dep)
	if !strings.Contains(text, want) || strings.Contains(text, "pending") || dep.State != runbook.StateWarning || len(dep.Errors) == 0 {
		t.Fatalf("dependencies step %s:\n%s", dep.State, text)
	}
	if !strings.Contains(strings.Join(r.Top().Evidence, "\n"), want) {
		t.Errorf("the healthy finding hides the unread credential: %q", r.Top().Evidence)
	}
}

// The runbook reads the flow without include_run_metrics: with it, a
// failing metrics service fails the whole read (§9 row 3).
func TestRunbookNeverAsksForRunMetrics(t *testing.T) {
	rs, c := newReshapeServer(t)
	sc := rs.scenario(t, runbook.CauseTransformError)
	r, _ := diagnoseFlow(t, rs, c, sc.FlowID)
	if r.Top().Cause != runbook.CauseTransformError {
		t.Fatalf("top %s", r.Top().Cause)
	}
	if got := rs.requests("include_run_metrics"); len(got) > 0 {
		t.Fatalf("asked for run metrics: %v", got)
	}
}
