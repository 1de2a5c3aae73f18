package keymap

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/testkit"
)

func TestMovementMapsEveryMovementKey(t *testing.T) {
	g := Default()
	for k, want := range map[string]int{"up": -1, "k": -1, "down": 1, "j": 1, "pgup": -7, "pgdown": 7, "home": -Far, "g": -Far, "end": Far, "G": Far} {
		if d, ok := g.Movement(testkit.Key(k), 7); !ok || d != want {
			t.Errorf("%q: got %d, %v; want %d", k, d, ok, want)
		}
	}
	if _, ok := g.Movement(testkit.Key("p"), 7); ok {
		t.Error("p is not a movement key")
	}
}
