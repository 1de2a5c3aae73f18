package components

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapTextBreaksAtSpacesOnly(t *testing.T) {
	got := WrapText("all since it changed on 2026-11-22 02:59 today", 30)
	want := "all since it changed on\n2026-11-22 02:59 today"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestWrapTextKeepsIndentAndCutsLongWords(t *testing.T) {
	got := WrapText("    probe of credential 3011: 403 Access denied", 20)
	for _, l := range strings.Split(got, "\n") {
		if !strings.HasPrefix(l, "    ") || ansi.StringWidth(l) > 20 {
			t.Fatalf("line %q lost its indent or overflows:\n%s", l, got)
		}
	}
	long := WrapText("x "+strings.Repeat("a", 25), 10)
	for _, l := range strings.Split(long, "\n") {
		if ansi.StringWidth(l) > 10 {
			t.Fatalf("line %q wider than 10:\n%s", l, long)
		}
	}
	if strings.ReplaceAll(strings.ReplaceAll(long, "\n", ""), " ", "") != "x"+strings.Repeat("a", 25) {
		t.Fatalf("text lost while cutting: %q", long)
	}
}

func TestWrapTextIgnoresStylingWidth(t *testing.T) {
	styled := "\x1b[31m✗ Credential expired:\x1b[0m credential fails its probe"
	got := WrapText(styled, 24)
	if !strings.Contains(got, "\x1b[31m") {
		t.Fatalf("styling lost: %q", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 24 {
			t.Fatalf("line %q wider than 24", l)
		}
	}
}
