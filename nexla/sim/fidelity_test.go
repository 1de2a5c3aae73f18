package sim_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// Tests of the server facts of docs/contract.md §9, each over HTTP.

type flowsBody struct {
	Flows           []map[string]any `json:"flows"`
	Metrics         []map[string]any `json:"metrics"`
	TriggeringFlows []map[string]any `json:"triggering_flows"`
	TriggeredFlows  []map[string]any `json:"triggered_flows"`
	DataSources     []map[string]any `json:"data_sources"`
	DataSets        []map[string]any `json:"data_sets"`
	DataSinks       []map[string]any `json:"data_sinks"`
	DataCredentials []map[string]any `json:"data_credentials"`
	CredGroups      []map[string]any `json:"data_credentials_groups"`
	SharedDataSets  []map[string]any `json:"shared_data_sets"`
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

func originIDs(b flowsBody) []int64 {
	var ids []int64
	for _, f := range b.Flows {
		ids = append(ids, num(f["id"]))
	}
	return ids
}

func idsOf(list []map[string]any) []int64 {
	var ids []int64
	for _, x := range list {
		ids = append(ids, num(x["id"]))
	}
	return ids
}

// A flow list filters by access_role exactly as the resource lists do, with
// owner-only when it is absent.
func TestFlowListAccessRoleLikeResourceLists(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	pd := h.scenario("permission_denied")
	for _, role := range []string{"", "owner", "owner_only", "admin", "operator", "collaborator", "all", "ALL"} {
		var fb flowsBody
		h.getJSON("/flows?access_role="+role, &fb)
		var srcs []map[string]any
		h.getJSON("/data_sources?access_role="+role, &srcs)
		var fromFlows []int64
		for _, s := range fb.DataSources {
			fromFlows = append(fromFlows, num(s["id"]))
		}
		want := idsOf(srcs)
		slices.Sort(fromFlows)
		slices.Sort(want)
		if !slices.Equal(fromFlows, want) {
			t.Errorf("access_role=%q: flows' sources %v, source list %v", role, fromFlows, want)
		}
		widened := role == "collaborator" || strings.EqualFold(role, "all")
		if got := slices.Contains(originIDs(fb), pd.FlowID); got != widened {
			t.Errorf("access_role=%q: collaborator flow listed = %v", role, got)
		}
		for _, f := range fb.DataSources {
			if !widened && role != "operator" && fmt.Sprint(f["access_roles"]) != "[owner]" {
				t.Errorf("access_role=%q lists %v with roles %v", role, f["id"], f["access_roles"])
			}
		}
	}
	if resp, body := h.call(http.MethodGet, "/flows?access_role=boss", ""); resp.StatusCode != 400 || !strings.Contains(string(body), "access_role") {
		t.Errorf("bad access_role: %d %s", resp.StatusCode, body)
	}
}

func TestIncludeRunMetricsDropsUnrunAndSharedFlowsAndSortsByRun(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	never, consumer := h.scenario("never_run"), h.scenario("shared_upstream_failing")
	var plain, withMetrics, asc flowsBody
	h.getJSON("/flows?access_role=all", &plain)
	h.getJSON("/flows?access_role=all&include_run_metrics=1&per_page=200", &withMetrics)
	h.getJSON("/flows?access_role=all&include_run_metrics=1&per_page=200&sort_order=asc", &asc)
	for _, id := range []int64{never.FlowID, consumer.FlowID} {
		if !slices.Contains(originIDs(plain), id) || slices.Contains(originIDs(withMetrics), id) {
			t.Errorf("flow %d: in plain list %v, in include_run_metrics list %v", id,
				slices.Contains(originIDs(plain), id), slices.Contains(originIDs(withMetrics), id))
		}
	}
	if len(withMetrics.Flows) != len(plain.Flows)-2 || len(withMetrics.Metrics) != len(withMetrics.Flows) {
		t.Errorf("%d flows with metrics (%d metrics), %d without", len(withMetrics.Flows), len(withMetrics.Metrics), len(plain.Flows))
	}
	last := func(b flowsBody) []int64 {
		var out []int64
		for _, f := range b.Flows {
			out = append(out, num(f["last_run_id"]))
		}
		return out
	}
	desc := last(withMetrics)
	if !slices.IsSortedFunc(desc, func(a, b int64) int { return cmp.Compare(b, a) }) {
		t.Errorf("include_run_metrics order is not newest run first: %v", desc)
	}
	up := last(asc)
	if !slices.IsSorted(up) {
		t.Errorf("sort_order=asc is not oldest run first: %v", up)
	}
	var page flowsBody
	hdr := h.getJSON("/flows?access_role=all&include_run_metrics=1", &page)
	if len(page.Flows) != 20 || hdr.Get("X-Total-Count") != fmt.Sprint(len(withMetrics.Flows)) {
		t.Errorf("default page: %d flows, total %s", len(page.Flows), hdr.Get("X-Total-Count"))
	}
}

// A failing metrics service fails every include_run_metrics read with its
// status and body, and nothing else.
func TestMetricsServiceFaultFailsOnlyRunMetricsReads(t *testing.T) {
	for _, how := range []string{"option", "admin"} {
		t.Run(how, func(t *testing.T) {
			o := sim.Options{Seed: 1}
			if how == "option" {
				o.Faults.MetricsStatus = 503
			}
			h := newHarness(t, o)
			if how == "admin" {
				req, _ := http.NewRequest(http.MethodPut, h.Root+"/__sim/faults", strings.NewReader(`{"metrics_status":503}`))
				if resp, body := h.do(req); resp.StatusCode != 200 || !strings.Contains(string(body), `"metrics_status":503`) {
					t.Fatalf("PUT faults: %d %s", resp.StatusCode, body)
				}
			}
			sc := h.scenario("credential_expired")
			for _, p := range []string{"/flows?include_run_metrics=1", fmt.Sprintf("/flows/%d?include_run_metrics=1", sc.FlowID),
				fmt.Sprintf("/data_sources/%d/flow?include_run_metrics=1&flows_only=1", sc.SourceID)} {
				resp, body := h.call(http.MethodGet, p, "")
				var m map[string]any
				if resp.StatusCode != 503 || json.Unmarshal(body, &m) != nil || num(m["status"]) != 503 || m["message"] == "" {
					t.Errorf("GET %s: %d %s, want 503 {status, message}", p, resp.StatusCode, body)
				}
			}
			for _, p := range []string{"/flows", fmt.Sprintf("/flows/%d", sc.FlowID),
				fmt.Sprintf("/data_sources/%d/metrics/run_summary?page=1&size=5", sc.SourceID),
				fmt.Sprintf("/flows/%d/logs?severity=ERROR", sc.FlowID), fmt.Sprintf("/data_sources/%d/metrics?from=2026-01-01&aggregate=1", sc.SourceID)} {
				if resp, body := h.call(http.MethodGet, p, ""); resp.StatusCode != 200 {
					t.Errorf("GET %s: %d %s, want 200 (only include_run_metrics reads fail)", p, resp.StatusCode, body)
				}
			}
		})
	}
	if _, err := sim.New(sim.Options{Faults: sim.Faults{MetricsStatus: 200}}); err == nil {
		t.Error("metrics status 200 accepted")
	}
	h := newHarness(t, sim.Options{Seed: 1})
	req, _ := http.NewRequest(http.MethodPut, h.Root+"/__sim/faults", strings.NewReader(`{"metrics_status":42}`))
	if resp, _ := h.do(req); resp.StatusCode != 400 {
		t.Errorf("PUT metrics_status 42: %d, want 400", resp.StatusCode)
	}
}

// Lists carry no credential and no last run; shows and the flows side-load do.
func TestCredentialIDsOnlyInShowsAndFlowSideLoads(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	for _, rt := range []string{"data_sources", "data_sinks"} {
		var list []map[string]any
		h.getJSON("/"+rt+"?access_role=all", &list)
		for _, x := range list {
			for _, k := range []string{"data_credentials_id", "last_run_id", "data_credentials"} {
				if _, ok := x[k]; ok {
					t.Fatalf("%s list item %v carries %s", rt, x["id"], k)
				}
			}
			if _, ok := x["run_ids"]; rt == "data_sources" && !ok {
				t.Fatalf("source list item %v lacks run_ids", x["id"])
			}
		}
	}
	healthy := h.scenario("healthy")
	var src, snk map[string]any
	h.getJSON(fmt.Sprintf("/data_sources/%d", healthy.SourceID), &src)
	h.getJSON(fmt.Sprintf("/data_sinks/%d", healthy.SinkID), &snk)
	for name, x := range map[string]map[string]any{"source": src, "sink": snk} {
		cred, _ := x["data_credentials"].(map[string]any)
		if cred == nil || cred["credentials_non_secure_data"] == nil || strings.Contains(fmt.Sprint(cred), "password") {
			t.Errorf("%s show data_credentials = %v", name, x["data_credentials"])
		}
		if g, ok := x["data_credentials_group_id"]; !ok || g != nil {
			t.Errorf("%s show data_credentials_group_id = %v (present %v)", name, g, ok)
		}
		if _, ok := x["data_credentials_id"]; ok {
			t.Errorf("%s show carries data_credentials_id", name)
		}
	}
	var fb flowsBody
	h.getJSON(fmt.Sprintf("/flows/%d", healthy.FlowID), &fb)
	if num(fb.DataSources[0]["data_credentials_id"]) != healthy.CredentialID || num(fb.DataSinks[0]["data_credentials_id"]) == 0 {
		t.Errorf("side-load credentials: source %v, sink %v", fb.DataSources[0]["data_credentials_id"], fb.DataSinks[0]["data_credentials_id"])
	}
}

// sink_format is upper case, some connectors have a null description, and
// log entries carry no run_id (the run asked for is logs.meta.run_id).
func TestServerValuesTheSDKDoesNotExpect(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	var sinks []map[string]any
	h.getJSON("/data_sinks?access_role=all", &sinks)
	formats := map[string]bool{}
	for _, s := range sinks {
		f, _ := s["sink_format"].(string)
		if f == "" || f != strings.ToUpper(f) {
			t.Errorf("sink %v: sink_format %q", s["id"], s["sink_format"])
		}
		formats[f] = true
	}
	if !formats["JSON"] || !formats["PARQUET"] || !formats["CSV"] {
		t.Errorf("sink formats %v", formats)
	}
	var srcs []map[string]any
	h.getJSON("/data_sources?access_role=all", &srcs)
	nulls, texts := 0, 0
	for _, s := range srcs {
		c := s["connector"].(map[string]any)
		if d, ok := c["description"]; !ok {
			t.Errorf("connector %v lacks description", c["type"])
		} else if d == nil {
			nulls++
		} else {
			texts++
		}
	}
	if nulls == 0 || texts == 0 {
		t.Errorf("connector descriptions: %d null, %d text", nulls, texts)
	}
	sc := h.scenario("credential_expired")
	run := h.lastRuns("data_sources", sc.SourceID, 1)[0].RunID
	resp, body := h.call(http.MethodGet, fmt.Sprintf("/flows/%d/logs?run_id=%d&from=%d", sc.FlowID, run, run-1000), "")
	var raw struct {
		Logs struct {
			Data []map[string]any `json:"data"`
			Meta map[string]any   `json:"meta"`
		} `json:"logs"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &raw) != nil || len(raw.Logs.Data) == 0 {
		t.Fatalf("logs: %d %s", resp.StatusCode, body)
	}
	for _, l := range raw.Logs.Data {
		if _, ok := l["run_id"]; ok {
			t.Fatalf("log entry carries run_id: %v", l)
		}
	}
	if num(raw.Logs.Meta["run_id"]) != run {
		t.Errorf("logs.meta.run_id = %v, want %d", raw.Logs.Meta["run_id"], run)
	}
}
