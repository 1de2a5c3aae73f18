package e2e

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkHealthTUI30k is the issue's TUI figure for org health: `nexla-tui
// sim --flows 30000 --failing 0.01 --latency 20ms` as its own process and the
// TUI against it with the default refresh (so a refresh may fall during the
// check). It waits for the flows tree, opens :health and polls the pane every
// 50 ms: the time from Enter to the first rows and to the complete overview,
// and the TUI process's peak resident set (VmHWM) after the tree and once
// health is complete. Polling bounds the timing error to 50 ms plus a
// capture.
func BenchmarkHealthTUI30k(b *testing.B) { healthTUI30k(b) }

// BenchmarkHealthTUI30kNoMemoryLimit is the same run with GOMEMLIMIT=off:
// the TUI then leaves the limit to the user (cli/memlimit.go), so this is
// the resident set under Go's default pacing alone.
func BenchmarkHealthTUI30kNoMemoryLimit(b *testing.B) { healthTUI30k(b, "GOMEMLIMIT=off") }

func healthTUI30k(b *testing.B, extraEnv ...string) {
	env := append(startSim(b, "--flows", "30000", "--failing", "0.01", "--latency", "20ms"), extraEnv...)
	m := benchTmux(b, "health", env)
	m.create(b)
	defer m.kill()
	m.waitPane(b, "the 30,036-flow tree", func(s string) bool { return strings.Contains(s, "30,036 flows") })
	treeHWM := m.vmHWM(b)
	for _, k := range []string{":", "h", "e", "a", "l", "t", "h"} {
		m.send(b, k)
	}
	start := time.Now()
	m.send(b, "Enter")
	var first time.Duration
	deadline := start.Add(3 * waitFor)
	for {
		s := m.pane()
		if first == 0 && len(healthRow.FindAllString(s, -1)) >= 3 {
			first = time.Since(start)
		}
		if healthDone.MatchString(s) {
			if strings.Contains(s, "could not check") {
				b.Fatalf("the check failed:\n%s", s)
			}
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("health did not complete within %s:\n%s", 3*waitFor, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
	complete := time.Since(start)
	if first == 0 {
		first = complete // the rows and the end came in the same capture
	}
	hwm := m.vmHWM(b)
	for b.Loop() { // the run above is the measurement
	}
	b.ReportMetric(float64(first.Milliseconds()), "ms-first-rows")
	b.ReportMetric(float64(complete.Milliseconds()), "ms-complete")
	b.ReportMetric(float64(treeHWM)/1024, "MB-peak-after-tree")
	b.ReportMetric(float64(hwm)/1024, "MB-peak-with-health")
}
