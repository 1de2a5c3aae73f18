// Package fakeapi is a small in-memory nexla.API for the views' Update
// tests: a fixed two-flow org, call recording and injectable failures.
// Golden tests use the simulator over real HTTP instead (see views/*_test).
package fakeapi

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// API implements the calls the views make; the embedded interface panics on
// any other call, which a test would notice.
type API struct {
	nexla.API

	mu       sync.Mutex
	RO       bool
	Calls    []string      // "PauseFlow 100 all", "PauseResource data_sets 7001"...
	Fail     error         // returned by every mutating call when set
	Outcome  nexla.Outcome // returned by every mutating call that succeeds
	Flows    *nexla.FlowResponse
	Sources  []nexla.Source
	Nexsets  []nexla.Nexset
	Sinks    []nexla.Destination
	Creds    []nexla.Credential
	PageSize int
	// MetricsFail is returned by a flows listing with include_run_metrics
	// (the real server fails that whole answer when its metrics service does).
	MetricsFail error
}

// Calls returns a copy of the recorded mutating calls.
func (a *API) Recorded() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.Calls...)
}

func (a *API) record(s string) {
	a.mu.Lock()
	a.Calls = append(a.Calls, s)
	a.mu.Unlock()
}

// ReadOnly reports the read-only flag.
func (a *API) ReadOnly() bool { return a.RO }

// BaseURL names the fake.
func (a *API) BaseURL() string { return "fake://" }

// ListFlows returns the fixed flows; the run metrics only with
// include_run_metrics, as the server does.
func (a *API) ListFlows(ctx context.Context, o nexla.FlowListOptions) (*nexla.FlowResponse, error) {
	cp := *a.Flows
	if !o.IncludeRunMetrics {
		cp.Metrics = nexla.FlowRunMetrics{}
	} else if a.MetricsFail != nil {
		return nil, a.MetricsFail
	}
	return &cp, ctx.Err()
}

// GetFlow returns the flow whose origin (or any node) is nodeID.
func (a *API) GetFlow(ctx context.Context, nodeID int64, _ nexla.FlowGetOptions) (*nexla.FlowResponse, error) {
	for _, f := range a.Flows.Flows {
		found := false
		f.Walk(0, func(n *nexla.FlowNode, _ int) bool {
			found = found || n.ID == nodeID
			return !found
		})
		if found {
			cp := *a.Flows
			cp.Flows = []nexla.FlowNode{f}
			return &cp, nil
		}
	}
	return nil, &nexla.APIError{Kind: nexla.KindNotFound, Method: "GET", Path: "/flows", Status: 404}
}

func (a *API) mutate(call string) (nexla.Outcome, error) {
	if a.RO {
		return nexla.Outcome{}, nexla.ErrReadOnly
	}
	a.record(call)
	if a.Fail != nil {
		return nexla.Outcome{}, a.Fail
	}
	return a.Outcome, nil
}

// PauseFlow records the call.
func (a *API) PauseFlow(_ context.Context, id int64, all bool) (*nexla.FlowResponse, nexla.Outcome, error) {
	o, err := a.mutate("PauseFlow " + itoa(id) + allSuffix(all))
	return a.Flows, o, err
}

// ActivateFlow records the call.
func (a *API) ActivateFlow(_ context.Context, id int64, all bool) (*nexla.FlowResponse, nexla.Outcome, error) {
	o, err := a.mutate("ActivateFlow " + itoa(id) + allSuffix(all))
	return a.Flows, o, err
}

// PauseResource records the call.
func (a *API) PauseResource(_ context.Context, rt nexla.ResourceType, id int64) (nexla.Outcome, error) {
	return a.mutate("PauseResource " + string(rt) + " " + itoa(id))
}

// ActivateResource records the call.
func (a *API) ActivateResource(_ context.Context, rt nexla.ResourceType, id int64) (nexla.Outcome, error) {
	return a.mutate("ActivateResource " + string(rt) + " " + itoa(id))
}

