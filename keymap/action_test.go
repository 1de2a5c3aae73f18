package keymap

import (
	"slices"
	"testing"
)

// The Mutates mark is declared with the action, once, and belongs to the
// action rather than to its keys: the defaults mark exactly the four keys
// that change the org, and an override that moves pause to another key
// keeps the mark on pause and gives none to the key's old owner.
func TestMutatesIsDeclaredOnceAndFollowsOverrides(t *testing.T) {
	marked := func(k Keys) []string {
		var out []string
		for name, a := range k.all() {
			if a.Mutates {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}
	want := []string{"activate", "flows.activate_one", "flows.pause_one", "pause"}
	if got := marked(Defaults()); !slices.Equal(got, want) {
		t.Fatalf("default mutating actions %v, want %v", got, want)
	}
	k, err := Defaults().WithOverrides(map[string][]string{"pause": {"x"}, "refresh": {"p"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := marked(k); !slices.Equal(got, want) {
		t.Fatalf("after overrides %v, want %v", got, want)
	}
	if k.Global.Pause.Help().Key != "x" || k.Global.Refresh.Mutates {
		t.Fatalf("pause on x keeps its mark, refresh on p has none: %+v %+v", k.Global.Pause, k.Global.Refresh)
	}
}
