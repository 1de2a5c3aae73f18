package sim_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

func TestTokenLifecycle(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 3, TokenLifetime: 10 * time.Minute})
	req, _ := http.NewRequest(http.MethodPost, h.Root+"/token", nil)
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(h.Sim.ServiceKey())))
	resp, body := h.do(req)
	var tok map[string]any
	if resp.StatusCode != 200 || json.Unmarshal(body, &tok) != nil {
		t.Fatalf("base64 service key: %d %s", resp.StatusCode, body)
	}
	for _, k := range []string{"access_token", "token_type", "expires_in", "user", "org_membership", "org"} {
		if _, ok := tok[k]; !ok {
			t.Errorf("token body lacks %q", k)
		}
	}
	if tok["expires_in"].(float64) != 600 {
		t.Errorf("expires_in = %v, want 600", tok["expires_in"])
	}
	if _, ok := tok["org_membership"].(map[string]any)["is_admin?"]; !ok {
		t.Error(`org_membership lacks the literal "is_admin?" key`)
	}

	req, _ = http.NewRequest(http.MethodPost, h.Root+"/token", nil)
	req.Header.Set("Authorization", "Basic wrong-key")
	if resp, body := h.do(req); resp.StatusCode != 401 || len(body) != 0 {
		t.Errorf("bad key: %d %q, want 401 empty", resp.StatusCode, body)
	}
	req, _ = http.NewRequest(http.MethodGet, h.Root+"/data_sources", nil)
	if resp, body := h.do(req); resp.StatusCode != 401 || len(body) != 0 {
		t.Errorf("no token: %d %q, want 401 empty", resp.StatusCode, body)
	}

	var cu map[string]any
	h.getJSON("/users/current", &cu)
	if u := cu["user"].(map[string]any); u["email"] == "" || u["full_name"] == "" {
		t.Errorf("users/current user = %v", u)
	}

	h.Sim.Advance(11 * time.Minute)
	if resp, body := h.call(http.MethodGet, "/users/current", ""); resp.StatusCode != 401 || len(body) != 0 {
		t.Errorf("expired token: %d %q, want 401 empty", resp.StatusCode, body)
	}
	h.token = h.login()
	if resp, _ := h.call(http.MethodPost, "/token/refresh", ""); resp.StatusCode != 200 {
		t.Errorf("refresh: %d", resp.StatusCode)
	}
	// The refreshed-away token is dead; log in again and log out.
	h.token = h.login()
	if resp, body := h.call(http.MethodPost, "/token/logout", ""); resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("logout: %d %q", resp.StatusCode, body)
	}
	if resp, _ := h.call(http.MethodGet, "/limits", ""); resp.StatusCode != 401 {
		t.Errorf("after logout: %d, want 401", resp.StatusCode)
	}
	if got := h.Sim.FaultCounts()["401"]; got < 3 {
		t.Errorf("401 count = %d, want >= 3", got)
	}
}

