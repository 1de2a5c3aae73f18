package resources

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// pressAffected presses B on the row with key and returns the toast.
func pressAffected(t *testing.T, s *Screen, key string) string {
	t.Helper()
	if !s.table.SelectKey(key) {
		t.Fatalf("no row %s", key)
	}
	out := viewtest.Press(t, s, "B")
	if len(out) != 1 {
		t.Fatalf("B answered %#v", out)
	}
	return out[0].(ui.ToastMsg).Text
}

// B on a credential row marks every flow it breaks (the demo's 3005 breaks
// 14, as its blast radius lists), read off the update loop from one flows
// listing; p then asks one confirmation for those 14; nothing is sent.
// On a source that uses 3005, B marks the same 14; on a nexset it marks
// nothing and says why.
func TestAffectedKeyMarksEveryFlowACredentialBreaks(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	c := loaded(t, api, nexla.DataCredentials, nil)
	_, cmd := c.Update(viewtest.Key("B"))
	if c.Marked() != 0 || cmd == nil {
		t.Fatalf("B must mark only once the listing is read (off Update): %d marked", c.Marked())
	}
	if toast := pressAffected(t, c, "3005"); !strings.Contains(toast, "marked 14 flows that credential 3005 breaks (14 marked)") {
		t.Fatalf("toast %q", toast)
	}
	if c.Marked() != 14 {
		t.Fatalf("%d marked", c.Marked())
	}
	m, ok := viewtest.Press(t, c, "p")[0].(ui.MutateMsg)
	if !ok || !strings.HasPrefix(m.Mutation.Confirm.Title, "Pause 14 flows") || len(m.Mutation.Confirm.Effects) != 15 {
		t.Fatalf("p after B: %#v", m)
	}
	viewtest.Press(t, c, "U")
	if c.Marked() != 0 {
		t.Fatalf("U left %d marks on the credentials table", c.Marked())
	}

	src := loaded(t, api, nexla.DataSources, nil)
	if toast := pressAffected(t, src, "10013"); !strings.Contains(toast, "marked 14 flows that credential 3005 breaks") || src.Marked() != 14 {
		t.Fatalf("B on source 10013 (uses 3005): %d marked, %q", src.Marked(), toast)
	}
	sets := loaded(t, api, nexla.DataSets, nil)
	sets.table.SetCursor(0)
	r, _ := sets.current()
	if toast := pressAffected(t, sets, sets.table.Rows()[sets.table.Cursor()].Key); !strings.Contains(toast, "nexset uses no credential") || sets.Marked() != 0 {
		t.Fatalf("B on nexset %d: %d marked, %q", r.ID, sets.Marked(), toast)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("marking and asking sent %+v", got)
	}
}

// Read-only: B still marks (it changes nothing), and p on the marks is
// refused by the shell before any dialog (the action is in the screen's
// help, marked Mutates).
func TestAffectedMarksReadOnlyPauseRefused(t *testing.T) {
	sm, api := viewtest.Sim(t, true)
	c := loaded(t, api, nexla.DataCredentials, func(d *ui.Deps) { d.ReadOnly = true })
	pressAffected(t, c, "3005")
	var pause bool
	for _, g := range c.FullHelp() {
		for _, a := range g {
			pause = pause || (a.Mutates && a.Help().Key == "p")
		}
	}
	if !pause {
		t.Fatal("the credentials table's help lacks p: the shell could not refuse it in read-only")
	}
	if text, ok := viewtest.Refusal(ui.Deps{ReadOnly: true}, viewtest.Press(t, c, "p")); !ok || !strings.Contains(text, "read-only") {
		t.Fatalf("read-only refusal: %q", text)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("read-only sent %+v", got)
	}
}

// When the flows listing B reads fails, nothing is marked and the toast
// says the read failed (never "breaks no flow").
func TestAffectedKeyOnAFailedListingMarksNothing(t *testing.T) {
	d, p := viewtest.Faulty(t, simtest.NoFault, "")
	c := New(d, nexla.DataCredentials)
	c.SetSize(80, 24)
	viewtest.Feed(t, c, c.Init())
	p.Set(simtest.Unavailable, "/flows")
	toast := pressAffected(t, c, "3005")
	if c.Marked() != 0 || !strings.Contains(toast, "nothing marked: ") || strings.Contains(toast, "breaks no flow") {
		t.Fatalf("B with the listing down: %d marked, %q", c.Marked(), toast)
	}
}
