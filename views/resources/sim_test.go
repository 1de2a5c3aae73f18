package resources

import (
	"strconv"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// Every family streamed from the simulator through the real client.
func TestGoldenSimulatorDemoOrg(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	for _, rt := range []nexla.ResourceType{nexla.DataSources, nexla.DataSets, nexla.DataSinks, nexla.DataCredentials} {
		s := loaded(t, api, rt, nil)
		if len(s.recs) == 0 {
			t.Fatalf("%s: no rows from the simulator", rt)
		}
		for _, sz := range viewtest.Sizes {
			s.SetSize(sz.W, sz.H)
			viewtest.GoldenFrame(t, "sim_"+rt.Singular(), sz.W, sz.H, s.View())
		}
	}
}

// A source shared with the caller as collaborator (the permission_denied
// scenario: owned by the finance team) is listed only because the screen
// sends access_role; with "owner" it is invisible, as on a real Nexla.
func TestSharedSourceListedWithAccessRole(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	var shared int64
	for _, sc := range sm.Scenarios() {
		if sc.Key == "permission_denied" {
			shared = sc.SourceID
		}
	}
	if shared == 0 {
		t.Fatal("the demo org has no permission_denied scenario")
	}
	has := func(s *Screen) bool {
		for _, r := range s.recs {
			if r.ID == shared {
				return true
			}
		}
		return false
	}
	s := loaded(t, api, nexla.DataSources, nil)
	if !has(s) {
		t.Fatalf("source %d (shared as collaborator) is missing from the sources table", shared)
	}
	if !s.table.SelectKey(strconv.FormatInt(shared, 10)) {
		t.Fatalf("source %d has no row in the table", shared)
	}
	owned := loaded(t, api, nexla.DataSources, func(d *ui.Deps) { d.AccessRole = "owner" })
	if has(owned) {
		t.Fatalf("access_role=owner must hide source %d (owned by someone else)", shared)
	}
	if len(owned.recs) >= len(s.recs) {
		t.Fatalf("owner-only should list fewer sources: %d vs %d", len(owned.recs), len(s.recs))
	}
}
