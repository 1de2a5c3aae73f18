package sim_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// callBody is session.call with a JSON body.
func (s session) callBody(method, path, body string) (*http.Response, []byte) {
	s.h.t.Helper()
	req, _ := http.NewRequest(method, s.h.Root+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	return s.h.do(req)
}

func (s session) flowIDs() []int64 {
	s.h.t.Helper()
	var fb flowsBody
	s.getJSON("/flows?access_role=collaborator", &fb)
	return originIDs(fb)
}

// A grant changes what the grantee sees and may do; a revoke takes it back;
// only owners and admins may change the list; every change is in the
// mutation record.
func TestAccessorsDecideWhoSeesAndOperates(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	healthy := h.scenario("healthy")
	jordan := h.loginAs(identity(t, h.Sim, "collaborator").ServiceKey)
	acc := fmt.Sprintf("/flows/%d/accessors", healthy.FlowID)
	grant := func(role string) {
		t.Helper()
		resp, b := h.call(http.MethodPut, acc, `{"accessors":[{"type":"USER","email":"jordan.kim@acme-retail.example","access_roles":["`+role+`"]}]}`)
		if resp.StatusCode != 200 || !strings.Contains(string(b), "jordan.kim") {
			t.Fatalf("grant %s: %d %s", role, resp.StatusCode, b)
		}
	}
	pause := fmt.Sprintf("/flows/%d/pause", healthy.FlowID)

	if slices.Contains(jordan.flowIDs(), healthy.FlowID) {
		t.Fatal("the collaborator sees the flow before any grant")
	}
	if resp, _ := jordan.call(http.MethodPut, pause); resp.StatusCode != 403 {
		t.Fatalf("pause without a role: %d", resp.StatusCode)
	}

	grant("collaborator")
	if !slices.Contains(jordan.flowIDs(), healthy.FlowID) {
		t.Error("after a collaborator grant the flow is not listed")
	}
	if resp, _ := jordan.call(http.MethodPut, pause); resp.StatusCode != 403 {
		t.Errorf("a collaborator paused: %d", resp.StatusCode)
	}

	grant("operator") // PUT merges: the same user's roles change
	if resp, b := jordan.call(http.MethodPut, pause); resp.StatusCode != 200 {
		t.Errorf("an operator may pause: %d %s", resp.StatusCode, b)
	}
	if resp, _ := jordan.callBody(http.MethodPut, acc, `{"accessors":[{"type":"TEAM","id":12,"access_roles":["collaborator"]}]}`); resp.StatusCode != 403 {
		t.Errorf("an operator changed the accessors: %d", resp.StatusCode)
	}

	grant("admin")
	if resp, b := jordan.callBody(http.MethodPut, acc, `{"accessors":[{"type":"TEAM","id":12,"access_roles":["collaborator"]}]}`); resp.StatusCode != 200 {
		t.Errorf("an admin may change the accessors: %d %s", resp.StatusCode, b)
	}

	resp, b := h.call(http.MethodDelete, acc, `{"accessors":[{"type":"USER","email":"jordan.kim@acme-retail.example"}]}`)
	if resp.StatusCode != 200 || strings.Contains(string(b), "jordan.kim") {
		t.Fatalf("revoke: %d %s", resp.StatusCode, b)
	}
	if slices.Contains(jordan.flowIDs(), healthy.FlowID) {
		t.Error("after the revoke the flow is still listed")
	}
	if resp, _ := jordan.call(http.MethodGet, fmt.Sprintf("/flows/%d", healthy.FlowID)); resp.StatusCode != 403 {
		t.Errorf("after the revoke GET flow: %d", resp.StatusCode)
	}

	// Remove everyone (empty body): the list is empty, the owner still owns.
	resp, b = h.call(http.MethodDelete, acc, "")
	if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != "[]" {
		t.Fatalf("DELETE all: %d %s", resp.StatusCode, b)
	}
	if resp, _ := h.call(http.MethodPut, pause, ""); resp.StatusCode != 200 {
		t.Errorf("the owner lost the flow with the list: %d", resp.StatusCode)
	}

	var n int
	for _, m := range h.Sim.Mutations(0) {
		if m.Path == acc && m.Applied {
			n++
		}
	}
	if n != 6 { // four grants, one revoke, one remove-all (the refused ones were not applied)
		t.Errorf("applied accessor mutations recorded: %d, want 6 (%+v)", n, h.Sim.Mutations(0))
	}
}

// POST replaces the whole list, and the roles follow it.
func TestAccessorsReplaceAll(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	healthy := h.scenario("healthy")
	jordan := h.loginAs(identity(t, h.Sim, "collaborator").ServiceKey)
	acc := fmt.Sprintf("/flows/%d/accessors", healthy.FlowID)
	resp, b := h.call(http.MethodPost, acc, `{"accessors":[{"type":"ORG","id":7,"access_roles":["collaborator"]}]}`)
	if resp.StatusCode != 200 || strings.Count(string(b), `"type"`) != 1 || !strings.Contains(string(b), `"ORG"`) {
		t.Fatalf("POST: %d %s", resp.StatusCode, b)
	}
	if !slices.Contains(jordan.flowIDs(), healthy.FlowID) {
		t.Error("an org-wide collaborator grant does not reach an org member")
	}
	empty := h.loginAs(identity(t, h.Sim, "empty_org").ServiceKey)
	if resp, _ := empty.call(http.MethodGet, fmt.Sprintf("/flows/%d", healthy.FlowID)); resp.StatusCode == 200 {
		t.Error("an org grant reached a user of another org")
	}
}

// A credential shared through its accessors becomes readable to the grantee.
func TestCredentialAccessorsShare(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	cred := h.scenario("credential_group_failing").CredentialID
	jordan := h.loginAs(identity(t, h.Sim, "collaborator").ServiceKey)
	path := fmt.Sprintf("/data_credentials/%d", cred)
	if resp, _ := jordan.call(http.MethodGet, path); resp.StatusCode != 403 {
		t.Fatalf("before the grant: %d", resp.StatusCode)
	}
	if resp, b := h.call(http.MethodPut, path+"/accessors", `{"accessors":[{"type":"USER","id":46,"access_roles":["collaborator"]}]}`); resp.StatusCode != 200 {
		t.Fatalf("grant: %d %s", resp.StatusCode, b)
	}
	if resp, b := jordan.call(http.MethodGet, path); resp.StatusCode != 200 {
		t.Errorf("after the grant: %d %s", resp.StatusCode, b)
	}
}

// The refuse drill fails one path before the API sees it, Count times, and
// the mutation record says it was not applied.
func TestRefuseDrill(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	f := h.scenario("healthy").FlowID
	pause := fmt.Sprintf("/flows/%d/pause", f)
	if err := h.Sim.SetFaults(sim.Faults{Drills: sim.Drills{Refuse: []sim.Refusal{{Status: 500, Method: "PUT", Path: pause, Count: 1}}}}); err != nil {
		t.Fatal(err)
	}
	other := fmt.Sprintf("/flows/%d/pause", h.scenario("stale_data").FlowID)
	if resp, _ := h.call(http.MethodPut, other, ""); resp.StatusCode != 200 {
		t.Errorf("another path was refused: %d", resp.StatusCode)
	}
	if resp, _ := h.call(http.MethodPut, pause, ""); resp.StatusCode != 500 {
		t.Errorf("first: %d, want 500", resp.StatusCode)
	}
	if resp, _ := h.call(http.MethodPut, pause, ""); resp.StatusCode != 200 {
		t.Errorf("second (count spent): %d", resp.StatusCode)
	}
	var got []string
	for _, m := range h.Sim.Mutations(0) {
		if m.Path == pause {
			got = append(got, fmt.Sprint(m.Applied, " ", m.Answer))
		}
	}
	if want := []string{"false 500 (refused before applying)", "true delivered"}; !slices.Equal(got, want) {
		t.Errorf("record %q, want %q", got, want)
	}
	if err := h.Sim.SetFaults(sim.Faults{Drills: sim.Drills{Refuse: []sim.Refusal{{Status: 200}}}}); err == nil {
		t.Error("a 200 refusal was accepted")
	}
}
