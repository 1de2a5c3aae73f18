package components

import (
	"strings"

	"charm.land/lipgloss/v2"

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
		k := cacheKey{row: ri, version: t.rows[ri].Version, selected: vi == t.cursor, marks: t.markGen}
		line, ok := t.cache[k]
		if !ok {
			r := t.drawn(ri)
			line = t.renderRow(&r, k.selected)
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
	marker, mark := " ", " "
	if selected {
		marker = t.th.Glyphs.Selected
	}
	if t.marked != nil && t.marked(r) {
		mark = t.th.Glyphs.Marked
	}
	marker += mark
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
func ToneStyle(th *theme.Theme, tone Tone) lipgloss.Style { return th.Style(tone) }
