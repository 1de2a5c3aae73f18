package simtest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Fault is one way a call fails, as an on-call engineer meets it at 3 a.m.
type Fault string

// The faults every screen's failure state is tested with ("never false
// calm": each must read as a failure, never as an empty org).
const (
	NoFault      Fault = ""
	Unavailable  Fault = "503 on every attempt" // outlasts the client's retries
	TokenRefused Fault = "401 on every attempt" // the token is refused, and so is the renewed one
	EmptyAnswer  Fault = "200 with no body"     // an answer that is no answer
	Unreachable  Fault = "nothing listens"      // the API's address refuses connections
)

// Faults are the four faults, for table tests.
var Faults = []Fault{Unavailable, TokenRefused, EmptyAnswer, Unreachable}

// FaultProxy serves the simulator through a proxy that answers every request
// whose path contains a chosen string with a chosen fault, and passes the
// rest through. Its URL has the shape of Env.URL.
type FaultProxy struct {
	URL string
	srv *httptest.Server
	env *Env

	mu    sync.Mutex
	fault Fault
	match string
}

// Faulty starts a FaultProxy for the test's lifetime, failing with f the
// requests whose path contains match ("" matches every path; the token
// exchange, /token, is matched only when match names it, so TokenRefused
// is a refused session token, renewed once and refused again).
func (e *Env) Faulty(t testing.TB, f Fault, match string) *FaultProxy {
	t.Helper()
	p := &FaultProxy{env: e}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	p.URL = p.srv.URL + "/nexla-api"
	p.Set(f, match)
	return p
}

// Set changes the fault; NoFault passes everything through. Unreachable
// closes the proxy for good: nothing listens at its address any more.
func (p *FaultProxy) Set(f Fault, match string) {
	p.mu.Lock()
	p.fault, p.match = f, match
	p.mu.Unlock()
	if f == Unreachable {
		p.srv.Close()
	}
}

// Client is a service-key client for the proxy that retries once, 1 ms
// later: a fault outlasts its retries without slowing the test.
func (p *FaultProxy) Client(t testing.TB) *nexla.Client {
	t.Helper()
	s := p.env.Settings()
	s.BaseURL = p.URL
	return p.env.client(t, s, []nexla.Option{nexla.WithRetry(1, time.Millisecond, time.Millisecond)})
}

func (p *FaultProxy) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	f, match := p.fault, p.match
	p.mu.Unlock()
	hit := f != NoFault && strings.Contains(r.URL.Path, match) &&
		(!strings.HasSuffix(r.URL.Path, "/token") || strings.Contains(match, "token"))
	if !hit {
		p.env.Sim.Handler().ServeHTTP(w, r)
		return
	}
	switch f {
	case Unavailable:
		writeFault(w, http.StatusServiceUnavailable, "Service Unavailable")
	case TokenRefused:
		writeFault(w, http.StatusUnauthorized, "Invalid or expired token")
	default: // EmptyAnswer
		w.WriteHeader(http.StatusOK)
	}
}

func writeFault(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"message":"` + msg + `"}`))
}
