package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A warning long enough to wrap in the dialog continues under its text on
// every line: the box is not narrower than the wrap (lipgloss v2 counts the
// border and the padding in Width), which left a word alone at the box's
// edge ("│ is").
func TestConfirmWarningWrapsInsideTheBox(t *testing.T) {
	called := new(bool)
	h := newHarness(t, nil)
	m := pauseMutation(called)
	m.Confirm.Warnings = []string{`source "Vendor Catalog Sync" (id 10007) is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow ("Flow is rate limited"): once paused, the flow would stay paused (activation would be refused)`}
	h.screens[0].onKey = map[string]tea.Cmd{"p": Mutate(m)}
	press(h.app, "p")
	lines := strings.Split(plain(h.app), "\n")
	start := -1
	for i, l := range lines {
		if strings.Contains(l, "Warning: ") {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatalf("no warning in the dialog:\n%s", strings.Join(lines, "\n"))
	}
	col := func(l, sub string) int { return ansi.StringWidth(l[:strings.Index(l, sub)]) }
	indent := col(lines[start], "Warning: ") + len("Warning: ")
	for _, l := range lines[start+1:] {
		inner := strings.TrimRight(strings.Trim(strings.TrimSpace(l), "│"), " ")
		if strings.TrimSpace(inner) == "" {
			break // the end of the warning
		}
		if lead := col(l, strings.TrimSpace(inner)); lead != indent {
			t.Fatalf("a continuation of the warning starts at column %d, not under its text (%d): %q\n%s", lead, indent, l, strings.Join(lines, "\n"))
		}
	}
}
