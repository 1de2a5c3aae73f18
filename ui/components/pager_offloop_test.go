package components

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/testkit"
	"github.com/nexla-tui/nexla-tui/theme"
)

// Wrapping 10 MB of non-ASCII text takes ~650 ms (grapheme by grapheme):
// the pager no longer does it inside Update (ToggleWrap, SetSize) but in
// the Cmd LayoutCmd returns, showing the lines it has meanwhile. (Before,
// ToggleWrap wrapped at once: the key press froze the UI for the wrap.)
func TestHeavyWrapRunsOffTheUpdateLoop(t *testing.T) {
	name := strings.Repeat("é", 5<<20) // 10 MB, one line
	p := NewPager(theme.New(theme.Options{NoColor: true}), keymap.Default())
	p.SetText(NewPagerText("{\n  \"name\": \"" + name + "\"\n}"))
	p.SetSize(80, 24)
	if p.LayoutCmd() != nil {
		t.Fatal("unwrapped text needs no layout")
	}
	p.ToggleWrap()
	if p.Lines() != 3 || !p.Wrapping() {
		t.Fatalf("ToggleWrap wrapped inside Update: %d lines, wrapping %v", p.Lines(), p.Wrapping())
	}
	cmd := p.LayoutCmd()
	if cmd == nil || p.LayoutCmd() != nil {
		t.Fatal("LayoutCmd must ask for the wrap once")
	}
	msg := cmd()
	if !p.Update(msg) || p.Wrapping() || p.Lines() < 5<<20/80 {
		t.Fatalf("the wrap did not arrive: %d lines, wrapping %v", p.Lines(), p.Wrapping())
	}
	testkit.CheckSize(t, p.View(), 80, 24)

	// A resize re-wraps off the loop too; a wrap made for an older layout
	// is dropped.
	wrapped := p.Lines()
	p.SetSize(100, 24)
	if p.Lines() != wrapped || !p.Wrapping() {
		t.Fatalf("SetSize wrapped inside Update: %d lines (was %d)", p.Lines(), wrapped)
	}
	old := p.LayoutCmd()
	p.SetSize(120, 24)
	if p.Update(old()) || !p.Wrapping() {
		t.Fatal("a wrap for a width no longer shown was taken")
	}
	p.Update(p.LayoutCmd()())
	if p.Wrapping() || p.Lines() >= wrapped {
		t.Fatalf("120 columns: %d lines (80 columns: %d)", p.Lines(), wrapped)
	}
	testkit.CheckSize(t, p.View(), 120, 24)
}

// Small text still wraps at once: nothing waits for a Cmd.
func TestLightWrapStaysInline(t *testing.T) {
	p := NewPager(theme.New(theme.Options{NoColor: true}), keymap.Default())
	p.SetContent(strings.Repeat("é", 1000))
	p.SetSize(80, 24)
	p.ToggleWrap()
	if p.Wrapping() || p.LayoutCmd() != nil || p.Lines() != 13 {
		t.Fatalf("%d lines, wrapping %v", p.Lines(), p.Wrapping())
	}
}