func allSuffix(all bool) string {
	if all {
		return " all"
	}
	return ""
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// Org builds the fixed org: flow 100 (source 5012 -> nexsets 7001, 7002 ->
// sinks 9001, 9002) with 3 errors in its last run, and paused flow 200.
func Org(now time.Time) *API {
	at := func(d time.Duration) nexla.Time { return nexla.Time{Time: now.Add(-d)} }
	owner := &nexla.Owner{ID: 1, FullName: "Ada Ops", Email: "ada@example.com"}
	src := func(id, node int64, name, status, typ string, cred int64) nexla.Source {
		return nexla.Source{Common: nexla.Common{ID: id, Name: name, Status: status, RuntimeStatus: "IDLE", Owner: owner,
			FlowNodeID: node, OriginNodeID: node, UpdatedAt: at(2 * time.Hour)}, SourceType: typ, DataCredentialsID: cred}
	}
	set := func(id, node, origin, source, parent int64, name, status string, sinks ...int64) nexla.Nexset {
		return nexla.Nexset{Common: nexla.Common{ID: id, Name: name, Status: status, Owner: owner, FlowNodeID: node,
			OriginNodeID: origin, UpdatedAt: at(time.Hour)}, DataSourceID: source, ParentDataSetID: parent, DataSinkIDs: sinks}
	}
	sink := func(id, node, origin, set int64, name, status, typ string, cred int64) nexla.Destination {
		return nexla.Destination{Common: nexla.Common{ID: id, Name: name, Status: status, Owner: owner, FlowNodeID: node,
			OriginNodeID: origin, UpdatedAt: at(30 * time.Minute)}, DataSetID: set, SinkType: typ, DataCredentialsID: cred}
	}
	a := &API{}
	a.Sources = []nexla.Source{src(5012, 100, "orders-s3", "ACTIVE", "s3", 301), src(5020, 200, "billing-pg", "PAUSED", "postgres", 302)}
	a.Sources[0].LastRunID = 8812
	a.Sources[0].RunIDs = []nexla.RunInfo{{ID: 8812, CreatedAt: at(15 * time.Minute)}, {ID: 8800, CreatedAt: at(26 * time.Hour)}}
	a.Nexsets = []nexla.Nexset{
		set(7001, 101, 100, 5012, 0, "orders-clean", "ACTIVE", 9001),
		set(7002, 103, 100, 0, 7001, "orders-errors", "ACTIVE", 9002),
		set(7010, 201, 200, 5020, 0, "billing-raw", "PAUSED", 9010),
	}
	a.Sinks = []nexla.Destination{
		sink(9001, 102, 100, 7001, "orders-snowflake", "ACTIVE", "snowflake", 303),
		sink(9002, 104, 100, 7002, "orders-dlq", "ACTIVE", "s3", 301),
		sink(9010, 202, 200, 7010, "billing-bq", "PAUSED", "bigquery", 0),
	}
	a.Creds = []nexla.Credential{
		{Common: nexla.Common{ID: 301, Name: "aws-prod", Owner: owner, UpdatedAt: at(24 * time.Hour)}, CredentialsType: "s3", VerifiedStatus: "200 Ok"},
		{Common: nexla.Common{ID: 302, Name: "pg-billing", Owner: owner, UpdatedAt: at(48 * time.Hour)}, CredentialsType: "postgres", VerifiedStatus: "403 Access denied"},
		{Common: nexla.Common{ID: 303, Name: "snowflake-wh", Owner: owner, UpdatedAt: at(72 * time.Hour)}, CredentialsType: "snowflake"},
	}
	a.Flows = &nexla.FlowResponse{
		Metrics: nexla.FlowRunMetrics{Runs: []nexla.FlowRunMetric{
			{OriginNodeID: 100, RunID: 8800, Errors: 0, Records: 10, ReportingDate: at(26 * time.Hour)},
			{OriginNodeID: 100, RunID: 8812, Errors: 3, Records: 1200, ReportingDate: at(15 * time.Minute)},
			{OriginNodeID: 200, RunID: 500, Records: 40, ReportingDate: at(72 * time.Hour)},
		}},
		Flows: []nexla.FlowNode{
			{ID: 100, OriginNodeID: 100, DataSourceID: 5012, Status: "ACTIVE", RuntimeStatus: "PROCESSING", Name: "orders", LastRunID: 8812,
				Children: []nexla.FlowNode{
					{ID: 101, ParentNodeID: 100, OriginNodeID: 100, DataSetID: 7001, Children: []nexla.FlowNode{
						{ID: 102, ParentNodeID: 101, OriginNodeID: 100, DataSinkID: 9001},
						{ID: 103, ParentNodeID: 101, OriginNodeID: 100, DataSetID: 7002, Children: []nexla.FlowNode{
							{ID: 104, ParentNodeID: 103, OriginNodeID: 100, DataSinkID: 9002}}},
					}},
				}},
			{ID: 200, OriginNodeID: 200, DataSourceID: 5020, Status: "PAUSED", RuntimeStatus: "IDLE", Name: "billing",
				Children: []nexla.FlowNode{{ID: 201, ParentNodeID: 200, OriginNodeID: 200, DataSetID: 7010, Children: []nexla.FlowNode{
					{ID: 202, ParentNodeID: 201, OriginNodeID: 200, DataSinkID: 9010}}}}},
		},
		DataSources: a.Sources, DataSets: a.Nexsets, DataSinks: a.Sinks, DataCredentials: a.Creds,
	}
	return a
}

// pages streams items PageSize at a time (default 2) like the client does.
func pages[T any](ctx context.Context, items []T, size int) <-chan nexla.Page[T] {
	if size <= 0 {
		size = 2
	}
	ch := make(chan nexla.Page[T])
	go func() {
		defer close(ch)
		n := 0
		for i := 0; i < len(items) || i == 0; i += size {
			end := min(i+size, len(items))
			n++
			p := nexla.Page[T]{Items: items[i:end], Number: n, Loaded: end, Total: len(items), Done: end == len(items)}
			select {
			case ch <- p:
			case <-ctx.Done():
				return
			}
			if p.Done {
				return
			}
		}
	}()
	return ch
}

// SourcePages streams the sources.
func (a *API) SourcePages(ctx context.Context, _ nexla.ListOptions) <-chan nexla.Page[nexla.Source] {
	return pages(ctx, a.Sources, a.PageSize)
}

// NexsetPages streams the nexsets.
func (a *API) NexsetPages(ctx context.Context, _ nexla.ListOptions) <-chan nexla.Page[nexla.Nexset] {
	return pages(ctx, a.Nexsets, a.PageSize)
}

// DestinationPages streams the destinations.
func (a *API) DestinationPages(ctx context.Context, _ nexla.ListOptions) <-chan nexla.Page[nexla.Destination] {
	return pages(ctx, a.Sinks, a.PageSize)
}

// CredentialPages streams the credentials.
func (a *API) CredentialPages(ctx context.Context, _ nexla.ListOptions) <-chan nexla.Page[nexla.Credential] {
	return pages(ctx, a.Creds, a.PageSize)
}

func notFound(rt nexla.ResourceType, id int64) error {
	return &nexla.APIError{Kind: nexla.KindNotFound, Method: "GET", Path: "/" + string(rt) + "/" + itoa(id), Status: 404}
}

// withRaw fills Common.Raw as the client does for Get* calls.
func withRaw(c *nexla.Common, v any) {
	c.Raw, _ = json.Marshal(v)
}

// getOne returns a copy of the item with this id, its raw JSON filled in;
// common says where an item's shared fields are.
func getOne[T any](items []T, rt nexla.ResourceType, id int64, common func(*T) *nexla.Common) (*T, error) {
	for _, it := range items {
		if c := common(&it); c.ID == id {
			withRaw(c, it)
			return &it, nil
		}
	}
	return nil, notFound(rt, id)
}

// GetSource returns one source with its raw JSON.
func (a *API) GetSource(_ context.Context, id int64, _ bool) (*nexla.Source, error) {
	return getOne(a.Sources, nexla.DataSources, id, func(s *nexla.Source) *nexla.Common { return &s.Common })
}

// GetNexset returns one nexset with its raw JSON.
func (a *API) GetNexset(_ context.Context, id int64, _ bool) (*nexla.Nexset, error) {
	return getOne(a.Nexsets, nexla.DataSets, id, func(n *nexla.Nexset) *nexla.Common { return &n.Common })
}

// GetDestination returns one destination with its raw JSON.
func (a *API) GetDestination(_ context.Context, id int64, _ bool) (*nexla.Destination, error) {
	return getOne(a.Sinks, nexla.DataSinks, id, func(d *nexla.Destination) *nexla.Common { return &d.Common })
}

// GetCredential returns one credential; its raw JSON carries a
// "password" field so tests can check the detail view redacts it.
func (a *API) GetCredential(_ context.Context, id int64, _ bool) (*nexla.Credential, error) {
	for _, s := range a.Creds {
		if s.ID == id {
			s.NonSecureData = json.RawMessage(`{"host":"db.example.com","password":"hunter2-should-not-show"}`)
			withRaw(&s.Common, s)
			return &s, nil
		}
	}
	return nil, notFound(nexla.DataCredentials, id)
}

// GetFlowByResource returns the flow holding the resource.
func (a *API) GetFlowByResource(ctx context.Context, rt nexla.ResourceType, id int64, opts nexla.FlowGetOptions) (*nexla.FlowResponse, error) {
	for _, f := range a.Flows.Flows {
		var node int64
		f.Walk(0, func(n *nexla.FlowNode, _ int) bool {
			if nrt, nid := n.Resource(); nrt == rt && nid == id {
				node = n.ID
			}
			return node == 0
		})
		if node != 0 {
			return a.GetFlow(ctx, node, opts)
		}
	}
	return nil, notFound(rt, id)
}

// LatestRuns gives a flow's origin source the runs of the flow's metrics
// (newest first), and every other resource none: enough for the health
// check the flows tree and :health follow.
func (a *API) LatestRuns(_ context.Context, rt nexla.ResourceType, id int64, n int) ([]nexla.RunMetric, error) {
	if rt != nexla.DataSources {
		return nil, nil
	}
	var origin int64
	for _, s := range a.Sources {
		if s.ID == id {
			origin = s.OriginNodeID
		}
	}
	var out []nexla.RunMetric
	for _, m := range a.Flows.Metrics.Runs {
		if m.OriginNodeID == origin && origin != 0 {
			out = append([]nexla.RunMetric{{RunID: m.RunID, Records: m.Records, Errors: m.Errors}}, out...)
		}
	}
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// FlowLogsByFlow has no logs.
func (a *API) FlowLogsByFlow(context.Context, int64, nexla.LogOptions) (*nexla.FlowLogs, error) {
	return &nexla.FlowLogs{}, nil
}

// AuditLog has no entries.
func (a *API) AuditLog(context.Context, nexla.ResourceType, int64, nexla.AuditOptions) ([]nexla.AuditEntry, error) {
	return nil, nil
}
