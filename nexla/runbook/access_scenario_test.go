package runbook_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// The permission-denied finding names who can help: the owners and admins
// among the flow's accessors, read only because the caller may not operate
// the flow (a healthy flow the caller owns reads no accessors).
func TestPermissionDeniedNamesWhoCanHelp(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	var denied, healthy int64
	for _, sc := range s.Scenarios() {
		switch sc.Key {
		case runbook.CausePermissionDenied:
			denied = sc.FlowID
		case "healthy":
			healthy = sc.FlowID
		}
	}
	r, f := runbook.Diagnose(context.Background(), c, runbook.Target{RT: nexla.Flows, ID: denied}, opts(s))
	if f.AccessorsErr != nil || len(f.Accessors) == 0 {
		t.Fatalf("accessors not read: %v", f.AccessorsErr)
	}
	var note *runbook.Finding
	for i := range r.Findings {
		if r.Findings[i].Cause == runbook.CausePermissionDenied {
			note = &r.Findings[i]
		}
	}
	if note == nil {
		t.Fatal("no permission finding")
	}
	text := strings.Join(note.Evidence, "\n") + "\n" + note.Fix
	if !strings.Contains(text, "who can grant it") || !strings.Contains(text, "owner ") || !strings.Contains(note.Fix, "u lists who has access") {
		t.Fatalf("the finding does not name who can help:\n%s", text)
	}
	_, hf := runbook.Diagnose(context.Background(), c, runbook.Target{RT: nexla.Flows, ID: healthy}, opts(s))
	if hf.Accessors != nil {
		t.Fatalf("accessors read for a flow the caller may operate: %+v", hf.Accessors)
	}
}
