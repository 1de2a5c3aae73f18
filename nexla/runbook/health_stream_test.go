package runbook_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// heldPages holds every org-health page after the first at the transport
// until released: the org's health is still being read.
type heldPages struct {
	next    http.RoundTripper
	release chan struct{}
}

func (h heldPages) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/health/org/flows") && r.URL.Query().Get("page") != "1" {
		select {
		case <-h.release:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return h.next.RoundTrip(r)
}

// Rows stream in while the org's health is still being read: a flow whose
// latest run is on the first org-health page is judged once the dashboard
// has answered, before the other pages arrive (they used to be awaited, all
// of them, before the first listing page was judged). Once released, the
// check completes with every flow.
func TestHealthRowsStreamBeforeTheTriageEnds(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true, ExtraFlows: 1500})
	held := heldPages{next: http.DefaultTransport, release: make(chan struct{})}
	c := e.NewClient(t, nexla.WithHTTPClient(&http.Client{Transport: held}))
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	hc := runbook.StartHealth(ctx, c, runbook.HealthOptions{Options: runbook.Options{Now: e.Sim.Now}})
	deadline := time.Now().Add(60 * time.Second)
	for hc.Snapshot().Shown == 0 {
		if time.Now().After(deadline) {
			close(held.release)
			t.Fatal("no row while the org health's later pages were held")
		}
		select {
		case <-hc.Updates():
		case <-time.After(50 * time.Millisecond):
		}
	}
	if snap := hc.Snapshot(); snap.Complete || snap.Triage != "" {
		t.Fatalf("the triage should still be reading: complete %v, triage %q", snap.Complete, snap.Triage)
	}
	close(held.release)
	rows, err := hc.Wait()
	snap := hc.Snapshot()
	if err != nil || len(rows) < 1500 || snap.Checked != snap.Total || !strings.HasPrefix(snap.Triage, "triage: org health + 24 h dashboard") {
		t.Fatalf("%d rows, checked %d of %d, triage %q, err %v", len(rows), snap.Checked, snap.Total, snap.Triage, err)
	}
}
