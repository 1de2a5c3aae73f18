package sim_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// testStart is a fixed sim clock start so histories are reproducible.
var testStart = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

// harness is a simtest.Env with the test bound, for terse raw-HTTP tests.
type harness struct {
	*simtest.Env
	t     *testing.T
	token string // the latest login's session token (what call sends)
}

// newHarness serves a frozen-clock simulator over real HTTP and logs in.
func newHarness(t *testing.T, o sim.Options) *harness {
	t.Helper()
	if o.Start.IsZero() {
		o.Start = testStart
	}
	o.Frozen = true
	e := simtest.Start(t, o)
	h := &harness{Env: e, t: t}
	h.token = h.login()
	return h
}

func (h *harness) login() string { h.t.Helper(); return h.Login(h.t) }

func (h *harness) do(req *http.Request) (*http.Response, []byte) { h.t.Helper(); return h.Do(h.t, req) }

// call sends an authenticated request; body may be "".
func (h *harness) call(method, path, body string) (*http.Response, []byte) {
	h.t.Helper()
	return h.Call(h.t, method, path, body)
}

// getJSON GETs path, expects 200 and decodes into v.
func (h *harness) getJSON(path string, v any) http.Header {
	h.t.Helper()
	resp, b := h.call(http.MethodGet, path, "")
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		h.t.Fatalf("GET %s: decode: %v in %s", path, err, b)
	}
	return resp.Header
}

func (h *harness) scenario(key string) sim.Scenario { h.t.Helper(); return h.Scenario(h.t, key) }

type logsBody struct {
	Status int `json:"status"`
	Logs   struct {
		Data []struct {
			Timestamp    int64  `json:"timestamp"`
			ResourceID   int64  `json:"resource_id"`
			ResourceType string `json:"resource_type"`
			Log          string `json:"log"`
			LogType      string `json:"log_type"`
			Severity     string `json:"severity"`
		} `json:"data"`
		Meta map[string]int64 `json:"meta"`
	} `json:"logs"`
}

type runRow struct {
	RunID     int64 `json:"runId"`
	DataSetID int64 `json:"dataSetId"`
	Records   int64 `json:"records"`
	Size      int64 `json:"size"`
	Errors    int64 `json:"errors"`
}

type runSummary struct {
	Status  int `json:"status"`
	Metrics struct {
		Data []runRow         `json:"data"`
		Meta map[string]int64 `json:"meta"`
	} `json:"metrics"`
}

// outcome classifies a run row as the contract defines it.
func outcome(r runRow) string {
	switch {
	case r.Errors == 0:
		return "SUCCESS"
	case r.Records == 0:
		return "FAILED"
	}
	return "PARTIAL"
}

func decode(tb testing.TB, resp *http.Response, v any) {
	tb.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatal(err)
	}
}
