package components

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
)

// BenchmarkTenMegabyteName: a 10 MB name through the sanitizer and the wrap
// as a cell or pane shows it (target <= 100 ms), the wrap alone on the
// whole 10 MB (linear, not capped), and one 80x24 pager frame of raw JSON
// holding it, truncated and wrapped (target < 16 ms).
func BenchmarkTenMegabyteName(b *testing.B) {
	name := strings.Repeat("x", 10<<20)
	b.Run("clean+wrap", func(b *testing.B) {
		for range b.N {
			WrapText(safetext.Clean(name), 80)
		}
	})
	b.Run("wrap-uncapped", func(b *testing.B) {
		for range b.N {
			WrapText(name, 80)
		}
	})
	p := NewPager(theme.New(theme.Options{NoColor: true}), keymap.Default())
	p.SetContent("{\n  \"name\": \"" + name + "\"\n}")
	p.SetSize(80, 24)
	b.Run("pager-frame", func(b *testing.B) {
		for range b.N {
			p.Scroll(1)
			_ = p.View()
		}
	})
	p.ToggleWrap()
	b.Run("pager-frame-wrapped", func(b *testing.B) {
		for range b.N {
			p.Scroll(1)
			_ = p.View()
		}
	})
}

// BenchmarkPagerTenMegabytes: what a raw JSON view holding a 10 MB name
// costs, ASCII and "é": cleaning it (NewPagerText, run in the load's Cmd),
// wrapping it (inline for ASCII; LayoutCmd's work for "é"), and what the
// `w` key now costs inside Update (ToggleWrap on and off).
func BenchmarkPagerTenMegabytes(b *testing.B) {
	for _, c := range []struct{ name, unit string }{{"ascii", "x"}, {"utf8", "é"}} {
		text := "{\n  \"name\": \"" + strings.Repeat(c.unit, (10<<20)/len(c.unit)) + "\"\n}"
		b.Run(c.name+"/clean", func(b *testing.B) {
			for range b.N {
				NewPagerText(text)
			}
		})
		pt := NewPagerText(text)
		b.Run(c.name+"/wrap", func(b *testing.B) {
			for range b.N {
				wrapLines(pt.lines, 80)
			}
		})
		b.Run(c.name+"/toggle-in-update", func(b *testing.B) {
			p := NewPager(theme.New(theme.Options{NoColor: true}), keymap.Default())
			p.SetSize(80, 24)
			p.SetText(pt)
			for range b.N {
				p.ToggleWrap()
				p.ToggleWrap()
			}
		})
	}
}