func TestUnknownRouteAndBadParams(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	for _, p := range []string{"/nope", "/data_sources/abc", "/data_sources/999999", "/flows/1", "/data_widgets/1/flow"} {
		if resp, body := h.call(http.MethodGet, p, ""); resp.StatusCode != 404 || len(body) != 0 {
			t.Errorf("GET %s: %d %q, want 404 empty", p, resp.StatusCode, body)
		}
	}
	if resp, _ := h.call(http.MethodDelete, "/limits", ""); resp.StatusCode != 404 {
		t.Errorf("DELETE /limits: %d, want 404", resp.StatusCode)
	}
	sc := h.scenario("healthy")
	for _, p := range []string{
		"/data_sources?per_page=0", "/data_sources?page=x", "/data_sources?expand=maybe", "/data_sources?access_role=boss",
		"/data_sources?sort_by=color", "/flows?flows_only=perhaps",
		fmt.Sprintf("/data_sources/%d/metrics", sc.SourceID), // from is required
		fmt.Sprintf("/flows/%d/logs?order_by=severity", sc.FlowID),
		fmt.Sprintf("/data_sources/%d/audit_log?change_filter=colour", sc.SourceID),
		"/notifications?from=yesterday",
	} {
		resp, body := h.call(http.MethodGet, p, "")
		var m map[string]any
		if resp.StatusCode != 400 || json.Unmarshal(body, &m) != nil || m["message"] == "" {
			t.Errorf("GET %s: %d %s, want 400 {message}", p, resp.StatusCode, body)
		}
	}
	// Both Accept headers and the /nexla-api prefix work.
	req, _ := http.NewRequest(http.MethodGet, h.Root+"/nexla-api/limits", nil)
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Accept", "application/json")
	if resp, _ := h.do(req); resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("/nexla-api/limits: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestListPagination(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	var all []map[string]any
	hdr := h.getJSON("/data_sources?access_role=all", &all)
	total := len(all)
	if total < 30 || hdr.Get("X-Total-Count") != strconv.Itoa(total) || hdr.Get("X-Current-Page") != "" || hdr.Get("Link") != "" {
		t.Fatalf("unpaged: %d items, headers %v", total, hdr)
	}
	var page []map[string]any
	hdr = h.getJSON("/data_sources?access_role=all&page=2", &page)
	if len(page) != 10 || hdr.Get("X-Current-Page") != "2" || hdr.Get("X-Page-Count") != "10" ||
		hdr.Get("X-Total-Page-Count") != strconv.Itoa((total+9)/10) {
		t.Errorf("page 2 default per_page: %d items, headers %v", len(page), hdr)
	}
	link := hdr.Get("Link")
	if !strings.Contains(link, `page=1&per_page=10>; rel="Previous"`) || !strings.Contains(link, `page=3&per_page=10>; rel="Next"`) {
		t.Errorf("Link = %q", link)
	}
	last := (total + 6) / 7
	hdr = h.getJSON(fmt.Sprintf("/data_sources?access_role=all&page=%d&per_page=7", last), &page)
	if strings.Contains(hdr.Get("Link"), "Next") || len(page) != total-(last-1)*7 || hdr.Get("X-Page-Count") != strconv.Itoa(len(page)) {
		t.Errorf("last page: %d items, headers %v", len(page), hdr)
	}
	// Default order is created_at DESC: the first item of page 1 is the newest.
	if page[len(page)-1]["id"].(float64) > all[0]["id"].(float64) {
		t.Error("list is not newest first")
	}
	// Without access_role only owned resources are listed; collaborator sees more.
	var owned, shared []map[string]any
	h.getJSON("/data_sources", &owned)
	h.getJSON("/data_sources?access_role=collaborator", &shared)
	if len(owned) >= len(shared) {
		t.Errorf("owned %d vs collaborator %d", len(owned), len(shared))
	}
	for _, s := range owned {
		if roles := s["access_roles"].([]any); roles[0] != "owner" {
			t.Errorf("owner-only list holds %v", roles)
		}
	}
	var filtered []map[string]any
	h.getJSON("/data_sinks?access_role=all&sink_type=snowflake,bigquery&name=to", &filtered)
	if len(filtered) == 0 {
		t.Error("no sinks matched sink_type filter")
	}
	for _, s := range filtered {
		if st := s["sink_type"]; st != "snowflake" && st != "bigquery" {
			t.Errorf("sink_type filter let %v through", st)
		}
	}
}

func TestSameSeedSameData(t *testing.T) {
	a := newHarness(t, sim.Options{Seed: 42, ExtraFlows: 50})
	b := newHarness(t, sim.Options{Seed: 42, ExtraFlows: 50})
	c := newHarness(t, sim.Options{Seed: 43, ExtraFlows: 50})
	if a.Sim.ServiceKey() != b.Sim.ServiceKey() || a.Sim.ServiceKey() == c.Sim.ServiceKey() || len(a.Sim.ServiceKey()) != 32 {
		t.Errorf("service keys %q %q %q", a.Sim.ServiceKey(), b.Sim.ServiceKey(), c.Sim.ServiceKey())
	}
	for _, p := range []string{"/flows?include_run_metrics=1&per_page=100", "/data_sources?access_role=all", "/data_sets?access_role=all&expand=1", "/data_credentials?access_role=all", "/notifications"} {
		_, ba := a.call(http.MethodGet, p, "")
		_, bb := b.call(http.MethodGet, p, "")
		_, bc := c.call(http.MethodGet, p, "")
		if string(ba) != string(bb) {
			t.Errorf("%s differs between two sims with the same seed", p)
		}
		if strings.HasPrefix(p, "/flows") && string(ba) == string(bc) {
			t.Errorf("%s is the same for different seeds", p)
		}
	}
}

func TestFlowShape(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("transform_error")
	var body map[string]any
	h.getJSON(fmt.Sprintf("/flows/%d", sc.FlowID), &body)
	for _, k := range []string{"flows", "data_sources", "data_sets", "data_sinks", "data_credentials", "users", "orgs", "projects", "triggered_flows", "linked_flows"} {
		if _, ok := body[k]; !ok {
			t.Errorf("flow lacks %q", k)
		}
	}
	if _, ok := body["metrics"]; ok {
		t.Error("metrics present without include_run_metrics")
	}
	var walk func(n map[string]any, depth int)
	nodes := 0
	walk = func(n map[string]any, depth int) {
		nodes++
		keys := 0
		for _, k := range []string{"data_source_id", "data_set_id", "data_sink_id"} {
			if _, ok := n[k]; ok {
				keys++
			}
		}
		if keys != 1 {
			t.Errorf("node %v carries %d resource id keys, want exactly 1", n["id"], keys)
		}
		_, hasStatus := n["status"]
		if hasStatus != (depth == 0) {
			t.Errorf("node %v at depth %d: status present = %v", n["id"], depth, hasStatus)
		}
		for _, c := range n["children"].([]any) {
			walk(c.(map[string]any), depth+1)
		}
	}
	walk(body["flows"].([]any)[0].(map[string]any), 0)
	if nodes != 4 {
		t.Errorf("transform_error flow has %d nodes, want 4 (source, detected, derived, sink)", nodes)
	}
	// Any node id of the flow and the by-resource path give the same flow.
	var bySink, byNode map[string]any
	h.getJSON(fmt.Sprintf("/data_sinks/%d/flow?flows_only=1", sc.SinkID), &bySink)
	h.getJSON(fmt.Sprintf("/flows/%d?flows_only=1", sc.FlowID+3), &byNode)
	if fmt.Sprint(bySink["flows"]) != fmt.Sprint(byNode["flows"]) {
		t.Error("flow by sink differs from flow by node id")
	}
	if _, ok := bySink["data_sources"]; ok {
		t.Error("flows_only=1 still side-loads resources")
	}
	var list map[string]any
	hdr := h.getJSON("/flows?include_run_metrics=True&flows_only=true", &list)
	if n := len(list["flows"].([]any)); n != 20 || hdr.Get("X-Total-Page-Count") == "" {
		t.Errorf("include_run_metrics default page: %d flows, headers %v", n, hdr)
	}
	if list["status"].(float64) != 200 || len(list["metrics"].([]any)) == 0 {
		t.Errorf("run metrics missing: %v", list["status"])
	}
}
