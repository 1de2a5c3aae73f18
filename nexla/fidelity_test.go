package nexla

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests answer as the real server does (contract §9), where it
// differs from the simulator the client grew up with.

// ownerOnlyFlows answers GET /flows as flows_controller#index does: without
// access_role only the caller's own flow (1); with collaborator also the
// shared one (2). It records every access_role it was sent, per path.
func ownerOnlyFlows(s *apiServer, seen *sync.Map) {
	record := func(r *http.Request) {
		v, _ := seen.LoadOrStore(r.URL.Path, &sync.Map{})
		v.(*sync.Map).Store(r.URL.Query().Get("access_role"), true)
	}
	s.handle("GET /flows", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		flows := `{"id":1,"origin_node_id":1,"data_source_id":11,"name":"mine"}`
		if role := r.URL.Query().Get("access_role"); role == "collaborator" || role == "all" {
			flows += `,{"id":2,"origin_node_id":2,"data_source_id":22,"name":"shared with me"}`
		}
		jsonReply(200, `{"flows":[`+flows+`]}`)(w, r)
	})
	for _, p := range []string{"/data_sources", "/data_sets", "/data_sinks", "/data_credentials"} {
		s.handle("GET "+p, func(w http.ResponseWriter, r *http.Request) {
			record(r)
			jsonReply(200, `[]`)(w, r)
		})
	}
}

func rolesSent(seen *sync.Map, path string) []string {
	var out []string
	if v, ok := seen.Load(path); ok {
		v.(*sync.Map).Range(func(k, _ any) bool { out = append(out, k.(string)); return true })
	}
	return out
}

