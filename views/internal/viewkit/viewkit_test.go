package viewkit

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	_ "github.com/nexla-tui/nexla-tui/testkit" // registers -update, so go test ./views/... -update runs here too
)

func TestFitGivesExactSize(t *testing.T) {
	for _, in := range []string{"", "short", "a\nb\nc\nd\ne", strings.Repeat("wide ", 40), "日本語のテキスト"} {
		out := Fit(in, 12, 3)
		lines := strings.Split(out, "\n")
		if len(lines) != 3 {
			t.Fatalf("Fit(%q) gave %d lines", in, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != 12 {
				t.Fatalf("Fit(%q) line %q is %d wide", in, l, w)
			}
		}
	}
}

func TestCountAndAgo(t *testing.T) {
	if got := Count(1234567); got != "1,234,567" {
		t.Fatalf("Count = %q", got)
	}
	if got := Count(999); got != "999" {
		t.Fatalf("Count = %q", got)
	}
	now := time.Date(2024, 1, 2, 3, 0, 0, 0, time.UTC)
	if got := Ago(now, now.Add(-90*time.Minute)); got != "1h ago" {
		t.Fatalf("Ago = %q", got)
	}
	if got := Ago(now, time.Time{}); got != "-" {
		t.Fatalf("Ago zero = %q", got)
	}
}
