package credcheck

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The runbook of a failing credential on the simulator: the probe now
// fails, the stored status is the failure with its time, the last change
// names who made it, and the flows it breaks are listed.
func TestCredentialRunbookOfAFailingCredential(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	d := viewtest.Deps(api)
	d.AccessRole = "collaborator"
	s := New(d, 3017)
	viewtest.Feed(t, s, s.Init())
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		viewtest.GoldenFrame(t, "credential_3017", sz.W, sz.H, s.View())
	}
	s.SetSize(160, 48)
	view := viewtest.Plain(s.View())
	for _, want := range []string{"Probe now", "FAILED", "Stored verified status", "403", "Last changed", "Flows it breaks", "flow 8",
		"1 with issues", "✗ failing  flow 800113"} { // health from the session's check, in the tree's words
		if !strings.Contains(view, want) {
			t.Errorf("missing %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "could not read") || strings.Contains(view, "reading…") {
		t.Errorf("a part did not load:\n%s", view)
	}
	if sel, _ := s.Selected(); sel.RT != nexla.DataCredentials || sel.ID != 3017 {
		t.Errorf("selection %+v", sel)
	}
}
