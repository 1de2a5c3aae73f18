package runbook_test

import (
	"context"
	"runtime"
	"testing"
	"weak"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// TestACheckDoesNotKeepThePreviousAlive: a refresh's check reuses the rows
// of the check before it while it runs, and then lets it go. When every
// check held its previous one, a session refreshing every 30 s kept every
// check it ever ran (about 25 MB each at 30,000 flows).
func TestACheckDoesNotKeepThePreviousAlive(t *testing.T) {
	e, c, _ := countedOrg(t, sim.Options{ExtraFlows: 50})
	o := runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}}
	first := runbook.StartHealth(context.Background(), c, o)
	if _, err := first.Wait(); err != nil {
		t.Fatal(err)
	}
	o.Previous = first
	second := runbook.StartHealth(context.Background(), c, o)
	if _, err := second.Wait(); err != nil {
		t.Fatal(err)
	}
	gone := weak.Make(first)
	first, o.Previous = nil, nil
	for range 3 {
		runtime.GC()
	}
	if gone.Value() != nil {
		t.Fatal("the complete check still holds the one before it")
	}
	runtime.KeepAlive(second)
}
