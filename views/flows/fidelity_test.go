package flows

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// realFlowsServer answers GET /flows as flows_controller#index does (contract
// §9 #1-4): without include_run_metrics every flow the role shows, side-loads
// included; with it only flows whose origin source ran (never the INIT flow
// 3, nor flow 4 that originates from a shared nexset), sorted by run id, and
// the whole answer fails when the metrics service does. metrics is the raw
// "metrics" value to send; status 0 means 200.
type realFlowsServer struct {
	mu      sync.Mutex
	metrics string
	fail    int
	queries []string
}

func (f *realFlowsServer) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	f.queries = append(f.queries, r.URL.RawQuery)
	metrics, fail := f.metrics, f.fail
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if q.Get("access_role") == "" {
		_, _ = w.Write([]byte(`{"flows":[]}`)) // owner-only: this caller owns nothing
		return
	}
	if q.Get("include_run_metrics") == "1" {
		if fail != 0 {
			w.WriteHeader(fail)
			_, _ = w.Write([]byte(`{"status":` + itoa(fail) + `,"message":"metrics service unavailable"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":200,"metrics":` + metrics + `,"flows":[
			{"id":2,"origin_node_id":2,"data_source_id":20,"name":"billing","status":"ACTIVE","last_run_id":900},
			{"id":1,"origin_node_id":1,"data_source_id":10,"name":"orders","status":"ACTIVE","last_run_id":800}]}`))
		return
	}
	_, _ = w.Write([]byte(`{"flows":[
		{"id":1,"origin_node_id":1,"data_source_id":10,"name":"orders","status":"ACTIVE","last_run_id":800},
		{"id":2,"origin_node_id":2,"data_source_id":20,"name":"billing","status":"ACTIVE","last_run_id":900},
		{"id":3,"origin_node_id":3,"data_source_id":30,"name":"brand-new","status":"INIT"},
		{"id":4,"origin_node_id":4,"shared_data_set_id":40,"name":"from-shared","status":"ACTIVE"}],
	"data_sources":[{"id":10,"name":"orders-s3","status":"ACTIVE"},{"id":20,"name":"billing-pg","status":"ACTIVE"},
		{"id":30,"name":"new-src","status":"INIT"}]}`))
}

func itoa(n int) string { return strconv.Itoa(n) }

func loadReal(t *testing.T, f *realFlowsServer, w int) *Screen {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	c, err := nexla.New(nexla.Settings{BaseURL: srv.URL, AccessToken: "tok"}, nexla.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	s := New(viewtest.Deps(c))
	s.SetSize(w, 24)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded {
		t.Fatalf("screen did not load: %v", s.err)
	}
	return s
}

// originCells maps each flow name to its ERRORS cell (the last column).
func originCells(s *Screen) map[string]string {
	out := map[string]string{}
	for i, n := range s.nodes {
		if n.Depth == 0 {
			cells := s.row(i).Cells
			out[n.FlowName] = cells[len(cells)-1]
		}
	}
	return out
}

const goodMetrics = `[{"origin_node_id":2,"records":40,"size":1,"errors":0,"reporting_date":"2026-11-22T07:00:00Z","run_id":900},
	{"origin_node_id":1,"records":5,"size":1,"errors":3,"reporting_date":"2026-11-22T08:00:00Z","run_id":800}]`

func TestFlowsListEveryFlowAndJoinMetricsByOrigin(t *testing.T) {
	f := &realFlowsServer{metrics: goodMetrics}
	s := loadReal(t, f, 80)
	if s.flowCount != 4 {
		t.Fatalf("every flow must show, the never-run and shared-nexset ones too: %d", s.flowCount)
	}
	got := originCells(s)
	want := map[string]string{"orders": "3", "billing": "0", "brand-new": "-", "from-shared": "-"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("ERRORS of %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if strings.Contains(viewtest.Plain(s.View()), "metrics unavailable") {
		t.Fatalf("the metrics were read; view:\n%s", viewtest.Plain(s.View()))
	}
	// The tree's own load, apart from the shared health check's reads.
	f.mu.Lock()
	f.queries = nil
	f.mu.Unlock()
	viewtest.Run(s.reload())
	var plain, withMetrics int
	for _, q := range f.queries {
		if !strings.Contains(q, "access_role=collaborator") {
			t.Errorf("a flows call without the access role: %s", q)
		}
		if strings.Contains(q, "include_run_metrics=1") {
			withMetrics++
			if !strings.Contains(q, "flows_only=1") {
				t.Errorf("the metrics call should not fetch the side-loads again: %s", q)
			}
		} else {
			plain++
		}
	}
	if plain != 1 || withMetrics != 1 {
		t.Fatalf("want one plain listing and one metrics call, got %v", f.queries)
	}
}

func TestFlowsShowWhenMetricsFailOrAreUnreadable(t *testing.T) {
	for _, f := range []*realFlowsServer{
		{fail: http.StatusServiceUnavailable},
		{fail: http.StatusInternalServerError},
		{metrics: `{"data":[],"meta":{}}`},
		{metrics: `[{"origin_node_id":1,"errors":"3"}]`},
	} {
		s := loadReal(t, f, 80)
		view := viewtest.Plain(s.View())
		viewtest.CheckSize(t, s.View(), 80, 24)
		if s.flowCount != 4 || s.err != nil {
			t.Fatalf("the flows must show without metrics: %d flows, err %v", s.flowCount, s.err)
		}
		if first := strings.SplitN(view, "\n", 2)[0]; !strings.Contains(first, "metrics unavailable") {
			t.Fatalf("the status line at 80 columns must say metrics are unavailable:\n%s", view)
		}
		for name, cell := range originCells(s) {
			if cell != "?" {
				t.Errorf("%s shows %q errors; unknown counts are never shown as a number", name, cell)
			}
		}
		s.table.SetCursor(0)
		if p := s.Preview(); !strings.Contains(p, "unknown (metrics unavailable)") {
			t.Errorf("preview: %s", p)
		}
	}
}
