// Package simtest serves the simulator over real HTTP for one test and hands
// out real clients for it, so every package tests against the same thing the
// same way: httptest, the Nexla contract on the wire, the production client.
package simtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// Env is one simulator behind an httptest server, closed when the test ends.
type Env struct {
	Sim *sim.Sim
	// Root is the server's own URL; URL is Root + "/nexla-api", the shape of
	// a real deployment's base URL (the simulator serves both).
	Root, URL string
	// Client is a service-key client for URL, built with Start's options.
	Client *nexla.Client

	tokenMu sync.Mutex
	token   string // Call's session token: the latest Login's
}

// Start serves sim.New(o) for the test's lifetime. Set o.Frozen (and o.Start)
// for histories that read the same on every run.
func Start(t testing.TB, o sim.Options, opts ...nexla.Option) *Env {
	t.Helper()
	s, err := sim.New(o)
	if err != nil {
		t.Fatalf("simtest: %v", err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	e := &Env{Sim: s, Root: srv.URL, URL: srv.URL + "/nexla-api"}
	e.Client = e.NewClient(t, opts...)
	return e
}

// Settings are service-key settings for the simulator; change a copy (e.g.
// ReadOnly) and pass it to nexla.New for a client Start does not make.
func (e *Env) Settings() nexla.Settings {
	return nexla.Settings{BaseURL: e.URL, ServiceKey: e.Sim.ServiceKey()}
}

// SettingsAs are the settings of another identity of the simulator
// ("collaborator", "empty_org"; see sim.Sim.Identities), failing the test
// when there is no such identity.
func (e *Env) SettingsAs(t testing.TB, identity string) nexla.Settings {
	t.Helper()
	for _, id := range e.Sim.Identities() {
		if id.Name == identity {
			s := e.Settings()
			s.ServiceKey = id.ServiceKey
			return s
		}
	}
	t.Fatalf("simtest: the simulator has no %q identity", identity)
	return nexla.Settings{}
}

// ClientAs builds a client that logs in as another identity.
func (e *Env) ClientAs(t testing.TB, identity string, opts ...nexla.Option) *nexla.Client {
	t.Helper()
	return e.client(t, e.SettingsAs(t, identity), opts)
}

// NewClient builds another client for the simulator (a fake clock, a small
// retry budget...).
func (e *Env) NewClient(t testing.TB, opts ...nexla.Option) *nexla.Client {
	t.Helper()
	return e.client(t, e.Settings(), opts)
}

// ReadOnlyClient builds a client that refuses mutating calls before any I/O.
func (e *Env) ReadOnlyClient(t testing.TB, opts ...nexla.Option) *nexla.Client {
	t.Helper()
	s := e.Settings()
	s.ReadOnly = true
	return e.client(t, s, opts)
}

func (e *Env) client(t testing.TB, s nexla.Settings, opts []nexla.Option) *nexla.Client {
	t.Helper()
	c, err := nexla.New(s, opts...)
	if err != nil {
		t.Fatalf("simtest: client: %v", err)
	}
	return c
}

// SetEnv points the command line at the simulator for this test:
// NEXLA_API_URL and NEXLA_SERVICE_KEY set, NEXLA_ACCESS_TOKEN empty, and
// XDG_CONFIG_HOME an empty directory so no real profile is read.
func (e *Env) SetEnv(t testing.TB) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("NEXLA_API_URL", e.URL)
	t.Setenv("NEXLA_SERVICE_KEY", e.Sim.ServiceKey())
	t.Setenv("NEXLA_ACCESS_TOKEN", "")
}

// SetEnvAs is SetEnv with another identity's service key.
func (e *Env) SetEnvAs(t testing.TB, identity string) {
	t.Helper()
	e.SetEnv(t)
	t.Setenv("NEXLA_SERVICE_KEY", e.SettingsAs(t, identity).ServiceKey)
}

// Scenario returns the simulator's incident scenario with this key (see
// docs/scenarios.md), failing the test when there is none.
func (e *Env) Scenario(t testing.TB, key string) sim.Scenario {
	t.Helper()
	for _, sc := range e.Sim.Scenarios() {
		if sc.Key == key {
			return sc
		}
	}
	t.Fatalf("simtest: the simulator has no %q scenario", key)
	return sim.Scenario{}
}

// Login exchanges the service key for a new session token with a raw POST
// /token; Call uses it from then on (log in again after advancing the
// simulator's clock past the token's lifetime).
func (e *Env) Login(t testing.TB) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.Root+"/token", nil)
	if err != nil {
		t.Fatalf("simtest: %v", err)
	}
	req.Header.Set("Authorization", "Basic "+e.Sim.ServiceKey())
	resp, body := do(t, req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("simtest: POST /token: %d %s", resp.StatusCode, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("simtest: token body %s: %v", body, err)
	}
	e.tokenMu.Lock()
	e.token = tok.AccessToken
	e.tokenMu.Unlock()
	return tok.AccessToken
}

// Call sends a raw authenticated request (path relative to Root, body may be
// "") with the headers the SDK sends, for tests of the wire itself. It logs
// in first when no Login has.
func (e *Env) Call(t testing.TB, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	e.tokenMu.Lock()
	token := e.token
	e.tokenMu.Unlock()
	if token == "" {
		token = e.Login(t)
	}
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.Root+path, rd)
	if err != nil {
		t.Fatalf("simtest: %v", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/vnd.nexla.api.v1+json")
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

// Do sends req as is and reads the whole answer.
func (e *Env) Do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	return do(t, req)
}

func do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("simtest: %s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("simtest: read %s: %v", req.URL, err)
	}
	return resp, b
}
