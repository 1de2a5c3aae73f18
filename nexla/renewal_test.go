package nexla

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// failTokens answers the first len(statuses) POST /token with those statuses
// (and Retry-After when given), then lets tokens through.
func failTokens(s *apiServer, retryAfter string, statuses ...int) {
	var n atomic.Int32
	s.tokenHook = func(w http.ResponseWriter, r *http.Request) bool {
		i := int(n.Add(1)) - 1
		if i >= len(statuses) {
			return false
		}
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(statuses[i])
		return true
	}
}

// Under 20% 5xx a renewal used to fail the call that needed it (the health
// screen read "0 flows"); now it is retried with backoff.
func TestRenewalRetriedThrough5xx(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	failTokens(s, "", 500, 503, 502)
	c, clk := newTestClient(t, s)
	if _, err := c.testGET(context.Background()); err != nil {
		t.Fatalf("the call must survive a renewal under 5xx: %v", err)
	}
	if n := s.count("POST /token"); n != 4 {
		t.Fatalf("POST /token %d times, want 1 + 3 retries", n)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
	if got := clk.Sleeps(); !equalDurations(got, want) {
		t.Fatalf("sleeps %v, want backoff %v", got, want)
	}
}

// In a 429 storm, 48 of 49 renewals failed with attempts 0 ms apart. Now each
// retry waits the server's Retry-After (on the client's clock).
func TestRenewalWaitsOutA429Burst(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	failTokens(s, "2", 429, 429, 429)
	c, clk := newTestClient(t, s)
	if _, err := c.testGET(context.Background()); err != nil {
		t.Fatalf("the call must survive a 429 burst on /token: %v", err)
	}
	want := []time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second}
	if got := clk.Sleeps(); !equalDurations(got, want) || s.count("POST /token") != 4 {
		t.Fatalf("sleeps %v (want %v), POST /token %d", got, want, s.count("POST /token"))
	}
}

func TestRenewalGivesUpAfterItsBudgetAndSaysSo(t *testing.T) {
	s := newAPIServer(t)
	failTokens(s, "1", 503, 503, 503, 503, 503)
	c, _ := newTestClient(t, s)
	_, err := c.testGET(context.Background())
	if StatusOf(err) != 503 || s.count("POST /token") != 4 || s.count("GET /limits") != 0 {
		t.Fatalf("err %v after %d renewals", err, s.count("POST /token"))
	}
	// A bad key is not retried.
	s2 := newAPIServer(t)
	failTokens(s2, "", 401)
	c2, _ := newTestClient(t, s2)
	if _, err := c2.testGET(context.Background()); !IsAuth(err) || s2.count("POST /token") != 1 {
		t.Fatalf("401 on /token: %v after %d attempts", err, s2.count("POST /token"))
	}
}

// waiters reports how many calls wait on the renewal in flight.
func waiters(c *Client) int {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	if c.auth.inflight == nil {
		return 0
	}
	return c.auth.inflight.waiters
}

// holdTokens makes POST /token wait for release and reports each arrival.
func holdTokens(s *apiServer) (arrived chan struct{}, release chan struct{}) {
	arrived, release = make(chan struct{}, 100), make(chan struct{})
	s.tokenHook = func(w http.ResponseWriter, r *http.Request) bool {
		arrived <- struct{}{}
		<-release
		return false
	}
	return arrived, release
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 2000 && !cond(); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	if !cond() {
		t.Fatalf("never happened: %s", what)
	}
}

func TestConcurrentCallsShareOneRenewal(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	arrived, release := holdTokens(s)
	c, _ := newTestClient(t, s)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.testGET(context.Background())
			errs <- err
		}()
	}
	<-arrived
	waitFor(t, "every call waiting on the one renewal", func() bool { return waiters(c) == n })
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := s.count("POST /token"); got != 1 {
		t.Fatalf("%d concurrent calls made %d renewals, want 1", n, got)
	}
}

// The call that started a renewal may give up (its screen was left); the
// renewal goes on for the others, and a waiter's own ctx still ends its wait.
func TestRenewalOutlivesTheCallThatStartedIt(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	arrived, release := holdTokens(s)
	c, _ := newTestClient(t, s)
	ctxA, cancelA := context.WithCancel(context.Background())
	errA := make(chan error, 1)
	go func() { _, err := c.testGET(ctxA); errA <- err }()
	<-arrived
	errB := make(chan error, 1)
	go func() { _, err := c.testGET(context.Background()); errB <- err }()
	waitFor(t, "B waiting on A's renewal", func() bool { return waiters(c) == 2 })
	cancelA()
	if err := <-errA; !errors.Is(err, context.Canceled) {
		t.Fatalf("A: %v", err)
	}
	close(release)
	if err := <-errB; err != nil {
		t.Fatalf("B lost the renewal A started: %v", err)
	}
	if got := s.count("POST /token"); got != 1 {
		t.Fatalf("%d renewals, want 1", got)
	}
}
