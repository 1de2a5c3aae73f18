package sim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// admin sends an admin request (no token) and returns status and body.
func (h *harness) admin(method, path, body string) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.Root+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	resp, b := h.do(req)
	return resp.StatusCode, b
}

func (h *harness) faults() map[string]any {
	h.t.Helper()
	code, b := h.admin(http.MethodGet, "/__sim/faults", "")
	var f map[string]any
	if code != 200 || json.Unmarshal(b, &f) != nil {
		h.t.Fatalf("GET /__sim/faults: %d %s", code, b)
	}
	return f
}

func (h *harness) mutations(since int64) []sim.Mutation {
	h.t.Helper()
	code, b := h.admin(http.MethodGet, fmt.Sprintf("/__sim/mutations?since=%d", since), "")
	var body struct{ Mutations []sim.Mutation }
	if code != 200 || json.Unmarshal(b, &body) != nil {
		h.t.Fatalf("GET /__sim/mutations: %d %s", code, b)
	}
	return body.Mutations
}

func TestPatchFaultsMergesPutReplaces(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	if code, b := h.admin(http.MethodPut, "/__sim/faults", `{"error_rate":0.1,"burst_429":2,"storm_429":{"every":"1h"}}`); code != 200 {
		t.Fatalf("PUT: %d %s", code, b)
	}
	if code, b := h.admin(http.MethodPatch, "/__sim/faults", `{"latency_fixed":"5ms","storm_429":{"for":"10m"}}`); code != 200 {
		t.Fatalf("PATCH: %d %s", code, b)
	}
	f := h.faults()
	storm, _ := f["storm_429"].(map[string]any)
	if f["error_rate"] != 0.1 || f["burst_429"] != 2.0 || f["latency_fixed"] != float64(5*time.Millisecond) ||
		storm["every"] != float64(time.Hour) || storm["for"] != float64(10*time.Minute) {
		t.Fatalf("after PATCH the other faults must stay: %v", f)
	}
	if code, _ := h.admin(http.MethodPut, "/__sim/faults", `{"latency_fixed":"1ms"}`); code != 200 {
		t.Fatal("PUT")
	}
	if f = h.faults(); f["error_rate"] != 0.0 || f["burst_429"] != 0.0 {
		t.Fatalf("PUT replaces the whole set: %v", f)
	}
	for _, bad := range []string{`{"eror_rate":0.5}`, `{"lose_answers":[{"mode":"teapot"}]}`,
		`{"storm_429":{"every":"1m","for":"2m"}}`, `{"latency_spike":{"for":"1s"}}`, `[1]`,
		`{"lose_answers":[{"mode":"504","path":"[bad"}]}`} {
		if code, _ := h.admin(http.MethodPatch, "/__sim/faults", bad); code != 400 {
			t.Errorf("PATCH %s: %d, want 400", bad, code)
		}
	}
	if f = h.faults(); f["latency_fixed"] != float64(time.Millisecond) {
		t.Fatalf("a rejected PATCH changed the faults: %v", f)
	}
}

// Windows run on the token clock (wall time plus Advance): minutes apart,
// so the test's own run time cannot move a request across a boundary.
func TestScheduled429StormAndLatencySpike(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1, TokenLifetime: 24 * time.Hour})
	h.admin(http.MethodPatch, "/__sim/faults", `{"retry_after":"3s","storm_429":{"every":"1h","for":"10m"}}`)
	storm := func() (int, string) {
		resp, _ := h.call(http.MethodGet, "/limits", "")
		return resp.StatusCode, resp.Header.Get("Retry-After")
	}
	if code, ra := storm(); code != 429 || ra != "3" {
		t.Fatalf("in the window: %d Retry-After %q", code, ra)
	}
	h.Sim.Advance(30 * time.Minute)
	if code, _ := storm(); code != 200 {
		t.Fatalf("between windows: %d", code)
	}
	h.Sim.Advance(35 * time.Minute) // 65 min: the second window
	if code, _ := storm(); code != 429 {
		t.Fatalf("in the next window: %d", code)
	}
	h.admin(http.MethodPatch, "/__sim/faults", `{"storm_429":{"start":"2h"}}`)
	if code, _ := storm(); code != 200 {
		t.Fatalf("before the first window (start 2h): %d", code)
	}

	h.admin(http.MethodPut, "/__sim/faults", `{"latency_spike":{"every":"1h","for":"10m","delay":"1ms"}}`)
	before := h.Sim.FaultCounts()["latency_spike"]
	h.call(http.MethodGet, "/limits", "")
	inWindow := h.Sim.FaultCounts()["latency_spike"]
	h.Sim.Advance(30 * time.Minute)
	h.call(http.MethodGet, "/limits", "")
	if inWindow != before+1 || h.Sim.FaultCounts()["latency_spike"] != inWindow {
		t.Fatalf("spikes: %d before, %d in the window, %d after it", before, inWindow, h.Sim.FaultCounts()["latency_spike"])
	}
}

