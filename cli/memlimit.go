package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The TUI's soft memory limit (docs/decisions.md, "TUI soft memory limit").
// Go's collector lets the heap grow to twice the live heap between
// collections (GOGC=100): at 30,000 flows, with the flows tree and :health
// open, about 150 MB live became 300-340 MB resident. A soft limit makes
// the collector run before that, but a limit below the live heap would make
// it run without end: so the limit follows the live heap, never below
// liveHeadroom times it, and never below tuiMemoryFloor. GOMEMLIMIT, when
// set, is the user's choice and is left alone.
const (
	tuiMemoryFloor = 200 << 20 // bytes; a small org never feels the limit
	// liveHeadroomNum/Den: the limit is at least 5/4 of the live heap.
	liveHeadroomNum, liveHeadroomDen = 5, 4
)

// memoryLimitFor is the soft limit for a live heap of live bytes.
func memoryLimitFor(live uint64) int64 {
	return max(tuiMemoryFloor, int64(live)*liveHeadroomNum/liveHeadroomDen)
}

// softMemoryLimit sets the TUI's soft memory limit unless GOMEMLIMIT is set,
// and moves it after every collection to follow the live heap. stop puts
// the previous limit back and stops following.
func softMemoryLimit(getenv func(string) string) (stop func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	var mu sync.Mutex // stop and a collection's follow-up never interleave
	stopped := false
	var follow func()
	follow = func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(memoryLimitFor(live[0].Value.Uint64()))
		}
		afterNextGC(follow)
	}
	prev := debug.SetMemoryLimit(tuiMemoryFloor)
	afterNextGC(follow)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetMemoryLimit(prev)
	}
}

// afterNextGC runs fn (on the runtime's cleanup goroutine) once a
// collection has found a fresh object unreachable: after the next cycle.
// The object is 64 bytes so it is not batched with others in a tiny block.
func afterNextGC(fn func()) {
	runtime.AddCleanup(new([64]byte), func(struct{}) { fn() }, struct{}{})
}
