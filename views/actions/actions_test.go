package actions

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// Before any change the log says what it will list, and when the session
// began in the clock's zone (the entries come from the shell's mutation
// path: ui's TestActionLogRecordsMutationsAndOutcomes and apptest's
// TestActionsListsThisSessionsChanges).
func TestEmptySessionLogGolden(t *testing.T) {
	for _, size := range viewtest.Sizes {
		d := viewtest.Deps(nil)
		d.Actions = ui.NewActionLog(viewtest.Clock)
		s := New(d)
		s.SetSize(size.W, size.H)
		v := s.View()
		viewtest.GoldenFrame(t, "empty", size.W, size.H, v)
		if p := viewtest.Plain(v); !strings.Contains(p, "since 09:30 UTC") || !strings.Contains(p, "nothing changed yet") {
			t.Fatalf("%dx%d:\n%s", size.W, size.H, p)
		}
	}
}
