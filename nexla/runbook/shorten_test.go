package runbook

import "testing"

// shorten keeps at most n runes, the last one an ellipsis when it cut,
// and never splits a multi-byte rune.
func TestShortenKeepsNRunes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 3, "abc"}, {"abcd", 3, "ab…"}, {"ab", 3, "ab"}, {"héé", 3, "héé"}, {"hééé", 3, "hé…"}, {"", 3, ""},
	} {
		if got := shorten(c.s, c.n); got != c.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
