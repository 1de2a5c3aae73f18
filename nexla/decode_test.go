package nexla

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Bodies shaped as in the contract (docs/contract.md §5), with unknown fields and
// enum values that a newer server might send.
const flowBody = `{
 "status": 200,
 "metrics": [{"origin_node_id": 10, "records": 5, "size": 9, "errors": 1, "reporting_date": "2026-03-01T02:00:00.000Z", "run_id": 1695442864636}],
 "flows": [{
   "id": 10, "parent_node_id": null, "origin_node_id": 10, "data_source_id": 100, "runtime_status": "PROCESSING",
   "node_type": "data_source", "status": "BRAND_NEW_STATUS", "flow_type": "streaming", "name": "orders", "managed": false,
   "ingestion_mode": "full_ingestion", "last_run_id": 1695442864636, "flow_triggers": [], "future_key": {"a": 1},
   "children": [{
     "id": 11, "parent_node_id": 10, "origin_node_id": 10, "data_set_id": 200, "runtime_status": "IDLE", "node_type": "data_set",
     "children": [{"id": 12, "parent_node_id": 11, "origin_node_id": 10, "data_sink_id": 300, "node_type": "data_sink", "children": []}]
   }]
 }],
 "triggered_flows": [], "linked_flows": [],
 "data_sources": [{"id": 100, "name": "orders-s3", "status": "ACTIVE", "source_type": "s3", "flow_node_id": 10, "origin_node_id": 10, "data_credentials_id": 400, "owner_id": 1, "updated_at": "2026-02-28T10:30:00.000Z"}],
 "data_sets": [{"id": 200, "name": "orders-clean", "status": "PAUSED", "data_source_id": 100, "data_sink_ids": [300], "connector": 77}],
 "data_sinks": [{"id": 300, "name": "orders-wh", "status": "ACTIVE", "sink_type": "snowflake", "data_set_id": 200}],
 "data_credentials": [{"id": 400, "name": "s3-cred", "credentials_type": "s3", "verified_status": "403 Access denied"}],
 "orgs": [{"id": 3, "name": "Acme"}], "users": [{"id": 1, "email": "o@x.io", "name": "On Call"}], "projects": []
}`

func serveOne(t *testing.T, methodPath, body string) (*Client, *apiServer) {
	s := newAPIServer(t)
	s.handle(methodPath, jsonReply(200, body))
	c, _ := newTestClient(t, s)
	return c, s
}

func TestDecodeFlowTree(t *testing.T) {
	c, s := serveOne(t, "GET /flows/12", flowBody)
	fr, err := c.GetFlow(context.Background(), 12, FlowGetOptions{IncludeRunMetrics: true})
	if err != nil {
		t.Fatal(err)
	}
	if q := s.lastReq["GET /flows/12"].URL.Query(); q.Get("include_run_metrics") != "1" {
		t.Errorf("query %v", q)
	}
	ix := fr.Index()
	root := fr.Flows[0]
	var seen []string
	root.Walk(0, func(n *FlowNode, d int) bool {
		rt, id := n.Resource()
		seen = append(seen, string(rt)+":"+itoa(int(id))+":"+ix.NodeStatus(*n)+":"+ix.NodeName(*n))
		return true
	})
	want := "data_sources:100:BRAND_NEW_STATUS:orders-s3 data_sets:200:PAUSED:orders-clean data_sinks:300:ACTIVE:orders-wh"
	if strings.Join(seen, " ") != want {
		t.Fatalf("walk: %v", seen)
	}
	if fr.Metrics.Runs[0].RunID != 1695442864636 || fr.DataSets[0].ConnectorRef != 77 || fr.DataCredentials[0].Verified() {
		t.Fatalf("fields: %+v", fr)
	}
}

