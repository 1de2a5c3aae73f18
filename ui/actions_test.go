package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
)

// markedStub declares its pause under a key no global binding uses, so
// only the Mutates mark can tell the shell that x changes the org.
type markedStub struct{ *stubScreen }

func (s markedStub) ShortHelp() []keymap.Action {
	pause := keymap.Default().Pause
	k, err := keymap.Defaults().WithOverrides(map[string][]string{"pause": {"x"}})
	if err == nil {
		pause = k.Global.Pause
	}
	return []keymap.Action{keymap.DefaultScreens().Detail.Raw, pause}
}
func (s markedStub) FullHelp() [][]keymap.Action { return [][]keymap.Action{s.ShortHelp()} }

// In read-only mode the shell reads the action's Mutates mark: the marked
// key never reaches the screen and says why, an unmarked key does reach
// it, and the footer and help show the marked action dimmed with a
// "(read-only)" label that is visible with colours off. Read/write, the
// same key reaches the screen and no label shows.
func TestReadOnlyReadsTheMutatesMark(t *testing.T) {
	for _, readOnly := range []bool{true, false} {
		var stub *stubScreen
		h := newHarness(t, func(c *AppConfig) {
			c.Deps.ReadOnly = readOnly
			c.Routes = testRoutes(func(r Route, d Deps) (Screen, error) {
				stub = &stubScreen{title: "marked"}
				return markedStub{stub}, nil
			})
		})
		footer := ansi.Strip(h.app.renderFooter())
		press(h.app, "x", "v")
		got := map[string]bool{}
		for _, m := range stub.got {
			if k, ok := m.(interface{ String() string }); ok {
				got[k.String()] = true
			}
		}
		if !got["v"] {
			t.Fatalf("read-only=%v: the unmarked key v must reach the screen", readOnly)
		}
		if got["x"] == readOnly {
			t.Fatalf("read-only=%v: the marked key x reached the screen: %v", readOnly, got["x"])
		}
		wantFooter := "x pause (read-only)"
		if !readOnly {
			wantFooter = "x pause  "
		}
		if !strings.Contains(footer, wantFooter) || strings.Contains(footer, "raw JSON (read-only)") {
			t.Fatalf("read-only=%v footer: %q", readOnly, footer)
		}
		if readOnly && !strings.Contains(plain(h.app), ReadOnlyRefusal("pause")[:30]) {
			t.Fatalf("refusal not shown:\n%s", plain(h.app))
		}
		press(h.app, "?")
		helpText := plain(h.app)
		if strings.Contains(helpText, "pause (read-only)") != readOnly {
			t.Fatalf("read-only=%v help:\n%s", readOnly, helpText)
		}
	}
}
