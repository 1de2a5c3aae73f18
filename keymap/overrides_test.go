package keymap

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/nexla-tui/nexla-tui/testkit"
)

func TestOverridesReplaceKeysAndKeepDescription(t *testing.T) {
	base := Defaults()
	k, err := base.WithOverrides(map[string][]string{"pause": {"x"}, "runbook.level": {"L"}})
	if err != nil {
		t.Fatal(err)
	}
	g := k.Global
	if !key.Matches(testkit.Key("x"), g.Pause.Binding) || key.Matches(testkit.Key("p"), g.Pause.Binding) {
		t.Fatal("pause must be x only")
	}
	if g.Pause.Help().Desc != "pause" || !key.Matches(testkit.Key("p"), base.Global.Pause.Binding) {
		t.Fatal("description kept, original untouched")
	}
	if k.Screens.Runbook.Level.Help().Key != "L" || base.Screens.Runbook.Level.Help().Key != "s" {
		t.Fatal("a screen key is overridden by <screen>.<name>, on the copy only")
	}
	if _, err := base.WithOverrides(map[string][]string{"paws": {"x"}}); err == nil || !strings.Contains(err.Error(), `unknown binding "paws"`) {
		t.Fatalf("unknown name: %v", err)
	}
	if _, err := base.WithOverrides(map[string][]string{"quit": {}}); err == nil {
		t.Fatal("empty key list must be an error")
	}
}

// An override that lands on a key another binding of the same screen uses
// is refused with both names; the confirm key may not be any screen's key.
// The defaults' deliberate overlaps (the runbook's enter) are not conflicts,
// and the same key on two different screens is fine.
func TestOverrideConflictsAreReported(t *testing.T) {
	base := Defaults()
	for o, want := range map[string]string{
		"pause=P":      `"flows.pause_one" and "pause" both use "P" on the flows screen`,
		"confirm=y":    `"confirm" and "copy_id" both use "y" on the confirm dialog`,
		"detail.raw=w": `"detail.raw" and "detail.wrap" both use "w" on the detail screen`,
	} {
		name, k, _ := strings.Cut(o, "=")
		if _, err := base.WithOverrides(map[string][]string{name: {k}}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", o, err, want)
		}
	}
	for _, o := range []map[string][]string{nil, {"runbook.level": {"x"}, "flows.sort_next": {"x"}}} {
		if _, err := base.WithOverrides(o); err != nil {
			t.Errorf("%v: %v", o, err)
		}
	}
}
