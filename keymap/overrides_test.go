package keymap

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestOverridesReplaceKeysAndKeepDescription(t *testing.T) {
	base := Default()
	g, err := base.WithOverrides(map[string][]string{"pause": {"P"}})
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'P', Text: "P"}, g.Pause) || key.Matches(tea.KeyPressMsg{Code: 'p', Text: "p"}, g.Pause) {
		t.Fatal("pause must be P only")
	}
	if g.Pause.Help().Desc != "pause" || !key.Matches(tea.KeyPressMsg{Code: 'p', Text: "p"}, base.Pause) {
		t.Fatal("description kept, original untouched")
	}
	if _, err := base.WithOverrides(map[string][]string{"paws": {"x"}}); err == nil || !strings.Contains(err.Error(), `unknown binding "paws"`) {
		t.Fatalf("unknown name: %v", err)
	}
	if _, err := base.WithOverrides(map[string][]string{"quit": {}}); err == nil {
		t.Fatal("empty key list must be an error")
	}
}
