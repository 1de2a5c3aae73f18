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
type Pager struct {
	th     *theme.Theme
	keys   keymap.Global
	raw    []string // cleaned source lines
	lines  []string // lines at the current width and wrap mode
	wrap   bool
	w, h   int
	offset int
}

// NewPager builds an empty pager.
func NewPager(th *theme.Theme, keys keymap.Global) *Pager { return &Pager{th: th, keys: keys} }

// SetContent replaces the text and scrolls to the top.
func (p *Pager) SetContent(s string) {
	s = strings.ReplaceAll(safetext.CleanMultiline(s), "\t", "    ")
	p.raw = strings.Split(s, "\n")
	p.offset = 0
	p.relayout()
}

// SetSize sets the pager's size.
func (p *Pager) SetSize(w, h int) {
	if w == p.w && h == p.h {
		return
	}
	p.w, p.h = w, h
	p.relayout()
}

// ToggleWrap switches between wrapping and truncating long lines.
func (p *Pager) ToggleWrap() { p.wrap = !p.wrap; p.relayout() }

// Wrapped reports whether long lines wrap.
func (p *Pager) Wrapped() bool { return p.wrap }

// Lines is the number of lines at the current width.
func (p *Pager) Lines() int { return len(p.lines) }

// Offset is the first line shown.
func (p *Pager) Offset() int { return p.offset }

func (p *Pager) relayout() {
	if !p.wrap || p.w <= 0 {
		p.lines = p.raw
	} else {
		p.lines = p.lines[:0:0]
		for _, l := range p.raw {
			p.lines = appendHardwrapped(p.lines, l, p.w)
		}
	}
	p.Scroll(0)
}

// Scroll moves by delta lines.
func (p *Pager) Scroll(delta int) {
	p.offset = max(0, min(p.offset+delta, len(p.lines)-p.h))
}

// Update scrolls on movement keys and the wheel; it reports whether it did.
func (p *Pager) Update(msg tea.Msg) bool {
	page := max(p.h-1, 1)
	switch msg := msg.(type) {
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
