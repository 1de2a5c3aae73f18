package blast_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// listingJSON: flow 1 reads with credential 7 directly; flow 2 writes
// through group 50 (holding 7 and 8); flow 3 uses credential 8 only; flow 4
// goes through group 60, which the listing did not side-load; flow 5 is a
// consumer of flow 1's nexset 200, rendered inside flow 1's tree and as its
// own root.
const listingJSON = `{
 "flows": [
  {"id": 1, "origin_node_id": 1, "data_source_id": 100, "name": "One", "status": "ACTIVE", "children": [
    {"id": 11, "origin_node_id": 1, "data_set_id": 200, "children": [
      {"id": 12, "origin_node_id": 1, "data_sink_id": 300},
      {"id": 5, "origin_node_id": 5, "shared_data_set_id": 200, "name": "Five", "status": "PAUSED", "children": [
        {"id": 51, "origin_node_id": 5, "data_sink_id": 305}]}]}]},
  {"id": 2, "origin_node_id": 2, "data_source_id": 102, "status": "ACTIVE", "children": [
    {"id": 21, "origin_node_id": 2, "data_sink_id": 302}]},
  {"id": 3, "origin_node_id": 3, "data_source_id": 103, "name": "Three", "status": "ACTIVE"},
  {"id": 4, "origin_node_id": 4, "data_source_id": 104, "name": "Four", "status": "ACTIVE"},
  {"id": 5, "origin_node_id": 5, "shared_data_set_id": 200, "name": "Five", "status": "PAUSED", "children": [
    {"id": 51, "origin_node_id": 5, "data_sink_id": 305}]}
 ],
 "data_sources": [
  {"id": 100, "name": "src one", "data_credentials_id": 7},
  {"id": 102, "name": "src two", "data_credentials_id": 9},
  {"id": 103, "name": "src three", "data_credentials_id": 8},
  {"id": 104, "name": "src four", "data_credentials_group_id": 60}
 ],
 "data_sinks": [
  {"id": 300, "name": "sink one", "data_credentials_id": 9},
  {"id": 302, "name": "sink two", "data_credentials_group_id": 50},
  {"id": 305, "name": "sink five", "data_credentials_id": 7}
 ],
 "data_credentials_groups": [
  {"id": 50, "name": "pool", "data_credentials": [{"id": 7}, {"id": 8}]}
 ]
}`

func listing(t *testing.T) *nexla.FlowResponse {
	t.Helper()
	var fr nexla.FlowResponse
	if err := json.Unmarshal([]byte(listingJSON), &fr); err != nil {
		t.Fatal(err)
	}
	return &fr
}

func TestOfCredentialDirectGroupAndUnresolved(t *testing.T) {
	r := blast.OfCredential(listing(t), 7)
	if !slices.Equal(r.Groups, []int64{50}) {
		t.Errorf("groups %v", r.Groups)
	}
	if got := r.FlowIDs(); !slices.Equal(got, []int64{1, 2, 5}) {
		t.Fatalf("flows %v, want 1 (direct source), 2 (sink through group 50), 5 (consumer's own sink)", got)
	}
	f2 := r.Flows[1]
	if f2.Name != "src two" || f2.Status != "ACTIVE" || len(f2.Uses) != 1 || f2.Uses[0].GroupID != 50 || f2.Uses[0].Kind != nexla.DataSinks {
		t.Errorf("flow 2: %+v (an unnamed flow goes by its origin resource)", f2)
	}
	if f5 := r.Flows[2]; f5.Name != "Five" || f5.Status != "PAUSED" {
		t.Errorf("flow 5: %+v", f5)
	}
	if len(r.Unresolved) != 1 || r.Unresolved[0].ID != 104 || r.Unresolved[0].FlowID != 4 {
		t.Errorf("unresolved %+v: a source behind a group the listing lacks must be named", r.Unresolved)
	}
	// Credential 8 reaches flow 3 directly and flow 2 through the same group.
	if got := blast.OfCredential(listing(t), 8).FlowIDs(); !slices.Equal(got, []int64{2, 3}) {
		t.Errorf("credential 8: %v", got)
	}
	if r := blast.OfCredential(listing(t), 99); len(r.Flows) != 0 || r.Flows == nil {
		t.Errorf("unused credential: %+v (want an empty, non-nil list)", r)
	}
}

