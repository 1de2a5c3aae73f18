package sim_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// The switches for the points the contract leaves open: every value is
// served as documented, and bad values are refused.

func TestLogUnitReadings(t *testing.T) {
	type ask struct {
		name     string
		from, to func(startMs, endMs int64) int64
		want     bool // lines expected
	}
	ms := func(v int64) int64 { return v }
	sec := func(v int64) int64 { return v / 1000 }
	asks := []ask{
		{"ms", func(a, _ int64) int64 { return ms(a - 1000) }, func(_, b int64) int64 { return ms(b + 1000) }, true},
		{"seconds", func(a, _ int64) int64 { return sec(a) - 1 }, func(_, b int64) int64 { return sec(b) + 1 }, true},
	}
	for _, c := range []struct {
		unit string
		want map[string]bool // ask name -> lines expected
	}{
		{"", map[string]bool{"ms": true, "seconds": true}},
		{sim.LogUnitEither, map[string]bool{"ms": true, "seconds": true}},
		{sim.LogUnitSeconds, map[string]bool{"ms": false, "seconds": true}},
		{sim.LogUnitMillis, map[string]bool{"ms": true, "seconds": false}},
	} {
		t.Run("unit="+c.unit, func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 1, LogUnit: c.unit})
			sc := h.scenario("credential_expired")
			run := h.lastRuns("data_sources", sc.SourceID, 1)[0].RunID
			end := run + 5*60*1000 // runs last under 4 minutes
			for _, a := range asks {
				var lb logsBody
				h.getJSON(fmt.Sprintf("/flows/%d/logs?run_id=%d&from=%d&to=%d", sc.FlowID, run, a.from(run, end), a.to(run, end)), &lb)
				if got := len(lb.Logs.Data) > 0; got != c.want[a.name] {
					t.Errorf("from/to in %s: %d lines, want lines=%v", a.name, len(lb.Logs.Data), c.want[a.name])
				}
			}
			// from alone in the client's unit (ms): under "s" it is far in
			// the future, so a real seconds server answers nothing.
			var lb logsBody
			h.getJSON(fmt.Sprintf("/flows/%d/logs?run_id=%d&from=%d", sc.FlowID, run, run-1000), &lb)
			if got, want := len(lb.Logs.Data) > 0, c.unit != sim.LogUnitSeconds; got != want {
				t.Errorf("from alone in ms: %d lines, want lines=%v", len(lb.Logs.Data), want)
			}
		})
	}
	if _, err := sim.New(sim.Options{LogUnit: "minutes"}); err == nil {
		t.Error(`LogUnit "minutes" accepted`)
	}
}

func TestRunOrderReadings(t *testing.T) {
	for _, order := range []string{"", sim.RunOrderDesc, sim.RunOrderAsc} {
		t.Run("order="+order, func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 1, RunOrder: order})
			sc := h.scenario("high_error_rate")
			var all runSummary
			h.getJSON(fmt.Sprintf("/data_sources/%d/metrics/run_summary", sc.SourceID), &all)
			total := int(all.Metrics.Meta["totalCount"])
			if total < 100 || len(all.Metrics.Data) != 100 { // size defaults to 100
				t.Fatalf("%d rows, meta %v", len(all.Metrics.Data), all.Metrics.Meta)
			}
			var ids []int64
			const size = 25
			pages := int64((total + size - 1) / size)
			for p := int64(1); p <= pages+1; p++ {
				var rs runSummary
				h.getJSON(fmt.Sprintf("/data_sources/%d/metrics/run_summary?page=%d&size=%d", sc.SourceID, p, size), &rs)
				m := rs.Metrics.Meta
				if m["currentPage"] != p || m["pageCount"] != pages || m["totalCount"] != int64(total) {
					t.Errorf("page %d meta %v, want pageCount %d totalCount %d", p, m, pages, total)
				}
				if p > pages && len(rs.Metrics.Data) != 0 {
					t.Errorf("page %d past the end holds %d rows", p, len(rs.Metrics.Data))
				}
				for _, r := range rs.Metrics.Data {
					ids = append(ids, r.RunID)
				}
			}
			if len(ids) != total {
				t.Fatalf("pages hold %d rows, want %d", len(ids), total)
			}
			oldestFirst := slices.IsSorted(ids)
			newestFirst := slices.IsSortedFunc(ids, func(a, b int64) int { return cmp.Compare(b, a) })
			if wantAsc := order == sim.RunOrderAsc; oldestFirst != wantAsc || newestFirst == wantAsc {
				t.Errorf("order %q: oldest first %v, newest first %v", order, oldestFirst, newestFirst)
			}
		})
	}
	if _, err := sim.New(sim.Options{RunOrder: "newest"}); err == nil {
		t.Error(`RunOrder "newest" accepted`)
	}
}
