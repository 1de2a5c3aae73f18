// Package viewtest helps the views' tests: run Cmds to their messages,
// compare View() output with golden files (colours stripped), and build
// Deps with a fixed clock.
package viewtest

import (
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/goldenfile"
)

// update rewrites golden files: go test ./views/... -update
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

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
	}
}

// Run executes cmd and every Cmd it batches or sequences, returning the
// leaf messages in order. It stops descending at depth 8 so a re-arming
// tick cannot loop forever.
func Run(cmd tea.Cmd) []tea.Msg { return run(cmd, 0) }

func run(cmd tea.Cmd, depth int) []tea.Msg {
	if cmd == nil || depth > 8 {
		return nil
	}
	msg := cmd()
	switch m := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, run(c, depth+1)...)
		}
		return out
	case nil:
		return nil
	}
	return []tea.Msg{msg}
}

// Key builds a key press: "enter", "esc", "space", "up", or a printable text like "p" or "P".
func Key(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	r := []rune(s)
	k := tea.KeyPressMsg{Code: r[0], Text: s}
	if r[0] >= 'A' && r[0] <= 'Z' {
		k.Code = r[0] + 32
		k.ShiftedCode = r[0]
		k.Mod = tea.ModShift
	}
	return k
}

// Plain strips escape sequences: goldens are compared with colours off.
func Plain(s string) string { return ansi.Strip(s) }

// CheckSize fails unless view is exactly w x h cells.
func CheckSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("view line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

// Sizes are the terminal sizes every screen's goldens are taken at.
var Sizes = [...]struct{ W, H int }{{80, 24}, {160, 48}}

// GoldenFrame checks that view fills exactly w x h and compares it with
// testdata/<name>_<w>x<h>.golden.
func GoldenFrame(t *testing.T, name string, w, h int, view string) {
	t.Helper()
	CheckSize(t, view, w, h)
	Golden(t, name+"_"+strconv.Itoa(w)+"x"+strconv.Itoa(h), view)
}

// Golden compares the plain view with testdata/<name>.golden.
func Golden(t *testing.T, name, view string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), Plain(view)+"\n", *update, "go test -update")
}