func TestAccessRoleIsSentOnEveryListPath(t *testing.T) {
	s := newAPIServer(t)
	var seen sync.Map
	ownerOnlyFlows(s, &seen)
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	if c.AccessRole() != "collaborator" {
		t.Fatalf("default access role %q, want collaborator", c.AccessRole())
	}
	fr, err := c.ListFlows(ctx, FlowListOptions{})
	if err != nil || len(fr.Flows) != 2 {
		t.Fatalf("ListFlows without a role of its own must list the shared flow too: %+v %v", fr, err)
	}
	if _, err := c.ListSources(ctx, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListNexsets(ctx, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListDestinations(ctx, ListOptions{Name: "dup"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListCredentials(ctx, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	for p := range c.SourcePages(ctx, ListOptions{}) {
		if p.Err != nil {
			t.Fatal(p.Err)
		}
	}
	for _, p := range []string{"/flows", "/data_sources", "/data_sets", "/data_sinks", "/data_credentials"} {
		if got := rolesSent(&seen, p); len(got) != 1 || got[0] != "collaborator" {
			t.Errorf("%s sent access_role %q, want only collaborator", p, got)
		}
	}
	// A call's own role wins over the client's.
	fr, err = c.ListFlows(ctx, FlowListOptions{AccessRole: "owner"})
	if err != nil || len(fr.Flows) != 1 {
		t.Fatalf("an explicit owner role: %+v %v", fr, err)
	}
}

func TestAccessRoleIsAnOption(t *testing.T) {
	s := newAPIServer(t)
	var seen sync.Map
	ownerOnlyFlows(s, &seen)
	c, err := New(Settings{BaseURL: s.URL, ServiceKey: testKey})
	if err != nil || c.AccessRole() != DefaultAccessRole {
		t.Fatalf("default role: %v %v", c, err)
	}
	c, err = New(Settings{BaseURL: s.URL, ServiceKey: testKey}, WithAccessRole("owner"))
	if err != nil || c.AccessRole() != "owner" {
		t.Fatalf("option: %v %v", c, err)
	}
	if _, err := c.ListNexsets(context.Background(), ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := rolesSent(&seen, "/data_sets"); len(got) != 1 || got[0] != "owner" {
		t.Errorf("sent %q, want owner", got)
	}
	if _, err := New(Settings{BaseURL: s.URL, ServiceKey: testKey}, WithAccessRole("viewer")); err == nil || !strings.Contains(err.Error(), "viewer") {
		t.Fatalf("an unknown role must be refused, got %v", err)
	}
}

func TestFlowRunMetricsDecodeLeniently(t *testing.T) {
	flows := `"flows":[{"id":1,"origin_node_id":1,"data_source_id":11,"name":"f"}]`
	for _, c := range []struct {
		name, metrics string
		runs          int
		unreadable    bool
	}{
		{"documented array", `[{"origin_node_id":1,"records":5,"size":9,"errors":2,"reporting_date":"2026-11-22T08:00:00Z","run_id":77}]`, 1, false},
		{"absent", ``, 0, false},
		{"null", `null`, 0, false},
		{"object", `{"data":[{"origin_node_id":1}],"meta":{}}`, 0, true},
		{"string", `"metrics service unavailable"`, 0, true},
		{"wrong field type", `[{"origin_node_id":1,"records":"5","errors":2,"run_id":77}]`, 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newAPIServer(t)
			body := "{" + flows + "}"
			if c.metrics != "" {
				body = `{"status":200,"metrics":` + c.metrics + "," + flows + "}"
			}
			s.handle("GET /flows", jsonReply(200, body))
			s.handle("GET /flows/1", jsonReply(200, body))
			cl, _ := newTestClient(t, s)
			for _, get := range []func() (*FlowResponse, error){
				func() (*FlowResponse, error) {
					return cl.ListFlows(context.Background(), FlowListOptions{IncludeRunMetrics: true, FlowsOnly: true})
				},
				func() (*FlowResponse, error) {
					return cl.GetFlow(context.Background(), 1, FlowGetOptions{IncludeRunMetrics: true})
				},
			} {
				fr, err := get()
				if err != nil || len(fr.Flows) != 1 || fr.Flows[0].Name != "f" {
					t.Fatalf("the flow must survive metrics %s: %+v %v", c.metrics, fr, err)
				}
				if len(fr.Metrics.Runs) != c.runs || fr.Metrics.Unreadable != c.unreadable {
					t.Fatalf("metrics %+v, want %d runs, unreadable %t", fr.Metrics, c.runs, c.unreadable)
				}
			}
		})
	}
}

// runSummaryServer serves run ids 1..total of one source, size per page as
// asked, pages oldest-first (asc) or newest-first, with or without meta.
// runSummaryServer serves total runs in pages; maxSize > 0 caps the page
// size as a server may.
func runSummaryServer(t *testing.T, total int, asc, meta bool, maxSize int) *apiServer {
	s := newAPIServer(t)
	s.handle("GET /data_sources/5/metrics/run_summary", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("size"))
		if maxSize > 0 {
			size = min(size, maxSize)
		}
		var rows []string
		for i := (page - 1) * size; i < page*size && i < total; i++ {
			id := i + 1
			if !asc {
				id = total - i
			}
			rows = append(rows, `{"runId":`+itoa(id)+`,"records":10,"size":1,"errors":0}`)
		}
		m := ""
		if meta {
			m = `,"meta":{"currentPage":` + itoa(page) + `,"pageCount":` + itoa((total+size-1)/size) + `,"totalCount":` + itoa(total) + `}`
		}
		jsonReply(200, `{"status":200,"metrics":{"data":[`+strings.Join(rows, ",")+`]`+m+`}}`)(w, r)
	})
	return s
}

func TestLatestRunsWhateverThePageOrder(t *testing.T) {
	for _, c := range []struct {
		name       string
		total      int
		asc, meta  bool
		maxSize    int
		wantCalls  int
		wantNewest int64
	}{
		{"newest-first pages", 25, false, true, 0, 1, 25},
		{"oldest-first pages, short last page", 25, true, true, 0, 2, 25},
		{"oldest-first pages, full last page", 30, true, true, 0, 2, 30},
		{"oldest-first, no meta", 25, true, false, 0, 3, 25},
		{"oldest-first, page size capped by the server", 45, true, true, 12, 4, 45},
		{"one page", 7, true, true, 0, 1, 7},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := runSummaryServer(t, c.total, c.asc, c.meta, c.maxSize)
			cl, _ := newTestClient(t, s)
			runs, err := cl.LatestRuns(context.Background(), DataSources, 5, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := min(10, c.total)
			if len(runs) != want {
				t.Fatalf("%d runs, want %d: %+v", len(runs), want, runs)
			}
			for i, r := range runs {
				if r.RunID != c.wantNewest-int64(i) {
					t.Fatalf("run %d is %d, want the newest %d first: %+v", i, r.RunID, c.wantNewest, runs)
				}
			}
			if n := s.count("GET /data_sources/5/metrics/run_summary"); n != c.wantCalls {
				t.Errorf("%d calls, want %d", n, c.wantCalls)
			}
		})
	}
}

// logServer holds one run's three lines, at epoch ms 1_780_000_000_000 +
// i*1000, and reads from/to in ms or in seconds as told. Entries carry no
// run_id, as the spec's FlowLogEntry; logs.meta.run_id names the run.
func logServer(t *testing.T, millis bool) *apiServer {
	s := newAPIServer(t)
	s.handle("GET /flows/9/logs", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		bound := func(k string, def int64) int64 {
			v, err := strconv.ParseInt(q.Get(k), 10, 64)
			if err != nil {
				return def
			}
			if !millis {
				return v * 1000
			}
			return v
		}
		from, to := bound("from", 0), bound("to", 1<<62)
		run := q.Get("run_id")
		if run == "" {
			run = "-1" // the server's default
		}
		var rows []string
		for i := int64(0); i < 3; i++ {
			ts := 1_780_000_000_000 + i*1000
			if ts >= from && ts <= to {
				rows = append(rows, `{"timestamp":`+strconv.FormatInt(ts, 10)+`,"resource_id":11,"resource_type":"SOURCE","log":"line","log_type":"LOG","severity":"ERROR"}`)
			}
		}
		jsonReply(200, `{"status":200,"message":"Ok","logs":{"data":[`+strings.Join(rows, ",")+`],"meta":{"current_page":1,"pages_count":1,"total_count":`+itoa(len(rows))+`,"run_id":`+run+`}}}`)(w, r)
	})
	return s
}

func TestRunLogsFoundInEitherUnitAndTheUnitIsLearned(t *testing.T) {
	runStart := time.UnixMilli(1_780_000_000_000)
	ask := LogOptions{RunID: 4242, From: runStart.Add(-time.Hour), To: runStart.Add(time.Hour), RunEnded: true}
	for _, c := range []struct {
		name                  string
		millis                bool
		firstCalls, nextCalls int
	}{
		{"server reads seconds", false, 1, 1},
		{"server reads milliseconds", true, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := logServer(t, c.millis)
			cl, _ := newTestClient(t, s)
			for i, want := range []int{c.firstCalls, c.nextCalls} {
				before := s.count("GET /flows/9/logs")
				l, err := cl.FlowLogsByFlow(context.Background(), 9, ask)
				if err != nil || len(l.Entries) != 3 {
					t.Fatalf("read %d: %+v %v", i+1, l, err)
				}
				for _, e := range l.Entries {
					if e.RunID != 4242 {
						t.Fatalf("lines are grouped by the run asked for, got run %d", e.RunID)
					}
				}
				if n := s.count("GET /flows/9/logs") - before; n != want {
					t.Errorf("read %d took %d calls, want %d", i+1, n, want)
				}
			}
		})
	}
}

func TestRunLogsNoRetryWithoutAnEndedRun(t *testing.T) {
	s := logServer(t, true)
	cl, _ := newTestClient(t, s)
	runStart := time.UnixMilli(1_780_000_000_000)
	// A window read (no run known to have logged): an empty answer is an answer.
	l, err := cl.FlowLogsByFlow(context.Background(), 9, LogOptions{From: runStart.Add(-time.Hour), To: runStart.Add(time.Hour)})
	if err != nil || len(l.Entries) != 0 || s.count("GET /flows/9/logs") != 1 {
		t.Fatalf("%+v %v, %d calls", l, err, s.count("GET /flows/9/logs"))
	}
	// Seconds read as milliseconds without "to" is only a looser bound: one call finds the run.
	l, err = cl.FlowLogsByFlow(context.Background(), 9, LogOptions{RunID: 1, From: runStart.Add(-time.Hour), RunEnded: true})
	if err != nil || len(l.Entries) != 3 || s.count("GET /flows/9/logs") != 2 {
		t.Fatalf("%+v %v, %d calls", l, err, s.count("GET /flows/9/logs"))
	}
}
