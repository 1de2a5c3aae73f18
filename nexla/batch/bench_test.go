package batch_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// BenchmarkBulkPause1000 pauses 1,000 flows (the simulator's scale
// generator, --flows) at 20 ms per request, 20 at a time, with a
// checkpoint line per flow, and reports the time as a ratio of the bound
// ceil(1000 / concurrency) x RTT (x_bound; 1.0 is the bound itself).
// Iterations alternate pause and activate so each one changes every flow.
func BenchmarkBulkPause1000(b *testing.B) {
	const flows, concurrency, rtt = 1000, 20, 20 * time.Millisecond
	e := simtest.Start(b, sim.Options{Seed: 1, ExtraFlows: flows, Start: start, Frozen: true, TokenLifetime: 24 * time.Hour})
	fr, err := e.Client.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for _, f := range fr.Flows {
		if f.Status == nexla.StatusActive && len(ids) < flows {
			ids = append(ids, f.ID)
		}
	}
	if len(ids) != flows {
		b.Fatalf("%d active flows", len(ids))
	}
	if err := e.Sim.SetFaults(sim.Faults{LatencyFixed: rtt}); err != nil {
		b.Fatal(err)
	}
	bound := time.Duration(math.Ceil(float64(flows)/concurrency)) * rtt
	dir := b.TempDir()
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		action := []string{"pause", "activate"}[i%2]
		items := make([]batch.Item, len(ids))
		for k, id := range ids {
			items[k] = batch.Item{ID: id, State: batch.Pending}
		}
		t0 := time.Now()
		j, err := batch.Create(dir+"/cp.jsonl", batch.Header{Action: action, Items: items})
		if err != nil {
			b.Fatal(err)
		}
		r := batch.Runner{Target: batch.Flows{Client: e.Client, Action: action}, Concurrency: concurrency, Journal: j}
		got, err := r.Run(context.Background(), items, false)
		_ = j.Remove()
		total += time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range got {
			if it.State != batch.Applied {
				b.Fatalf("flow %d: %s %s", it.ID, it.State, it.Error)
			}
		}
	}
	b.ReportMetric(float64(total)/float64(b.N)/float64(bound), "x_bound")
	b.ReportMetric(float64(bound.Milliseconds()), "bound-ms")
}
