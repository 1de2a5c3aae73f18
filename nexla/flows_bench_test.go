package nexla_test

import (
	"context"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// BenchmarkListFlows30k lists a 30,000-flow org (~100,000 resources, 300
// pages with run metrics) from the simulator. Merging pages used to rebuild
// its seen-sets per page (quadratic: 3 s of CPU); the ns/op to watch is
// per listing, and flows/op and resources/op show the work done.
func BenchmarkListFlows30k(b *testing.B) {
	e := simtest.Start(b, sim.Options{Seed: 1, ExtraFlows: 30000, Frozen: true})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fr, err := e.Client.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, AccessRole: "collaborator"})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(fr.Flows)), "flows/op")
		b.ReportMetric(float64(len(fr.DataSources)+len(fr.DataSets)+len(fr.DataSinks)), "resources/op")
	}
}
