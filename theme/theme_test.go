package theme

import (
	"strings"
	"testing"
)

func TestCheckOverrides(t *testing.T) {
	if err := CheckOverrides(map[string]string{"ok": "#00ff00", "error": "9"}); err != nil {
		t.Fatal(err)
	}
	err := CheckOverrides(map[string]string{"okk": "2", "warn": "purple"})
	if err == nil || !strings.Contains(err.Error(), `unknown colour role "okk"`) || !strings.Contains(err.Error(), `"purple"`) {
		t.Fatalf("got %v", err)
	}
}

func TestNoColorHasNoForeground(t *testing.T) {
	th := New(Options{NoColor: true})
	if out := th.OK.Render("x"); strings.Contains(out, "\x1b[3") {
		t.Fatalf("NO_COLOR theme emitted a colour: %q", out)
	}
	if New(Options{ASCII: true}).Glyphs.Selected != ">" {
		t.Fatal("ASCII fallback marker")
	}
}
