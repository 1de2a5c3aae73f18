package runbook_test

import (
	"context"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// BenchmarkRunbookFill measures the time from opening a runbook to every
// step filled, against the simulator with 50 ms added to every request, and
// reports it as a ratio to the slowest single call of that runbook (the
// floor for any schedule) and to the sum of all calls (what a one-call-at-a-
// time runbook would take).
func BenchmarkRunbookFill(b *testing.B) {
	for _, key := range []string{"credential_expired", "transform_error", "healthy"} {
		b.Run(key, func(b *testing.B) {
			s, c := newSim(b, sim.Faults{LatencyFixed: 50 * time.Millisecond})
			var flowID int64
			for _, sc := range s.Scenarios() {
				if sc.Key == key {
					flowID = sc.FlowID
				}
			}
			// Warm up the token so every measured run pays only API calls.
			if _, err := c.WhoAmI(context.Background()); err != nil {
				b.Fatal(err)
			}
			var total, slowest, serial time.Duration
			var calls int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				f := runbook.NewFacts(runbook.Target{RT: nexla.Flows, ID: flowID}, opts(s))
				for ev := range runbook.Collect(context.Background(), c, runbook.Target{RT: nexla.Flows, ID: flowID}, opts(s)) {
					ev.Apply(f)
					if !ev.Started {
						calls++
						serial += ev.Elapsed
						slowest = max(slowest, ev.Elapsed)
					}
				}
				total += time.Since(start)
			}
			n := time.Duration(b.N)
			b.ReportMetric(float64((total / n).Milliseconds()), "ms/fill")
			b.ReportMetric(float64((slowest).Milliseconds()), "ms-slowest-call")
			b.ReportMetric(float64(total)/float64(n)/float64(slowest), "x-slowest-call")
			b.ReportMetric(float64(serial)/float64(n)/(float64(total)/float64(n)), "x-faster-than-serial")
			b.ReportMetric(float64(calls)/float64(b.N), "calls")
		})
	}
}

// BenchmarkHealth measures the org-wide health overview of the seed-7
// incident org (30 flows, 9 with incidents) against the simulator with 50 ms
// added to every request, through the real client, at the default
// concurrency; it reports the fill time and the API calls it made.
func BenchmarkHealth(b *testing.B) {
	s, c := newSim(b, sim.Faults{LatencyFixed: 50 * time.Millisecond})
	if _, err := c.WhoAmI(context.Background()); err != nil {
		b.Fatal(err)
	}
	counted := &countingAPI{API: c}
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		rows, err := runbook.Health(context.Background(), counted, runbook.HealthOptions{Options: opts(s)})
		total += time.Since(start)
		if err != nil || len(rows) == 0 {
			b.Fatalf("health: %d rows, %v", len(rows), err)
		}
	}
	b.ReportMetric(float64((total / time.Duration(b.N)).Milliseconds()), "ms/fill")
	b.ReportMetric(float64(counted.total())/float64(b.N), "calls")
}
