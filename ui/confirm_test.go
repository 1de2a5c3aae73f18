package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// mutatingHarness is the app over a screen whose p asks for a pause (as the
// flows tree does); called records whether the pause's call ran.
func mutatingHarness(t *testing.T) (*harness, *bool) {
	called := new(bool)
	h := newHarness(t, nil)
	h.screens[0].onKey = map[string]tea.Cmd{"p": Mutate(pauseMutation(called))}
	return h, called
}

// `p` then `y` typed fast (within 150 ms) confirms nothing: y is not the
// confirm key, and even the confirm key counts only after the guard since
// the dialog opened. (y used to both copy an id and confirm.)
func TestKeysTypedAheadNeverConfirm(t *testing.T) {
	h, called := mutatingHarness(t)
	press(h.app, "p")
	if h.app.confirm == nil {
		t.Fatal("p should open the dialog")
	}
	h.clock.after(100 * time.Millisecond)
	press(h.app, "y")
	h.clock.after(40 * time.Millisecond)
	press(h.app, "c")
	if *called || h.app.confirm == nil {
		t.Fatal("keys typed within 150 ms of p confirmed the pause")
	}
	if !strings.Contains(plain(h.app), "too quick") {
		t.Fatalf("the dialog should say why c did nothing:\n%s", plain(h.app))
	}
	h.clock.after(time.Second)
	press(h.app, "c")
	if !*called || h.app.confirm != nil {
		t.Fatal("c after a quiet second must confirm")
	}
}

// A paste never confirms: bracketed (PasteMsg), several characters in one
// key event, or a plain burst of single keys.
func TestPasteNeverConfirms(t *testing.T) {
	h, called := mutatingHarness(t)
	press(h.app, "p")
	for _, m := range []tea.Msg{tea.PasteMsg{Content: "y"}, tea.PasteMsg{Content: "c"},
		tea.KeyPressMsg{Code: 'y', Text: "yc"}} {
		h.clock.after(time.Second)
		run(h.app, func() tea.Msg { return m })
	}
	h.clock.after(time.Second)
	for _, k := range []string{"o", "k", "y", "c"} { // an unbracketed paste: keys 5 ms apart
		press(h.app, k)
		h.clock.after(5 * time.Millisecond)
	}
	if *called || h.app.confirm == nil {
		t.Fatal("a paste confirmed the pause")
	}
	if len(h.screens[0].got) > 0 {
		if _, ok := h.screens[0].got[len(h.screens[0].got)-1].(tea.PasteMsg); ok {
			t.Fatal("a paste reached the screen behind the dialog")
		}
	}
}

// A confirmed call whose answer was lost and settled by re-reading is toasted
// as a warning carrying the client's note (cleaned), so the user reads how
// the change was confirmed; the screen that asked gets the Outcome too.
func TestMutationOutcomeNoteIsToastedAsAWarning(t *testing.T) {
	h := newHarness(t, nil)
	m := pauseMutation(new(bool))
	m.Call = func(context.Context) (nexla.Outcome, error) {
		return nexla.Outcome{Recovery: nexla.ConfirmedByReread,
			Note: "applied; the answer was lost (HTTP 504), confirmed by re-reading\x1b]52;c;x\x07 source 5012"}, nil
	}
	h.screens[0].onKey = map[string]tea.Cmd{"p": Mutate(m)}
	press(h.app, "p")
	h.clock.after(time.Second)
	press(h.app, "c")
	last := h.app.toasts[len(h.app.toasts)-1]
	if last.level != ToastWarn || !strings.HasPrefix(last.text, "paused source 5012: applied; the answer was lost") ||
		strings.Contains(last.text, "\x1b") {
		t.Fatalf("outcome toast %+v", last)
	}
}
