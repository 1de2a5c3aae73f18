package theme

import (
	"strings"
	"testing"
)

func TestCheckColour(t *testing.T) {
	for _, ok := range []string{"", "0", "255", "#0f0", "#00ff00"} {
		if err := CheckColour(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"256", "purple", "#00ff0", "-1"} {
		if err := CheckColour(bad); err == nil || !strings.Contains(err.Error(), "not an ANSI index") {
			t.Errorf("%q accepted: %v", bad, err)
		}
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