func TestListFlowsMergesPages(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /flows", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Total-Count", "3")
		page := r.URL.Query().Get("page")
		id := map[string]string{"1": "1", "2": "2", "3": "3"}[page]
		_, _ = w.Write([]byte(`{"flows":[{"id":` + id + `,"origin_node_id":` + id + `}],"data_credentials":[{"id":9,"name":"shared"}]}`))
	})
	c, _ := newTestClient(t, s)
	fr, err := c.ListFlows(context.Background(), FlowListOptions{PerPage: 1, FlowsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(fr.Flows) != 3 || fr.Flows[2].ID != 3 || len(fr.DataCredentials) != 1 {
		t.Fatalf("merged %d flows, %d credentials", len(fr.Flows), len(fr.DataCredentials))
	}
	if q := s.lastReq["GET /flows"].URL.Query(); q.Get("flows_only") != "1" {
		t.Errorf("query %v", q)
	}
}

func TestDecodeResources(t *testing.T) {
	c, s := serveOne(t, "GET /data_sets/5", `{"id":5,"name":"n","status":"ACTIVE","connector":12,"parent_data_sets":[{"id":4,"name":"p"}],
		"data_sinks":[{"id":8,"name":"s","sink_type":"unknown_new_connector"}],"owner":{"id":1,"full_name":"F","email":"e"},"created_at":1700000000000}`)
	n, err := c.GetNexset(context.Background(), 5, true)
	if err != nil {
		t.Fatal(err)
	}
	if n.ConnectorRef != 12 || n.ParentID() != 4 || n.SinkIDs()[0] != 8 || n.OwnerName() != "F" || n.CreatedAt.Year() != 2023 || len(n.Raw) == 0 {
		t.Fatalf("nexset %+v", n)
	}
	if s.lastReq["GET /data_sets/5"].URL.Query().Get("expand") != "1" {
		t.Error("expand not sent")
	}
	c, _ = serveOne(t, "GET /data_credentials/6", `{"id":6,"name":"c","credentials_type":"s3","verified_status":"200 Ok","credentials_non_secure_data":{"region":"us-east-1"}}`)
	cr, err := c.GetCredential(context.Background(), 6, false)
	if err != nil || !cr.Verified() {
		t.Fatalf("credential %+v %v", cr, err)
	}
}

func TestDecodeMetricsAndLogs(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sources/1/metrics", jsonReply(200, `{"status":200,"metrics":[{"time":"2026-02-28","records":10,"size":20,"errors":1}]}`))
	s.handle("GET /data_sinks/3/metrics/run_summary", jsonReply(200, `{"status":200,"metrics":{"data":[{"runId":1695442864636,"lastWritten":1695442864999,"dataSetId":2,"records":5,"size":6,"errors":0}],"meta":{"currentPage":1,"pageCount":1,"totalCount":1}}}`))
	// Only the spec path serves logs: the client must fall back to it.
	s.handle("GET /data_flows/data_sets/2/logs", jsonReply(200, `{"status":200,"message":"Ok","logs":{"data":[{"timestamp":1695442864636,"resource_id":2,"resource_type":"DATASET","log":"Processed records=100","log_type":"LOG","severity":"NEW_SEVERITY","run_id":5}],"meta":{"current_page":1,"pages_count":3,"total_count":21,"org_id":1,"run_id":5}}}`))
	s.handle("GET /data_sets/2/metrics", jsonReply(200, `{"status":500,"message":"metrics service unavailable"}`))
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	from := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)

	dm, err := c.DailyMetrics(ctx, DataSources, 1, from, time.Time{})
	if err != nil || len(dm) != 1 || dm[0].Errors != 1 {
		t.Fatalf("daily %+v %v", dm, err)
	}
	if q := s.lastReq["GET /data_sources/1/metrics"].URL.Query(); q.Get("from") != "2026-02-20" || q.Get("aggregate") != "1" {
		t.Errorf("daily query %v", q)
	}
	rs, err := c.RunSummary(ctx, DataSinks, 3, RunSummaryOptions{GroupBy: "lastWritten"})
	if err != nil || rs.Runs[0].LastWritten != 1695442864999 || rs.Meta.TotalCount != 1 {
		t.Fatalf("run summary %+v %v", rs, err)
	}
	logFrom := time.UnixMilli(1695442000000)
	fl, err := c.FlowLogs(ctx, DataSets, 2, LogOptions{RunID: 5, From: logFrom})
	if err != nil || len(fl.Entries) != 1 || fl.Entries[0].Severity != "NEW_SEVERITY" || fl.Meta.PageCount != 3 || fl.Meta.TotalCount != 21 {
		t.Fatalf("logs %+v %v", fl, err)
	}
	if q := s.lastReq["GET /data_flows/data_sets/2/logs"].URL.Query(); q.Get("from") != "1695442000" || q.Get("run_id") != "5" {
		t.Errorf("logs query (want epoch seconds, the unit asked first) %v", q)
	}
	if _, err := c.DailyMetrics(ctx, DataSets, 2, from, time.Time{}); StatusOf(err) != 500 || !strings.Contains(err.Error(), "metrics service unavailable") {
		t.Fatalf("in-body failure status: %v", err)
	}
}
