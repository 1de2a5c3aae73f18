package testkit

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// CheckSize fails unless frame is exactly w x h cells: a View's contract.
func CheckSize(t testing.TB, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines, want %d:\n%s", len(lines), h, ansi.Strip(frame))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("frame line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}
