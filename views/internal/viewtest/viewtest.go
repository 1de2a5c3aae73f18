// Package viewtest helps the views' tests: run Cmds to their messages,
// compare View() output with golden files (colours stripped), and build
// Deps with a fixed clock.
package viewtest

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/testkit"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
)

// Clock is the fixed "now" of every view test, so relative times are stable.
var Clock = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// Deps builds screen dependencies over api with the fixed clock, a
// colourless theme and the CLI's default access role (collaborator: list
// everything the caller can see, not only what it owns).
func Deps(api nexla.API) ui.Deps {
	return ui.Deps{
		API:        api,
		Theme:      theme.New(theme.Options{NoColor: true}),
		Keys:       keymap.Default(),
		Now:        func() time.Time { return Clock },
		AccessRole: "collaborator",
		// Times in UTC, so goldens read the same in every zone (screens
		// name the zone they show).
		Location: time.UTC,
	}
}

// Run executes cmd and every Cmd it batches, returning the leaf messages
// in order (testkit.Run).
func Run(cmd tea.Cmd) []tea.Msg { return testkit.Run(cmd) }

// Key builds a key press (testkit.Key): "enter", "esc", "space", "up", or a
// printable text like "p" or "P".
func Key(s string) tea.KeyPressMsg { return testkit.Key(s) }

// Plain strips escape sequences: goldens are compared with colours off.
func Plain(s string) string { return ansi.Strip(s) }

// CheckSize fails unless view is exactly w x h cells (testkit.CheckSize).
func CheckSize(t *testing.T, view string, w, h int) { t.Helper(); testkit.CheckSize(t, view, w, h) }

// Sizes are the terminal sizes every screen's goldens are taken at.
var Sizes = [...]struct{ W, H int }{{80, 24}, {160, 48}}

// GoldenFrame checks that view fills exactly w x h and compares it with
// testdata/<name>_<w>x<h>.golden.
func GoldenFrame(t *testing.T, name string, w, h int, view string) {
	t.Helper()
	CheckSize(t, view, w, h)
	Golden(t, name+"_"+strconv.Itoa(w)+"x"+strconv.Itoa(h), view)
}

// Golden compares the plain view with testdata/<name>.golden
// (testkit.Golden: go test ./views/... -update rewrites it).
func Golden(t *testing.T, name, view string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name+".golden"), Plain(view)+"\n")
}
