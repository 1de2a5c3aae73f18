package nexla

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestRetryCountsAndBackoff(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(503, ""))
	c, clk := newTestClient(t, s)
	_, err := c.testGET(context.Background())
	if StatusOf(err) != 503 {
		t.Fatalf("want the final 503, got %v", err)
	}
	if n := s.count("GET /limits"); n != 4 {
		t.Fatalf("attempts = %d, want 1 + 3 retries", n)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
	if got := clk.Sleeps(); !equalDurations(got, want) {
		t.Fatalf("sleeps = %v, want %v (exponential, jitter = identity)", got, want)
	}
}

func TestBackoffCappedAndJittered(t *testing.T) {
	c, _ := New(Settings{ServiceKey: "k"}, WithRetry(10, time.Second, 4*time.Second))
	for attempt := 0; attempt < 8; attempt++ {
		if d := c.backoff(attempt); d < 0 || d > 4*time.Second {
			t.Fatalf("backoff(%d) = %s outside [0, cap]", attempt, d)
		}
	}
}

func TestRetryAfterSecondsDateAndCap(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         time.Duration
	}{
		{"seconds", "2", 2 * time.Second},
		{"capped", "3600", 30 * time.Second},
		// Too large for a Duration: still the cap, never a wrapped-around
		// negative delay that retries at once.
		{"huge", "100000000000", 30 * time.Second},
		{"beyond int64", "9999999999999999999999", 30 * time.Second},
		{"exponent", "1e30", 30 * time.Second},
		{"http date", "Sun, 01 Mar 2026 03:00:07 GMT", 7 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newAPIServer(t)
			n := 0
			s.handle("GET /limits", func(w http.ResponseWriter, r *http.Request) {
				n++
				if n == 1 {
					w.Header().Set("Retry-After", tc.header)
					w.WriteHeader(429)
					return
				}
				_, _ = w.Write([]byte(`{}`))
			})
			c, clk := newTestClient(t, s)
			if _, err := c.testGET(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := clk.Sleeps(); len(got) != 1 || got[0] != tc.want {
				t.Fatalf("sleeps = %v, want [%s]", got, tc.want)
			}
		})
	}
}

func TestRateLimitErrorCarriesRetryAfter(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(429)
	})
	c, _ := newTestClient(t, s, WithRetry(0, time.Millisecond, time.Millisecond))
	_, err := c.testGET(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != KindRateLimit || ae.RetryAfter != 5*time.Second {
		t.Fatalf("got %#v", err)
	}
}

func TestNoRetryForNonIdempotent(t *testing.T) {
	s := newAPIServer(t)
	s.handle("POST /data_credentials/5/probe/tree", jsonReply(503, ""))
	s.handle("PUT /data_sources/5/accessors", jsonReply(503, ""))
	s.handle("PUT /flows/5/pause", jsonReply(503, ""))
	c, _ := newTestClient(t, s, WithBreaker(100, time.Minute))
	ctx := context.Background()
	_, _ = c.ProbeTree(ctx, 5, ProbeTreeRequest{Depth: 1})
	_, _, _ = c.AddAccessors(ctx, DataSources, 5, []Accessor{{Type: "USER", ID: 9, AccessRoles: []string{"collaborator"}}})
	if s.count("POST /data_credentials/5/probe/tree") != 1 || s.count("PUT /data_sources/5/accessors") != 1 {
		t.Fatal("POST/PUT accessors were retried")
	}
	// A pause whose answer is lost is re-read, not re-sent: here the re-read
	// fails too (404), so the outcome is unknown and says so.
	_, _, err := c.PauseFlow(ctx, 5, true)
	if s.count("PUT /flows/5/pause") != 1 || s.count("GET /flows/5") == 0 || !IsOutcomeUnknown(err) {
		t.Fatalf("PUT pause sent %d times, re-read %d times, err %v", s.count("PUT /flows/5/pause"), s.count("GET /flows/5"), err)
	}
}

func TestConnectionErrorsRetriedThenNetworkKind(t *testing.T) {
	s := newAPIServer(t)
	url := s.URL
	s.Close() // nothing listens any more
	clk := newFakeClock()
	c, _ := New(Settings{BaseURL: url, AccessToken: testToken}, WithClock(clk),
		WithJitter(func(d time.Duration) time.Duration { return d }), WithRetry(2, 10*time.Millisecond, time.Second))
	_, err := c.testGET(context.Background())
	if KindOf(err) != KindNetwork || len(clk.Sleeps()) != 2 {
		t.Fatalf("err %v, sleeps %v", err, clk.Sleeps())
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(503, ""))
	c, _ := newTestClient(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.testGET(ctx)
	if !errors.Is(err, context.Canceled) || s.count("GET /limits") != 0 {
		t.Fatalf("err %v, hits %d", err, s.count("GET /limits"))
	}
}

func TestBreakerTransitions(t *testing.T) {
	s := newAPIServer(t)
	healthy := false
	s.handle("GET /limits", func(w http.ResponseWriter, r *http.Request) {
		if !healthy {
			w.WriteHeader(502)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	c, clk := newTestClient(t, s, WithRetry(0, 0, 0), WithBreaker(5, 15*time.Second))
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if _, err := c.testGET(ctx); StatusOf(err) != 502 {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if c.Breaker() != "open" {
		t.Fatalf("after 5 failures breaker is %s", c.Breaker())
	}
	before := s.count("GET /limits")
	_, err := c.testGET(ctx)
	if !errors.Is(err, ErrCircuitOpen) || s.count("GET /limits") != before {
		t.Fatalf("open breaker: err %v, request sent %t", err, s.count("GET /limits") != before)
	}
	clk.Advance(15 * time.Second)
	if c.Breaker() != "half-open" {
		t.Fatalf("after cooldown breaker is %s", c.Breaker())
	}
	if _, err := c.testGET(ctx); StatusOf(err) != 502 || c.Breaker() != "open" {
		t.Fatalf("failed trial should reopen: %v, %s", err, c.Breaker())
	}
	clk.Advance(15 * time.Second)
	healthy = true
	if _, err := c.testGET(ctx); err != nil || c.Breaker() != "closed" {
		t.Fatalf("good trial should close: %v, %s", err, c.Breaker())
	}
}

func TestBreakerIgnoresClientErrors(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(404, ""))
	c, _ := newTestClient(t, s, WithBreaker(2, time.Minute))
	for i := 0; i < 4; i++ {
		_, _ = c.testGET(context.Background())
	}
	if c.Breaker() != "closed" {
		t.Fatal("404s opened the breaker")
	}
}

func TestHalfOpenAdmitsOneTrial(t *testing.T) {
	b := newBreaker(1, time.Second)
	now := time.Unix(0, 0)
	b.failure(now)
	now = now.Add(time.Second)
	if !b.allow(now) || b.allow(now) {
		t.Fatal("half-open must admit exactly one trial")
	}
	b.abandon()
	if !b.allow(now) {
		t.Fatal("an abandoned trial must free the slot")
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
