package components

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/theme"
)

const markerWidth = 2

// View renders exactly h lines of width w.
func (t *Table) View() string {
	if t.h <= 0 || t.w <= 0 {
		return ""
	}
	var b strings.Builder
	if t.header == "" {
		t.header = t.renderHeader()
	}
	b.WriteString(t.header)
	bh := t.bodyHeight()
	if len(t.cache) > 4*bh+64 {
		clear(t.cache)
	}
	blank := strings.Repeat(" ", t.w)
	for i := 0; i < bh; i++ {
		b.WriteByte('\n')
		vi := t.offset + i
		if vi >= len(t.visible) {
			if i == 0 && len(t.visible) == 0 {
				b.WriteString(t.th.Muted.Render(pad(t.emptyText(), t.w)))
				continue
			}
			b.WriteString(blank)
			continue
		}
		ri := t.visible[vi]
		k := cacheKey{row: ri, version: t.rows[ri].Version, selected: vi == t.cursor}
		line, ok := t.cache[k]
		if !ok {
			line = t.renderRow(&t.rows[ri], k.selected)
			t.cache[k] = line
		}
		b.WriteString(line)
	}
	return b.String()
}

func (t *Table) emptyText() string {
	if t.query != "" {
		return "  no rows match /" + t.query + " (esc clears the filter)"
	}
	return "  no rows"
}

func (t *Table) renderHeader() string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", markerWidth))
	for i, c := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		title := c.Title
		if i == t.sortCol {
			if t.sortAsc {
				title += "↑"
			} else {
				title += "↓"
			}
		}
		b.WriteString(pad(title, t.widths[i]))
	}
	return t.th.Header.Render(pad(b.String(), t.w))
}

func (t *Table) renderRow(r *Row, selected bool) string {
	var b strings.Builder
	marker := "  "
	if selected {
		marker = t.th.Glyphs.Selected + " "
	}
	b.WriteString(pad(marker, markerWidth))
	for i := range t.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		cell := ""
		if i < len(r.Cells) {
			cell = r.Cells[i]
		}
		if i == 0 {
			cell = r.Prefix + cell
		}
		cell = pad(cell, t.widths[i])
		if !selected && i < len(r.Tones) && r.Tones[i] != ToneNone {
			cell = t.toneStyle(r.Tones[i]).Render(cell)
		}
		b.WriteString(cell)
	}
	line := pad(b.String(), t.w)
	if selected {
		return t.th.Selected.Render(line)
	}
	return line
}

func (t *Table) toneStyle(tone Tone) lipgloss.Style {
	return ToneStyle(t.th, tone)
}

// ToneStyle maps a tone to the theme's style.
func ToneStyle(th *theme.Theme, tone Tone) lipgloss.Style {
	switch tone {
	case ToneOK:
		return th.OK
	case ToneWarn:
		return th.Warn
	case ToneError:
		return th.Error
	case ToneMuted:
		return th.Muted
	case ToneInfo:
		return th.Info
	case ToneAccent:
		return th.Accent
	}
	return th.Text
}

// pad truncates s to w cells (with an ellipsis) or pads it with spaces. It
// truncates before any styling so escape sequences are never cut. Its cost
// is bounded by w, not by len(s) (see clipForCells): a 10 MB line in the raw
// JSON pager costs a frame what an 80-cell one does.
func pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s, clipped := clipForCells(s, w)
	sw := ansi.StringWidth(s)
	switch {
	case sw > w:
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s) // a wide rune cut at the edge leaves a cell
	case clipped: // fewer than w cells in maxCellBytes*(w+1) bytes: a pile of combining marks
		s = ansi.Truncate(s, w-1, "") + "…"
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

// maxCellBytes bounds the bytes one cell is given when a long line is
// clipped before measuring: far more than any real grapheme (4 bytes a rune,
// a few combining marks).
const maxCellBytes = 32

// clipForCells returns a prefix of s that still holds its first w+1 cells,
// cut at a rune boundary, so measuring and truncating it reads a bounded
// number of bytes; it reports whether it cut. A line holding an escape
// sequence in that prefix is styled by us, not raw API text, and is kept
// whole: cutting could split a sequence.
func clipForCells(s string, w int) (string, bool) {
	n := maxCellBytes * (w + 1)
	if len(s) <= n || strings.IndexByte(s[:n], 0x1b) >= 0 {
		return s, false
	}
	for i := 1; i < utf8.UTFMax && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	return s[:n], true
}

// Pad is pad for screens: fit s to exactly w cells.
func Pad(s string, w int) string { return pad(s, w) }