func TestConsumersOfNexset(t *testing.T) {
	got := blast.ConsumersOfNexset(listing(t), 200)
	if len(got) != 1 || got[0].ID != 5 || got[0].Name != "Five" {
		t.Errorf("consumers %+v", got)
	}
	if got := blast.ConsumersOfNexset(listing(t), 201); len(got) != 0 {
		t.Errorf("no consumers expected: %+v", got)
	}
}

// The demo org over HTTP: the failing group credential breaks Warehouse
// Telemetry through group 4001, and the source outage's shared nexset feeds
// Partner Orders Analytics.
func TestBlastRadiusOnTheSimulator(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 1, Frozen: true})
	fr, err := e.Client.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	g := e.Scenario(t, "credential_group_failing")
	r := blast.OfCredential(fr, g.CredentialID)
	if g.CredentialID != 3017 || !slices.Equal(r.Groups, []int64{4001}) || !slices.Equal(r.FlowIDs(), []int64{g.FlowID}) {
		t.Fatalf("credential %d: %+v", g.CredentialID, r)
	}
	if u := r.Flows[0].Uses; len(u) != 1 || u[0].ID != g.SourceID || u[0].GroupID != 4001 || r.Flows[0].Name != "Warehouse Telemetry" {
		t.Errorf("uses %+v", r.Flows[0])
	}
	up := e.Scenario(t, "source_outage")
	c := blast.ConsumersOfNexset(fr, up.NexsetID)
	if up.NexsetID != 100042 || len(c) != 1 || c[0].ID != e.Scenario(t, "shared_upstream_failing").FlowID {
		t.Errorf("consumers of %d: %+v", up.NexsetID, c)
	}
	// A credential many flows share: every flow whose source or sink names it.
	snow := blast.OfCredential(fr, 3005)
	want := 0
	for _, s := range fr.DataSources {
		if s.CredentialID() == 3005 {
			want++
		}
	}
	for _, d := range fr.DataSinks {
		if d.CredentialID() == 3005 {
			want++
		}
	}
	uses := 0
	for _, f := range snow.Flows {
		uses += len(f.Uses)
	}
	if uses != want || len(snow.Flows) < 10 {
		t.Errorf("credential 3005: %d uses in %d flows, want %d uses", uses, len(snow.Flows), want)
	}
}

// CredentialOf answers one credential or says why none: a group of two, a
// group the listing left out, a nexset and a flow with two credentials none
// failing are errors, never a guess; a flow with two of which one is stored
// as failing means that one.
func TestCredentialOfRow(t *testing.T) {
	fr := listing(t)
	cases := []struct {
		rt      nexla.ResourceType
		id      int64
		want    int64
		errHas  string
		failing bool
	}{
		{rt: nexla.DataCredentials, id: 8, want: 8},
		{rt: nexla.DataSources, id: 100, want: 7},
		{rt: nexla.DataSinks, id: 305, want: 7},
		{rt: nexla.DataSinks, id: 302, errHas: "group 50 (credentials 7, 8)"},
		{rt: nexla.DataSources, id: 104, errHas: "group 60, which the listing did not include"},
		{rt: nexla.DataSources, id: 999, errHas: "source 999 is not in the flows listing"},
		{rt: nexla.DataSets, id: 200, errHas: "a nexset uses no credential"},
		{rt: nexla.Flows, id: 3, want: 8},
		{rt: nexla.Flows, id: 5, want: 7},
		{rt: nexla.Flows, id: 4, errHas: "group 60"},
		{rt: nexla.Flows, id: 1, errHas: "uses credentials 7, 9 (0 stored as failing)"},
		{rt: nexla.Flows, id: 1, want: 9, failing: true},
		{rt: nexla.Flows, id: 77, errHas: "flow 77 is not in the flows listing"},
	}
	for _, c := range cases {
		fr.DataCredentials = nil
		if c.failing {
			fr.DataCredentials = []nexla.Credential{{Common: nexla.Common{ID: 7}, VerifiedStatus: "200 Ok"},
				{Common: nexla.Common{ID: 9}, VerifiedStatus: "401 Unauthorized"}}
		}
		got, err := blast.CredentialOf(fr, c.rt, c.id)
		switch {
		case c.errHas != "" && (err == nil || !strings.Contains(err.Error(), c.errHas)):
			t.Errorf("%s %d: got %d, %v; want an error with %q", c.rt, c.id, got, err, c.errHas)
		case c.errHas == "" && (err != nil || got != c.want):
			t.Errorf("%s %d: got %d, %v; want %d", c.rt, c.id, got, err, c.want)
		}
	}
}
