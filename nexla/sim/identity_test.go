package sim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// session is a login of one identity, for raw calls as that user.
type session struct {
	h     *harness
	token string
}

func (h *harness) loginAs(key string) session {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.Root+"/token", nil)
	req.Header.Set("Authorization", "Basic "+key)
	resp, body := h.do(req)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &tok) != nil {
		h.t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	return session{h: h, token: tok.AccessToken}
}

func (s session) call(method, path string) (*http.Response, []byte) {
	s.h.t.Helper()
	req, _ := http.NewRequest(method, s.h.Root+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	return s.h.do(req)
}

func (s session) getJSON(path string, v any) {
	s.h.t.Helper()
	resp, body := s.call(http.MethodGet, path)
	if resp.StatusCode != 200 || json.Unmarshal(body, v) != nil {
		s.h.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
}

func identity(t *testing.T, s *sim.Sim, name string) sim.Identity {
	t.Helper()
	for _, id := range s.Identities() {
		if id.Name == name {
			return id
		}
	}
	t.Fatalf("no identity %q", name)
	return sim.Identity{}
}

func TestIdentities(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	ids := h.Sim.Identities()
	if len(ids) != 3 || ids[0].ServiceKey != h.Sim.ServiceKey() || ids[0].Env != "NEXLA_SERVICE_KEY" ||
		ids[1].Env != "NEXLA_SERVICE_KEY_COLLABORATOR" || ids[2].Env != "NEXLA_SERVICE_KEY_EMPTY_ORG" ||
		ids[1].ServiceKey == ids[0].ServiceKey || ids[2].ServiceKey == ids[1].ServiceKey {
		t.Fatalf("identities %+v", ids)
	}
	for _, id := range ids {
		var cu struct {
			User struct {
				ID int64 `json:"id"`
			} `json:"user"`
			Org struct {
				ID int64 `json:"id"`
			} `json:"org"`
		}
		h.loginAs(id.ServiceKey).getJSON("/users/current", &cu)
		if cu.User.ID != id.UserID || cu.Org.ID != id.OrgID {
			t.Errorf("%s: /users/current user %d org %d, want %d %d", id.Name, cu.User.ID, cu.Org.ID, id.UserID, id.OrgID)
		}
	}
}

// The collaborator owns nothing and sees exactly one failing flow, and only
// when the list asks for shared flows.
func TestCollaboratorSeesOnlyTheFlowSharedWithThem(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	me := h.loginAs(identity(t, h.Sim, "collaborator").ServiceKey)
	mine := h.scenario("credential_expired")
	var owned, shared flowsBody
	me.getJSON("/flows", &owned)
	me.getJSON("/flows?access_role=collaborator", &shared)
	if len(owned.Flows) != 0 || len(shared.Flows) != 1 || num(shared.Flows[0]["id"]) != mine.FlowID ||
		fmt.Sprint(shared.DataSources[0]["access_roles"]) != "[collaborator]" {
		t.Fatalf("owned %v, shared %v", originIDs(owned), originIDs(shared))
	}
	for _, rt := range []string{"data_sources", "data_sets", "data_sinks"} {
		var list []map[string]any
		me.getJSON("/"+rt+"?access_role=all", &list)
		if len(list) == 0 {
			t.Errorf("%s: nothing listed", rt)
		}
		for _, x := range list {
			if num(x["origin_node_id"]) != mine.FlowID {
				t.Errorf("%s lists %v of flow %v", rt, x["id"], x["origin_node_id"])
			}
		}
	}
	var creds []map[string]any
	me.getJSON("/data_credentials?access_role=all", &creds)
	if len(creds) != 0 {
		t.Errorf("credentials listed: %v", idsOf(creds))
	}
	// Their flow reads fully; its logs show why it fails.
	var lb logsBody
	me.getJSON(fmt.Sprintf("/flows/%d/logs?severity=ERROR", mine.FlowID), &lb)
	if len(lb.Logs.Data) == 0 {
		t.Error("no error logs for the shared flow")
	}
	other := h.scenario("transform_error")
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, fmt.Sprintf("/flows/%d", other.FlowID)},
		{http.MethodGet, fmt.Sprintf("/data_sources/%d", other.SourceID)},
		{http.MethodGet, fmt.Sprintf("/data_sources/%d/metrics/run_summary", other.SourceID)},
		{http.MethodGet, fmt.Sprintf("/flows/%d/logs", other.FlowID)},
		{http.MethodGet, fmt.Sprintf("/data_credentials/%d/probe", mine.CredentialID)},
		{http.MethodPut, fmt.Sprintf("/flows/%d/pause", mine.FlowID)},
	} {
		if resp, body := me.call(c.method, c.path); resp.StatusCode != 403 || len(body) != 0 {
			t.Errorf("%s %s: %d %q, want 403 empty", c.method, c.path, resp.StatusCode, body)
		}
	}
	var notes []map[string]any
	me.getJSON("/notifications", &notes)
	if len(notes) != 0 {
		t.Errorf("%d of the demo user's notifications shown", len(notes))
	}
}

func TestEmptyOrgHasNothing(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	me := h.loginAs(identity(t, h.Sim, "empty_org").ServiceKey)
	for _, rt := range []string{"data_sources", "data_sets", "data_sinks", "data_credentials", "notifications"} {
		for _, role := range []string{"", "?access_role=all"} {
			resp, body := me.call(http.MethodGet, "/"+rt+role)
			if resp.StatusCode != 200 || string(body) != "[]" {
				t.Errorf("GET /%s%s: %d %s, want []", rt, role, resp.StatusCode, body)
			}
		}
	}
	var fb flowsBody
	me.getJSON("/flows?access_role=all&include_run_metrics=1", &fb)
	if len(fb.Flows) != 0 || fb.Metrics == nil || len(fb.Metrics) != 0 {
		t.Errorf("flows %v metrics %v", fb.Flows, fb.Metrics)
	}
	if resp, _ := me.call(http.MethodGet, fmt.Sprintf("/flows/%d", h.scenario("healthy").FlowID)); resp.StatusCode != 403 {
		t.Errorf("another org's flow: %d, want 403", resp.StatusCode)
	}
}
