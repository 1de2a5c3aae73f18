package components

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Wrapping is linear in the input: wrapping a 10 MB word allocates about ten
// times what a 1 MB word does. The assertion is on bytes allocated, which do
// not depend on the machine's speed; the 20 s deadline only stops a
// quadratic wrap from hanging the suite (the old one needed ~2.6 s for
// 100 KB, so ~4 min for 1 MB and ~7 h for 10 MB; this one needs ~1-2 s for
// both together), so a slow machine cannot make this test flaky.
func TestWrapTextIsLinear(t *testing.T) {
	type result struct {
		small, big uint64
		lines      int
	}
	done := make(chan result, 1)
	go func() {
		mb, tenMB := strings.Repeat("a", 1<<20), strings.Repeat("a", 10<<20)
		var r result
		r.small = allocBytes(func() { WrapText(mb, 80) })
		r.big = allocBytes(func() { r.lines = strings.Count(WrapText(tenMB, 80), "\n") + 1 })
		done <- r
	}()
	select {
	case r := <-done:
		if want := (10<<20 + 79) / 80; r.lines != want {
			t.Fatalf("10 MB word wrapped to %d lines, want %d", r.lines, want)
		}
		if r.big > 15*r.small {
			t.Fatalf("wrapping 10 MB allocated %d bytes, 1 MB %d: %.0fx for 10x the input, not linear", r.big, r.small, float64(r.big)/float64(r.small))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("wrapping a 1 MB and a 10 MB word did not finish in 20 s: the wrap is not linear")
	}
}

// The linear wrap breaks lines exactly where the old one did (kept here as
// the reference) on random text with spaces, indents, wide runes, styling
// and words longer than a line. The text is compared without escape
// sequences: in a cut word the old wrap copied every later escape of the
// word onto each piece (ansi.Truncate keeps them), the new one keeps each
// where it was.
func TestWrapTextMatchesTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "bb", "ccc", " ", " ", "  ", "日", "é", "-", "\x1b[1m", "\x1b[22m", strings.Repeat("x", 30), "\n"}
	for n := range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s, w := b.String(), 4+rng.IntN(20) // the reference loops forever on a wide rune in a room of one cell
		if got, want := ansi.Strip(WrapText(s, w)), ansi.Strip(referenceWrap(s, w)); got != want {
			t.Fatalf("case %d, w=%d, %q:\n got %q\nwant %q", n, w, s, got, want)
		}
	}
}

// allocBytes is the heap allocated by one call of f.
func allocBytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// referenceWrap is the quadratic WrapText this package had before: correct,
// but each hard cut of a long word re-read the rest of the word.
func referenceWrap(s string, w int) string {
	var out strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		if ansi.StringWidth(line) <= w {
			out.WriteString(line)
			continue
		}
		body := strings.TrimLeft(line, " ")
		indent := line[:len(line)-len(body)]
		if len(indent) > w/2 {
			indent = ""
		}
		cur, curW := indent, len(indent)
		flush := func() {
			out.WriteString(strings.TrimRight(cur, " "))
			out.WriteByte('\n')
			cur, curW = indent, len(indent)
		}
		for _, word := range strings.Split(body, " ") {
			ww := ansi.StringWidth(word)
			switch {
			case curW > len(indent) && curW+1+ww > w:
				flush()
			case curW > len(indent):
				cur += " "
				curW++
			}
			for ww > w-curW && w-curW > 0 {
				room := w - curW
				cur += ansi.Truncate(word, room, "")
				word = ansi.TruncateLeft(word, room, "")
				ww = ansi.StringWidth(word)
				flush()
			}
			cur += word
			curW += ww
		}
		out.WriteString(strings.TrimRight(cur, " "))
	}
	return out.String()
}

// A wide rune in a room of one cell goes whole to its own line; the old wrap
// cut it to nothing and looped forever.
func TestWrapTextMovesOnPastAWideRuneInANarrowRoom(t *testing.T) {
	if got := WrapText(" 日日", 2); got != " 日\n 日" {
		t.Fatalf("got %q", got)
	}
}
