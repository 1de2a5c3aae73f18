package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// testStart is a fixed sim clock start so histories are reproducible.
var testStart = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

type harness struct {
	t     *testing.T
	sim   *sim.Sim
	url   string
	token string
}

// newHarness serves a frozen-clock simulator over real HTTP and logs in.
func newHarness(t *testing.T, o sim.Options) *harness {
	t.Helper()
	if o.Start.IsZero() {
		o.Start = testStart
	}
	o.Frozen = true
	s, err := sim.New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	h := &harness{t: t, sim: s, url: srv.URL}
	h.token = h.login()
	return h
}

func (h *harness) login() string {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url+"/token", nil)
	req.Header.Set("Authorization", "Basic "+h.sim.ServiceKey())
	resp, body := h.do(req)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("POST /token: %d %s", resp.StatusCode, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		h.t.Fatalf("token body %s: %v", body, err)
	}
	return tok.AccessToken
}

func (h *harness) do(req *http.Request) (*http.Response, []byte) {
	h.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("read %s: %v", req.URL, err)
	}
	return resp, b
}

// call sends an authenticated request; body may be "".
func (h *harness) call(method, path, body string) (*http.Response, []byte) {
	h.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, h.url+path, rd)
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Accept", "application/vnd.nexla.api.v1+json")
	req.Header.Set("Content-Type", "application/json")
	return h.do(req)
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

func (h *harness) scenario(key string) sim.Scenario {
	h.t.Helper()
	for _, s := range h.sim.Scenarios() {
		if s.Key == key {
			return s
		}
	}
	h.t.Fatalf("no scenario %q", key)
	return sim.Scenario{}
}

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
			RunID        int64  `json:"run_id"`
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
