package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/theme"
)

// A production profile's banner leads the 80-column header and does not push
// out the read-only badge or the API state; without colour the text remains.
func TestBannerLeadsTheHeaderAt80Columns(t *testing.T) {
	for _, c := range []struct {
		banner, want string
	}{
		{"PROD", " PROD  nexla-tui │ [READ-ONLY] │ API ? │ profile prod"},
		// A long, hostile banner is cleaned, put on one line and cut.
		{"PRODUCTION\x1b]52;c;eA==\x07 EU-WEST\nPAYMENTS CLUSTER 7", " PRODUCTION EU-W…  nexla-tui │ [READ-ONLY] │ API ?"},
	} {
		h := newHarness(t, func(cfg *AppConfig) {
			cfg.Deps.ReadOnly = true
			cfg.Deps.Banner = c.banner
		})
		head := strings.SplitN(plain(h.app), "\n", 2)[0]
		if !strings.HasPrefix(head, c.want) || ansi.StringWidth(head) != 80 {
			t.Errorf("banner %q: header\n%q\nwant prefix\n%q", c.banner, head, c.want)
		}
		assertFrame(t, plain(h.app), 80, 24)
	}
	h := newHarness(t, nil)
	if head := strings.SplitN(plain(h.app), "\n", 2)[0]; !strings.HasPrefix(head, "nexla-tui │") {
		t.Errorf("no banner configured, header %q", head)
	}
}

func TestBannerStyleUsesTheAccent(t *testing.T) {
	red := theme.New(theme.Options{Accent: "1"}).Banner.Render("PROD")
	if !strings.Contains(red, "31") || !strings.Contains(red, "7") {
		t.Errorf("accent red, reversed: %q", red)
	}
	plainBanner := theme.New(theme.Options{Accent: "1", NoColor: true}).Banner.Render("PROD")
	if strings.Contains(plainBanner, "31") || !strings.Contains(ansi.Strip(plainBanner), "PROD") {
		t.Errorf("NO_COLOR banner: %q", plainBanner)
	}
	if theme.CheckColour("crimson") == nil || theme.CheckColour("#c00") != nil || theme.CheckColour("") != nil {
		t.Error("CheckColour")
	}
}
