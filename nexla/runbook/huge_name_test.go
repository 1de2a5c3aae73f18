package runbook

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// hugeNameFacts collects the runbook of source 10013 (seed 1) whose name the
// API sends 10 MB long.
func hugeNameFacts(tb testing.TB) *Facts {
	tb.Helper()
	const name = "Orders Parquet Export"
	e := simtest.Start(tb, sim.Options{Seed: 1, Start: time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC), Frozen: true})
	c, err := nexla.New(nexla.Settings{BaseURL: e.Rewriting(tb, name, name+strings.Repeat("x", 10<<20)), ServiceKey: e.Sim.ServiceKey()})
	if err != nil {
		tb.Fatal(err)
	}
	_, f := Diagnose(tb.Context(), c, Target{RT: nexla.DataSources, ID: 10013}, Options{})
	if f.Flow == nil || len(f.Resources) == 0 || len(configChanges(f)) == 0 {
		tb.Fatalf("the runbook collected no flow, resources or config changes: %v", f.errs)
	}
	return f
}

// Analyze runs on the runbook screen's update loop after every answer. With
// a 10 MB name it copied the whole name into every resource label (1.1 s an
// Analyze; the TUI ignored ctrl+c and SIGTERM behind it). It now reads a
// bounded part of any name: one Analyze allocates well under a megabyte.
func TestAnalyzeWithTenMegabyteNameAllocatesBoundedBytes(t *testing.T) {
	f := hugeNameFacts(t)
	Analyze(f) // warm: lazily built indexes
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := Analyze(f)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 2<<20 {
		t.Fatalf("one Analyze allocated %d bytes with a 10 MB name", got)
	}
	if !strings.Contains(strings.Join(r.Step(StepConfig).Details, "\n"), `source "Orders Parquet Exportxxx`) {
		t.Fatalf("the configuration step does not name the source: %q", r.Step(StepConfig).Details)
	}
}

// BenchmarkAnalyzeTenMegabyteName: one Analyze of a runbook whose source
// is named with 10 MB (a frame is 16 ms).
func BenchmarkAnalyzeTenMegabyteName(b *testing.B) {
	f := hugeNameFacts(b)
	for b.Loop() {
		Analyze(f)
	}
}