func TestLoseAnswerModesApplyThenLose(t *testing.T) {
	for _, tc := range []struct{ mode, answer string }{
		{"504", "504 after applying"},
		{"drop", "dropped after applying"},
		{"stall", "stalled 20ms after applying, then delivered"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 1})
			sc := h.scenario("healthy")
			rule := fmt.Sprintf(`{"lose_answers":[{"mode":%q,"path":"/flows/*/pause","count":1,"stall":"20ms"}]}`, tc.mode)
			if code, b := h.admin(http.MethodPatch, "/__sim/faults", rule); code != 200 {
				t.Fatalf("%d %s", code, b)
			}
			// Another path is not touched by the rule.
			if resp, _ := h.call(http.MethodPut, fmt.Sprintf("/flows/%d/activate", sc.FlowID), ""); resp.StatusCode != 200 {
				t.Fatalf("activate: %d", resp.StatusCode)
			}
			path := fmt.Sprintf("/flows/%d/pause", sc.FlowID)
			req, _ := http.NewRequest(http.MethodPut, h.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+h.token)
			resp, err := http.DefaultClient.Do(req)
			switch tc.mode {
			case "504":
				if err != nil || resp.StatusCode != 504 {
					t.Fatalf("want 504, got %v %v", resp, err)
				}
			case "drop":
				if err == nil {
					t.Fatalf("want a dropped connection, got %d", resp.StatusCode)
				}
			case "stall":
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("want the answer after the stall, got %v %v", resp, err)
				}
			}
			if resp != nil {
				resp.Body.Close()
			}
			if st := h.Sim.FlowStatus(sc.FlowID); st != "PAUSED" {
				t.Fatalf("the pause was not applied: %s", st)
			}
			muts := h.mutations(0)
			if len(muts) != 2 || muts[0].Answer != "delivered" || muts[0].Path != fmt.Sprintf("/flows/%d/activate", sc.FlowID) {
				t.Fatalf("record %+v", muts)
			}
			if m := muts[1]; m.Method != "PUT" || m.Path != path || !m.Applied || m.Status != 200 || m.Answer != tc.answer || m.Seq != 2 {
				t.Fatalf("pause recorded as %+v", m)
			}
			// count 1: the rule is spent and gone; the next pause is answered.
			if f := h.faults(); f["lose_answers"] != nil && len(f["lose_answers"].([]any)) != 0 {
				t.Fatalf("rule not spent: %v", f["lose_answers"])
			}
			if resp, _ := h.call(http.MethodPut, path, ""); resp.StatusCode != 200 {
				t.Fatalf("second pause: %d", resp.StatusCode)
			}
			if muts := h.mutations(2); len(muts) != 1 || muts[0].Answer != "delivered" {
				t.Fatalf("since=2: %+v", muts)
			}
		})
	}
}

func TestMutationRecordShowsRefusalsAndIgnoresReads(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("healthy")
	h.admin(http.MethodPatch, "/__sim/faults", `{"burst_429":1}`)
	if resp, _ := h.call(http.MethodPut, fmt.Sprintf("/data_sinks/%d/pause", sc.SinkID), ""); resp.StatusCode != 429 {
		t.Fatalf("want the 429 burst, got %d", resp.StatusCode)
	}
	h.call(http.MethodGet, "/limits", "")
	// A mutation that is answered but not applied (403, 400) is recorded so.
	pd := h.scenario("permission_denied")
	h.call(http.MethodPut, fmt.Sprintf("/flows/%d/pause", pd.FlowID), "")
	muts := h.mutations(0)
	if len(muts) != 2 {
		t.Fatalf("want 2 mutations (no GET, no /token), got %+v", muts)
	}
	if m := muts[0]; m.Applied || m.Status != 0 || m.Answer != "429 (refused before applying)" {
		t.Fatalf("refused pause recorded as %+v", m)
	}
	if m := muts[1]; m.Applied || m.Status != 403 || m.Answer != "delivered" {
		t.Fatalf("forbidden pause recorded as %+v", m)
	}
	if code, _ := h.admin(http.MethodDelete, "/__sim/mutations", ""); code != 200 || len(h.mutations(0)) != 0 {
		t.Fatal("DELETE /__sim/mutations did not clear the record")
	}
	if code, _ := h.admin(http.MethodGet, "/__sim/mutations?since=x", ""); code != 400 {
		t.Fatal("a bad since is a 400")
	}
}

func TestDrillFlagParsers(t *testing.T) {
	if w, err := sim.ParseWindow("60s/10s"); err != nil || w.Every != time.Minute || w.For != 10*time.Second {
		t.Fatalf("%+v %v", w, err)
	}
	if s, err := sim.ParseSpike("30s/5s/2s"); err != nil || s.Delay != 2*time.Second || s.For != 5*time.Second {
		t.Fatalf("%+v %v", s, err)
	}
	if l, err := sim.ParseLoseAnswer("504@0.5:/data_sources/*/pause"); err != nil || l.Mode != "504" || l.Rate != 0.5 || l.Path != "/data_sources/*/pause" {
		t.Fatalf("%+v %v", l, err)
	}
	for _, bad := range []string{"10s", "10s/20s", "x/1s"} {
		if _, err := sim.ParseWindow(bad); err == nil {
			t.Errorf("ParseWindow(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"teapot", "504@2", "drop@x", "stall:[x"} {
		if _, err := sim.ParseLoseAnswer(bad); err == nil {
			t.Errorf("ParseLoseAnswer(%q) accepted", bad)
		}
	}
}
