package safetext

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// A 10 MB name costs Clean no more than a 4 KB one: it reads MaxField bytes
// and says it cut. Before the cap, every cell showing the name cleaned (and
// then measured and truncated) all 10 MB on every frame.
func TestCleanCapsAFieldWithAVisibleEllipsis(t *testing.T) {
	for _, unit := range []string{"a", "é", "日", "\x1b[31m"} {
		huge := strings.Repeat(unit, 10<<20/len(unit))
		got := Clean(huge)
		if len(got) > MaxField || !strings.HasSuffix(got, Ellipsis) || !utf8.ValidString(got) {
			t.Fatalf("Clean(10 MB of %q): %d bytes, suffix %q", unit, len(got), got[max(len(got)-6, 0):])
		}
	}
	exact := strings.Repeat("x", MaxField)
	if Clean(exact) != exact {
		t.Fatal("a value of exactly MaxField bytes was cut")
	}
	if got := CleanMultiline(strings.Repeat("y", 3*MaxField)); len(got) != 3*MaxField {
		t.Fatalf("CleanMultiline cut the value to %d bytes: the raw view must keep it whole", len(got))
	}
}

// Clean allocates the same for 1 MB and 10 MB (bounded), CleanMultiline
// ten times as much (linear): a count of bytes allocated, not a timing.
func TestCleanCostIsBoundedOrLinear(t *testing.T) {
	mb, tenMB := strings.Repeat("é\x1b[1m", 1<<20/7), strings.Repeat("é\x1b[1m", 10<<20/7)
	small := testing.AllocsPerRun(3, func() { Clean(mb) })
	big := testing.AllocsPerRun(3, func() { Clean(tenMB) })
	if big > small {
		t.Fatalf("Clean: %v allocations for 10 MB, %v for 1 MB: not bounded", big, small)
	}
	if a, b := allocBytes(func() { Clean(mb) }), allocBytes(func() { Clean(tenMB) }); b > a+MaxField {
		t.Fatalf("Clean allocated %d bytes for 10 MB, %d for 1 MB: not bounded", b, a)
	}
	if a, b := allocBytes(func() { CleanMultiline(mb) }), allocBytes(func() { CleanMultiline(tenMB) }); b > 12*a {
		t.Fatalf("CleanMultiline allocated %d bytes for 10 MB, %d for 1 MB: worse than linear", b, a)
	}
}

// The escaped JSON decodes to the same strings, and not one invisible or
// reordering character is left raw in the bytes.
func TestWriteJSONEscapesInvisibleCharacters(t *testing.T) {
	hostile := "a\u0085b\u009bc\u202ed\u2066e\u200ef\u200fg\u061ch\u200bi\u200cj\u200dk\u2060l\ufeffm\u2028n é 日"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, map[string]string{"name": hostile}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, r := range out {
		if Invisible(r) {
			t.Fatalf("%U left raw in %q", r, out)
		}
	}
	for _, esc := range []string{`\u0085`, `\u009b`, `\u202e`, `\u2066`, `\u200e`, `\u200f`, `\u061c`, `\u200b`, `\u200c`, `\u200d`, `\u2060`, `\ufeff`, `\u2028`} {
		if !strings.Contains(out, esc) {
			t.Errorf("%s missing from %s", esc, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["name"] != hostile {
		t.Fatalf("round trip: %v %q", err, back["name"])
	}
	if !strings.HasSuffix(out, "}\n") || !strings.Contains(out, "\n  \"name\"") {
		t.Fatalf("not the indented, newline-ended shape of json.Encoder: %q", out)
	}
}

// allocBytes is the heap allocated by one call of f (the test runs alone:
// no t.Parallel in this package).
func allocBytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkClean10MB: a 10 MB name through the sanitizer, as a cell shows
// it (Clean, cut at MaxField) and as the raw JSON view shows it
// (CleanMultiline, whole). Target: <= 100 ms with the wrap.
func BenchmarkClean10MB(b *testing.B) {
	name := strings.Repeat("é", 5<<20) // non-ASCII: no fast path
	b.Run("field", func(b *testing.B) {
		for range b.N {
			Clean(name)
		}
	})
	b.Run("multiline", func(b *testing.B) {
		for range b.N {
			CleanMultiline(name)
		}
	})
}
