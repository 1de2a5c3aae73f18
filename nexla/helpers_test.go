package nexla

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testKey   = "0123456789abcdef0123456789abcdef"
	testToken = "tok-eyJhbGciOiJIUzI1NiJ9.session.secret"
)

// fakeClock advances only when the client sleeps or the test says so, and
// records every sleep: retry tests assert the delays without waiting them.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	f.mu.Unlock()
	return ctx.Err()
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

func (f *fakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// apiServer is an httptest server that answers POST /token for testKey and
// checks the bearer token on everything else; handlers are per path.
type apiServer struct {
	*httptest.Server
	t         *testing.T
	mu        sync.Mutex
	hits      map[string]int // "METHOD /path" -> count
	tokens    int
	expiresIn int
	routes    map[string]http.HandlerFunc
	lastReq   map[string]*http.Request
	// tokenHook, when set, sees each POST /token first; it returns true
	// when it has answered (a fault) instead of issuing a token.
	tokenHook func(w http.ResponseWriter, r *http.Request) bool
}

func newAPIServer(t *testing.T) *apiServer {
	t.Helper()
	s := &apiServer{t: t, hits: map[string]int{}, routes: map[string]http.HandlerFunc{},
		lastReq: map[string]*http.Request{}, expiresIn: 3600}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *apiServer) handle(methodPath string, h http.HandlerFunc) { s.routes[methodPath] = h }

func (s *apiServer) count(methodPath string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[methodPath]
}

func (s *apiServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.hits {
		n += v
	}
	return n
}

func (s *apiServer) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	s.mu.Lock()
	s.hits[key]++
	s.lastReq[key] = r
	s.mu.Unlock()
	if key == "POST /token" {
		if s.tokenHook != nil && s.tokenHook(w, r) {
			return
		}
		if r.Header.Get("Authorization") != "Basic "+testKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		s.tokens++
		n, exp := s.tokens, s.expiresIn
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"` + testToken + `-` + itoa(n) + `","token_type":"Bearer","expires_in":` + itoa(exp) +
			`,"user":{"id":1,"email":"oncall@example.com"},"org_membership":{"api_key":"should-not-matter","is_admin?":true}}`))
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "+testToken) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	h, ok := s.routes[key]
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	h(w, r)
}

func itoa(n int) string { return strconv.Itoa(n) }

// jsonReply answers status with body.
func jsonReply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// newTestClient builds a service-key client against s with a fake clock and
// exact (non-random) backoff.
func newTestClient(t *testing.T, s *apiServer, opts ...Option) (*Client, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	all := append([]Option{WithClock(clk), WithJitter(func(d time.Duration) time.Duration { return d }),
		WithRetry(3, 100*time.Millisecond, 2*time.Second)}, opts...)
	c, err := New(Settings{BaseURL: s.URL + "/", ServiceKey: testKey}, all...)
	if err != nil {
		t.Fatal(err)
	}
	return c, clk
}

// WhoAmIWarmup obtains the session token so benchmarks time only listing.
func (c *Client) WhoAmIWarmup(ctx context.Context) (string, error) { return c.sessionToken(ctx) }

// testGET is one plain authenticated GET (/limits, decoded as an object)
// through the whole transport: auth, retries, the breaker and renewal. The
// client has no Limits call any more (nothing used it); the transport tests
// still need a cheap read.
func (c *Client) testGET(ctx context.Context) (map[string]json.RawMessage, error) {
	var raw map[string]json.RawMessage
	if _, err := c.get(ctx, "/limits", nil, &raw); err != nil {
		return nil, err
	}
	return raw, nil
}
