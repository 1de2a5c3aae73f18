package runbook_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// callCounter counts the API requests a client sends (the token exchange
// aside), by kind: listing pages (flows, org health, dashboard) and the rest.
type callCounter struct {
	next     http.RoundTripper
	listing  atomic.Int64
	deep     atomic.Int64
	mu       sync.Mutex
	byPrefix map[string]int
}

func (c *callCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	p := strings.TrimPrefix(r.URL.Path, "/nexla-api")
	switch {
	case p == "/token" || strings.HasPrefix(p, "/token/"):
	case p == "/flows" || strings.HasPrefix(p, "/health/org/") || strings.HasSuffix(p, "/flows/dashboard"):
		c.listing.Add(1)
	default:
		c.deep.Add(1)
		c.mu.Lock()
		if c.byPrefix == nil {
			c.byPrefix = map[string]int{}
		}
		c.byPrefix[p[strings.LastIndexByte(p, '/')+1:]]++
		c.mu.Unlock()
	}
	return c.next.RoundTrip(r)
}

func (c *callCounter) total() int64 { return c.listing.Load() + c.deep.Load() }

// countedOrg serves a frozen simulator with extra flows (share failing) and
// returns a client whose requests are counted.
func countedOrg(tb testing.TB, o sim.Options) (*simtest.Env, *nexla.Client, *callCounter) {
	tb.Helper()
	o.Seed, o.Start, o.Frozen = 7, simStart, true
	e := simtest.Start(tb, o)
	cc := &callCounter{next: http.DefaultTransport}
	c := e.NewClient(tb, nexla.WithHTTPClient(&http.Client{Transport: cc}))
	return e, c, cc
}

// BenchmarkHealthOrg30k is the issue's benchmark: health over a 30,000-flow
// simulated org with about 1% of its flows failing and 20 ms added to every
// request. It reports the API calls (listing pages apart), the calls per
// flow, the ratio of calls to the budget "listing pages + 6 x flows with
// issues" (<= 1 is within it), the time to the first rows and to the
// complete overview.
func BenchmarkHealthOrg30k(b *testing.B) {
	e, c, cc := countedOrg(b, sim.Options{ExtraFlows: 30000, ExtraFailing: 0.01,
		Faults: sim.Faults{LatencyFixed: 20 * time.Millisecond}})
	if _, err := c.WhoAmI(context.Background()); err != nil {
		b.Fatal(err)
	}
	cc.listing.Store(0)
	cc.deep.Store(0)
	var total, first time.Duration
	var rows, issues int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var firstAt time.Duration
		hc := runbook.StartHealth(context.Background(), c, runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
		for range hc.Updates() {
			if firstAt == 0 && hc.Snapshot().Shown > 0 {
				firstAt = time.Since(start)
			}
		}
		snap := hc.Snapshot()
		total += time.Since(start)
		first += firstAt
		rows, issues = len(snap.Rows), snap.WithIssues
		if snap.Err != nil || rows == 0 {
			b.Fatalf("health: %d rows, %v", rows, snap.Err)
		}
	}
	n := float64(b.N)
	calls := float64(cc.total()) / n
	listing := float64(cc.listing.Load()) / n
	b.ReportMetric(float64(rows), "flows")
	b.ReportMetric(float64(issues), "with-issues")
	b.ReportMetric(calls, "calls")
	b.ReportMetric(listing, "listing-calls")
	b.ReportMetric(calls/float64(rows), "calls/flow")
	b.ReportMetric(calls/(listing+6*float64(issues)), "x-budget")
	b.ReportMetric(float64(first.Milliseconds())/n, "ms-first-rows")
	b.ReportMetric(float64(total.Milliseconds())/n, "ms-complete")
	b.Logf("deep calls by kind: %v", cc.byPrefix)
}
