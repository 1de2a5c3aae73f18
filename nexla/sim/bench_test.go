package sim_test

import (
	"fmt"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// scaleFlows generated flows make ~100,000 resources (3.33 per flow).
const scaleFlows = 30000

// BenchmarkGenerate100k measures building an org of ~100,000 resources,
// reporting the heap it keeps (retained-MB) and the resource count.
func BenchmarkGenerate100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		s, err := sim.New(sim.Options{Seed: int64(i), ExtraFlows: scaleFlows, Start: testStart, Frozen: true})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MB")
		runtime.KeepAlive(s)
	}
}

// BenchmarkListPage100k measures one page of 100 nexsets out of ~40,000
// through the real HTTP handler (filtering, paging and JSON rendering).
func BenchmarkListPage100k(b *testing.B) {
	e := simtest.Start(b, sim.Options{Seed: 1, ExtraFlows: scaleFlows, Start: testStart, Frozen: true, TokenLifetime: 24 * time.Hour})
	token := e.Login(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/data_sets?access_role=all&page=%d&per_page=100", e.Root, 1+i%400), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("page: %v %v", err, resp)
		}
		var items []map[string]any
		decode(b, resp, &items)
	}
}
