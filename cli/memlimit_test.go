package cli

import (
	"runtime/debug"
	"testing"
)

// The TUI's soft limit is never below the live heap (a limit under it
// makes the collector run without end) nor below its floor.
func TestMemoryLimitNeverBelowTheLiveHeap(t *testing.T) {
	for _, live := range []uint64{0, 1 << 20, 150 << 20, tuiMemoryFloor, 600 << 20, 8 << 30} {
		got := memoryLimitFor(live)
		if got < tuiMemoryFloor || uint64(got) <= live {
			t.Errorf("live %d MB: limit %d MB", live>>20, got>>20)
		}
	}
}

// Without GOMEMLIMIT the TUI sets its limit and puts the previous one back
// when it ends; with GOMEMLIMIT set, the user's limit is left alone.
func TestSoftMemoryLimitRespectsGOMEMLIMIT(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	stop := softMemoryLimit(func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] })
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("GOMEMLIMIT set: the limit moved to %d", got)
	}
	stop()
	stop = softMemoryLimit(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != tuiMemoryFloor {
		t.Fatalf("limit %d, want the floor %d", got, int64(tuiMemoryFloor))
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("after stop the limit is %d, want %d back", got, before)
	}
}
