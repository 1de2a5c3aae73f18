package nexla_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// Page 0 of Notifications and AuditLog reads every page, as resource lists do;
// a positive Page reads that page alone. Checked against the simulator's
// unpaged answer (no page/per_page: everything, §3.1).
func TestNotificationsAndAuditPageZeroReadsEveryPage(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 5, Frozen: true})
	ctx := context.Background()
	c := e.Client

	// The server's own count, read past the client (which has no call for it).
	_, body := e.Call(t, http.MethodGet, "/notifications/count", "")
	var count struct{ Count int }
	if err := json.Unmarshal(body, &count); err != nil || count.Count < 5 {
		t.Fatalf("count %s %v: the test needs several notifications", body, err)
	}
	total := count.Count
	all, err := c.Notifications(ctx, nexla.NotificationOptions{PerPage: 2})
	if err != nil || len(all) != total {
		t.Fatalf("page 0, per_page 2: %d notifications (want %d), %v", len(all), total, err)
	}
	seen := map[int64]bool{}
	for i, n := range all {
		if seen[n.ID] {
			t.Fatalf("notification %d twice", n.ID)
		}
		seen[n.ID] = true
		if i > 0 && n.CreatedAt.After(all[i-1].CreatedAt.Time) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	one, err := c.Notifications(ctx, nexla.NotificationOptions{Page: 2, PerPage: 2})
	if err != nil || len(one) != 2 || one[0].ID != all[2].ID {
		t.Fatalf("page 2 alone: %d items %v", len(one), err)
	}
	capped, err := c.Notifications(ctx, nexla.NotificationOptions{PerPage: 2, Limit: 3})
	if err != nil || len(capped) != 3 || capped[2].ID != all[2].ID {
		t.Fatalf("limit 3: %d items %v", len(capped), err)
	}

	flowID := e.Scenario(t, "credential_expired").FlowID
	resp, _ := e.Call(t, http.MethodGet, "/flows/"+strconv.FormatInt(flowID, 10)+"/audit_log", "")
	want := resp.Header.Get("X-Total-Count")
	entries, err := c.AuditLog(ctx, nexla.Flows, flowID, nexla.AuditOptions{PerPage: 1})
	if err != nil || strconv.Itoa(len(entries)) != want || len(entries) < 3 {
		t.Fatalf("audit page 0, per_page 1: %d entries (server total %s), %v", len(entries), want, err)
	}
	first, err := c.AuditLog(ctx, nexla.Flows, flowID, nexla.AuditOptions{Page: 1, PerPage: 1})
	if err != nil || len(first) != 1 || first[0].ID != entries[0].ID {
		t.Fatalf("audit page 1 alone: %+v %v", first, err)
	}
}
