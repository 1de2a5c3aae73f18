package components

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
)

// Pager is a scrollable text/JSON view. Content is cleaned with
// safetext.CleanMultiline; long lines are truncated, or wrapped after
// ToggleWrap. Only the visible lines are rendered.
//
// Text from the API can be megabytes (a 10 MB name in a raw JSON view), so
// the two costs that read all of it stay off the update loop: cleaning
// (NewPagerText, in the Cmd that loaded it: 55-160 ms for 10 MB) and, past
// inlineWrapCost, wrapping (LayoutCmd: 15-35 ms for 10 MB of ASCII, 0.65-0.9 s
// of "é"). Until a
// wrap arrives the pager shows the text as it was laid out before.
type Pager struct {
	th     *theme.Theme
	keys   keymap.Global
	text   PagerText
	lines  []string // lines at the current width and wrap mode
	wrap   bool
	w, h   int
	offset int

	// layout is the wrap the pager waits for: stale until LayoutCmd's
	// result for this seq arrives (asked: LayoutCmd has sent it off).
	seq          int
	stale, asked bool
}

// PagerText is text cleaned and split for a Pager. Build it off the update
// loop (NewPagerText reads every byte) and hand it over with SetText.
type PagerText struct {
	lines []string
	// wrapCost estimates what wrapping costs, in bytes of the grapheme-aware
	// wrap: lines that are not printable ASCII count whole, ASCII lines (cut
	// by slicing, about 8x cheaper a byte) an eighth.
	wrapCost int
}

// NewPagerText cleans s (safetext.CleanMultiline, tabs as four spaces) and
// splits it into lines.
func NewPagerText(s string) PagerText {
	s = strings.ReplaceAll(safetext.CleanMultiline(s), "\t", "    ")
	t := PagerText{lines: strings.Split(s, "\n")}
	for _, l := range t.lines {
		if printableASCII(l) {
			t.wrapCost += len(l) / 8
		} else {
			t.wrapCost += len(l)
		}
	}
	return t
}

// inlineWrapCost is the most wrapCost a wrap may have and still run inside
// Update: 256 KB through the grapheme-aware wrap (2 MB of ASCII) is about
// one 16 ms frame.
const inlineWrapCost = 256 << 10

// NewPager builds an empty pager.
func NewPager(th *theme.Theme, keys keymap.Global) *Pager { return &Pager{th: th, keys: keys} }

// SetContent replaces the text and scrolls to the top, cleaning it here: for
// text the screen built itself. Text from the API goes through NewPagerText
// in a Cmd, then SetText.
func (p *Pager) SetContent(s string) { p.SetText(NewPagerText(s)) }

// SetText replaces the text and scrolls to the top.
func (p *Pager) SetText(t PagerText) {
	p.text = t
	p.lines = nil
	p.offset = 0
	p.relayout()
}

// SetSize sets the pager's size.
func (p *Pager) SetSize(w, h int) {
	if w == p.w && h == p.h {
		return
	}
	rewrap := w != p.w
	p.w, p.h = w, h
	if rewrap {
		p.relayout()
	}
	p.Scroll(0)
}

// ToggleWrap switches between wrapping and truncating long lines.
func (p *Pager) ToggleWrap() { p.wrap = !p.wrap; p.relayout() }

// Wrapped reports whether long lines wrap.
func (p *Pager) Wrapped() bool { return p.wrap }

// Wrapping is true while a wrap is being computed off the update loop.
func (p *Pager) Wrapping() bool { return p.stale }

// Lines is the number of lines at the current width.
func (p *Pager) Lines() int { return len(p.lines) }

// Offset is the first line shown.
func (p *Pager) Offset() int { return p.offset }

// relayout lays the text out for the current width and mode: at once when
// that is cheap, else it marks the layout stale for LayoutCmd and keeps
// showing the lines it has (the unwrapped text the first time).
func (p *Pager) relayout() {
	p.seq++
	p.stale, p.asked = false, false
	switch {
	case !p.wrap || p.w <= 0:
		p.lines = p.text.lines
	case p.text.wrapCost <= inlineWrapCost:
		p.lines = wrapLines(p.text.lines, p.w)
	default:
		p.stale = true
		if p.lines == nil {
			p.lines = p.text.lines
		}
	}
	p.Scroll(0)
}

// PagerLaidOutMsg carries a wrap computed by LayoutCmd to its pager.
type PagerLaidOutMsg struct {
	pager *Pager
	seq   int
	lines []string
}

// LayoutCmd is the wrap the pager waits for, computed off the update loop,
// or nil when it waits for none (or has already asked). The screen returns
// it after whatever may have changed the layout (content, size, wrap) and
// hands the PagerLaidOutMsg back to Update.
func (p *Pager) LayoutCmd() tea.Cmd {
	if !p.stale || p.asked {
		return nil
	}
	p.asked = true
	pager, seq, text, w := p, p.seq, p.text.lines, p.w // text is never written after NewPagerText
	return func() tea.Msg { return PagerLaidOutMsg{pager: pager, seq: seq, lines: wrapLines(text, w)} }
}

func wrapLines(text []string, w int) []string {
	var out []string
	for _, l := range text {
		out = appendHardwrapped(out, l, w)
	}
	return out
}

// Scroll moves by delta lines.
func (p *Pager) Scroll(delta int) {
	p.offset = max(0, min(p.offset+delta, len(p.lines)-p.h))
}

// Update scrolls on movement keys and the wheel and takes the pager's
// PagerLaidOutMsg (a stale one is dropped); it reports whether it did.
func (p *Pager) Update(msg tea.Msg) bool {
	page := max(p.h-1, 1)
	switch msg := msg.(type) {
	case PagerLaidOutMsg:
		if msg.pager != p || msg.seq != p.seq {
			return false
		}
		p.lines, p.stale = msg.lines, false
		p.Scroll(0)
		return true
	case tea.KeyPressMsg:
		d, ok := p.keys.Movement(msg, page)
		if ok {
			p.Scroll(d)
		}
		return ok
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.Scroll(-3)
		case tea.MouseWheelDown:
			p.Scroll(3)
		default:
			return false
		}
		return true
	}
	return false
}

// View renders exactly h lines of width w.
func (p *Pager) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	out := make([]string, p.h)
	for i := range out {
		if j := p.offset + i; j < len(p.lines) {
			out[i] = pad(p.lines[j], p.w)
		} else {
			out[i] = pad("", p.w)
		}
	}
	return strings.Join(out, "\n")
}

// appendHardwrapped appends line cut every w cells. Printable ASCII (JSON,
// most logs) is cut by slicing, without a copy or a grapheme walk: the raw
// view of a resource with a 10 MB name wraps in milliseconds. Other text
// goes through ansi.Hardwrap (linear, about 25-50 ns a byte).
func appendHardwrapped(lines []string, line string, w int) []string {
	if !printableASCII(line) {
		return append(lines, strings.Split(ansi.Hardwrap(line, w, true), "\n")...)
	}
	for len(line) > w {
		lines = append(lines, line[:w])
		line = line[w:]
	}
	return append(lines, line)
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}
