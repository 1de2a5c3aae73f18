package safetext

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanRemovesEscapes(t *testing.T) {
	cases := map[string]string{
		"plain":                          "plain",
		"a\x1b[31mred\x1b[0m":            "ared",
		"x\x1b]52;c;aGVsbG8=\x07y":       "xy",
		"title\x1b]0;pwned\x1b\\":        "title",
		"tab\there":                      "tab here",
		"line\r\nbreak":                  "line  break",
		"bell\x07":                       "bell",
		"c1\u009b31m":                    "c1",
		"dcs\x1bPq#0;2;0;0;0\x1b\\after": "dcsafter",
		"bidi\u202eevil":                 "bidievil",
		"caf\u00e9 \u65e5\u672c":         "caf\u00e9 \u65e5\u672c",
		"bad\xffutf8":                    "bad\ufffdutf8",
		"\x1b":                           "",
		"keep [brackets] and ]52 text":   "keep [brackets] and ]52 text",
	}
	for in, want := range cases {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CleanMultiline("a\nb\x1b[2Jc"); got != "a\nbc" {
		t.Errorf("CleanMultiline kept %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "abc", "\x1b[31m", "\x1b]52;c;x\x07", "\u009b1;2H", "\xff\xfe", "é\x1bP\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Clean(s), CleanMultiline(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid utf8 from %q", s)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
					t.Fatalf("control %U survived in %q (from %q)", r, out, s)
				}
			}
			if strings.ContainsRune(Clean(s), '\n') {
				t.Fatalf("newline survived Clean(%q)", s)
			}
		}
	})
}

// TestWriteJSONArrayIsWriteJSON: the streamed array is WriteJSON's document
// of the same slice byte for byte (empty, one and several items, nested
// values, invisible runes escaped), so `-o json` output did not change.
func TestWriteJSONArrayIsWriteJSON(t *testing.T) {
	type item struct {
		ID     int64             `json:"id"`
		Name   string            `json:"name"`
		Issues []string          `json:"issues"`
		Extra  map[string]string `json:"extra,omitempty"`
	}
	all := []item{
		{ID: 1, Name: "plain", Issues: []string{}},
		{ID: 2, Name: "bidi \u202e reversed \u200b zero-width <html> & \"quotes\"", Issues: []string{"a", "b\n"}},
		{ID: 3, Name: "nested", Issues: nil, Extra: map[string]string{"k": "\u0085v"}},
	}
	for n := 0; n <= len(all); n++ {
		var want, got bytes.Buffer
		if err := WriteJSON(&want, append([]item{}, all[:n]...)); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSONArray(&got, n, func(i int) any { return all[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d items:\n got %q\nwant %q", n, got.String(), want.String())
		}
	}
}
