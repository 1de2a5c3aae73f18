package runbook_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// reshapeServer serves the frozen simulator over real HTTP with some answers
// reshaped into what the real server sends and the simulator (today) does
// not: flow triggers, shared-nexset consumers inside the upstream tree,
// credentials groups, a probe answering 403 with an empty body (§9). Every
// request is recorded, so a test can say what was and was not asked.
type reshapeServer struct {
	sim   *sim.Sim
	url   string
	mu    sync.Mutex
	edits map[string]func(body map[string]any) // "GET /flows/12" -> edit of the JSON body
	raw   map[string]rawAnswer                 // "GET /data_credentials/3/probe" -> fixed answer
	asked []string                             // "GET /flows/12?..." in order
}

type rawAnswer struct {
	status int
	body   string
}

func newReshapeServer(t *testing.T) (*reshapeServer, *nexla.Client) {
	t.Helper()
	s, err := sim.New(sim.Options{Seed: 7, Start: simStart, Frozen: true})
	if err != nil {
		t.Fatal(err)
	}
	rs := &reshapeServer{sim: s, edits: map[string]func(map[string]any){}, raw: map[string]rawAnswer{}}
	srv := httptest.NewServer(http.HandlerFunc(rs.serve))
	t.Cleanup(srv.Close)
	rs.url = srv.URL + "/nexla-api"
	c, err := nexla.New(nexla.Settings{BaseURL: rs.url, ServiceKey: s.ServiceKey()})
	if err != nil {
		t.Fatal(err)
	}
	return rs, c
}

// key is "METHOD /path" with the base path's /nexla-api prefix removed.
func reshapeKey(r *http.Request) string {
	return r.Method + " " + strings.TrimPrefix(r.URL.Path, "/nexla-api")
}

func (rs *reshapeServer) serve(w http.ResponseWriter, r *http.Request) {
	k := reshapeKey(r)
	rs.mu.Lock()
	rs.asked = append(rs.asked, k+"?"+r.URL.RawQuery)
	edit := rs.edits[k]
	raw, isRaw := rs.raw[k]
	rs.mu.Unlock()
	if isRaw {
		w.WriteHeader(raw.status)
		_, _ = w.Write([]byte(raw.body))
		return
	}
	rec := httptest.NewRecorder()
	rs.sim.Handler().ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	if edit != nil && rec.Code == http.StatusOK {
		var m map[string]any
		d := json.NewDecoder(bytes.NewReader(body))
		d.UseNumber()
		if err := d.Decode(&m); err == nil {
			edit(m)
			body, _ = json.Marshal(m)
		}
	}
	for h, v := range rec.Header() {
		if h != "Content-Length" {
			w.Header()[h] = v
		}
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

func (rs *reshapeServer) edit(key string, fn func(map[string]any)) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.edits[key] = fn
}

func (rs *reshapeServer) answer(key string, status int, body string) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.raw[key] = rawAnswer{status, body}
}

// requests lists the recorded requests that contain any of subs.
func (rs *reshapeServer) requests(subs ...string) []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var out []string
	for _, a := range rs.asked {
		for _, s := range subs {
			if strings.Contains(a, s) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func (rs *reshapeServer) scenario(t *testing.T, key string) sim.Scenario {
	t.Helper()
	for _, sc := range rs.sim.Scenarios() {
		if sc.Key == key {
			return sc
		}
	}
	t.Fatalf("no %s scenario", key)
	return sim.Scenario{}
}

// JSON helpers over a decoded flows response.

func flowsOf(body map[string]any) []any {
	fl, _ := body["flows"].([]any)
	return fl
}

// flowNode finds the node with the given id anywhere in the response's trees.
func flowNode(body map[string]any, id int64) map[string]any { return nodeOf(body, "id", id) }

// nodeOf finds the node whose resource key (e.g. "data_set_id") is id.
func nodeOf(body map[string]any, key string, id int64) map[string]any {
	var found map[string]any
	var walk func(n map[string]any)
	walk = func(n map[string]any) {
		if found != nil {
			return
		}
		if num(n[key]) == id {
			found = n
			return
		}
		kids, _ := n["children"].([]any)
		for _, k := range kids {
			if m, ok := k.(map[string]any); ok {
				walk(m)
			}
		}
	}
	for _, f := range flowsOf(body) {
		if m, ok := f.(map[string]any); ok {
			walk(m)
		}
	}
	return found
}

// element finds the side-loaded element with the given id in body[array].
func element(body map[string]any, array string, id int64) map[string]any {
	items, _ := body[array].([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok && num(m["id"]) == id {
			return m
		}
	}
	return nil
}

func num(v any) int64 {
	switch n := v.(type) {
	case json.Number:
		i, _ := n.Int64()
		return i
	case float64:
		return int64(n)
	case int64:
		return n
	case int:
		return int64(n)
	}
	return 0
}
