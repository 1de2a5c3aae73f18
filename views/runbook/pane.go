package runbook

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// The detail pane of a step: its lines, and on them what they name (a
// resource, a run, a change: rb.Report.Mentions), each selectable. A cursor
// line and a selected mention on it move with the keys; enter opens the
// mention. Long lines wrap at word boundaries (w toggles truncation).

// paneLine is one logical line of the pane.
type paneLine struct {
	text     string // sanitized
	mentions []rb.Mention
}

// linkPane is the scrollable, selectable detail pane. The cursor is a line
// (what enter opens); the view scrolls by rows, so a line taller than the
// pane (a 4 KB name wrapped at 80 columns) is read whole by paging through
// it, with the cursor staying on it while any of its rows is in view.
type linkPane struct {
	lines  []paneLine
	rows   []int // rows each line takes at the current width
	starts []int // first row of each line
	total  int   // rows of all lines
	cursor int   // cursor line
	pick   int   // selected mention on the cursor line
	top    int   // first row shown
	wrap   bool
	w, h   int
}

func newLinkPane() *linkPane { return &linkPane{wrap: true} }

// setLines replaces the content, keeping the cursor's place.
func (p *linkPane) setLines(lines []paneLine) {
	p.lines = lines
	p.measure()
}

func (p *linkPane) setSize(w, h int) {
	if w != p.w {
		p.w = w
		p.measure()
	}
	p.h = h
	p.clamp()
}

func (p *linkPane) toggleWrap() { p.wrap = !p.wrap; p.measure() }

// measure counts the rows of every line once per content or width change.
func (p *linkPane) measure() {
	p.rows, p.starts, p.total = p.rows[:0], p.starts[:0], 0
	for _, l := range p.lines {
		n := 1
		if p.wrap && p.w > 0 {
			n = strings.Count(components.WrapText(l.text, p.w), "\n") + 1
		}
		p.rows = append(p.rows, n)
		p.starts = append(p.starts, p.total)
		p.total += n
	}
	p.clamp()
}

// clamp keeps the cursor on a line, the pick on a mention, the view inside
// the content and the cursor line in view (its first row when it starts
// below the view, its last rows when it ends above it).
func (p *linkPane) clamp() {
	p.cursor = max(min(p.cursor, len(p.lines)-1), 0)
	if len(p.lines) == 0 {
		p.pick, p.top = 0, 0
		return
	}
	p.pick = max(min(p.pick, len(p.lines[p.cursor].mentions)-1), 0)
	h := max(p.h, 1)
	start, end := p.starts[p.cursor], p.starts[p.cursor]+p.rows[p.cursor]
	switch {
	case start >= p.top+h:
		p.top = min(start, end-h)
	case end <= p.top:
		p.top = max(end-h, start)
	}
	p.top = max(min(p.top, p.total-h), 0)
}

// move moves the cursor by delta lines.
func (p *linkPane) move(delta int) { p.cursor += delta; p.pick = 0; p.clamp() }

// page scrolls the view by delta rows; the cursor stays while its line is
// still in view, else goes to the first line shown (or, scrolling back,
// the last); at either end of the content it goes to the end's line.
func (p *linkPane) page(delta int) {
	if len(p.lines) == 0 {
		return
	}
	h := max(p.h, 1)
	p.top = max(min(p.top+delta, p.total-h), 0)
	switch {
	case delta < 0 && p.top == 0: // at the top, as a pager's first page
		p.cursor, p.pick = 0, 0
		return
	case delta > 0 && p.top+h >= p.total:
		p.cursor, p.pick = len(p.lines)-1, 0
		return
	}
	start, end := p.starts[p.cursor], p.starts[p.cursor]+p.rows[p.cursor]
	if end > p.top && start < p.top+h {
		return
	}
	row := p.top
	if delta < 0 {
		row = min(p.top+h, p.total) - 1
	}
	i, _ := slices.BinarySearch(p.starts, row+1)
	p.cursor, p.pick = max(i-1, 0), 0
	p.clamp()
}

func (p *linkPane) home() { p.cursor, p.pick, p.top = 0, 0, 0 }
func (p *linkPane) end() {
	p.cursor, p.pick, p.top = len(p.lines)-1, 0, p.total
	p.clamp()
}

// nextLink selects the next mention (dir 1) or the previous one (-1),
// across lines; it stays put when there is none that way.
func (p *linkPane) nextLink(dir int) {
	if len(p.lines) == 0 {
		return
	}
	if n := len(p.lines[p.cursor].mentions); p.pick+dir >= 0 && p.pick+dir < n {
		p.pick += dir
		return
	}
	for i := p.cursor + dir; i >= 0 && i < len(p.lines); i += dir {
		if n := len(p.lines[i].mentions); n > 0 {
			p.cursor, p.pick = i, 0
			if dir < 0 {
				p.pick = n - 1
			}
			p.clamp()
			return
		}
	}
}

// selected is the mention under the cursor.
func (p *linkPane) selected() (rb.Mention, bool) {
	if len(p.lines) == 0 || len(p.lines[p.cursor].mentions) == 0 {
		return rb.Mention{}, false
	}
	return p.lines[p.cursor].mentions[p.pick], true
}

// cursorLine is the text of the cursor line.
func (p *linkPane) cursorLine() string {
	if len(p.lines) == 0 {
		return ""
	}
	return p.lines[p.cursor].text
}

var pickStyle = lipgloss.NewStyle().Reverse(true)

// view renders the pane: focused, the cursor line's selected mention is
// highlighted (the whole line when it names nothing); resource mentions
// become console links through links.
func (p *linkPane) view(focused bool, links ui.ConsoleLinks, flowID int64) string {
	out := make([]string, 0, p.h)
	first, _ := slices.BinarySearch(p.starts, p.top+1)
	for i := max(first-1, 0); i < len(p.lines) && len(out) < p.h; i++ {
		l := p.lines[i]
		text := decorate(l, focused && i == p.cursor, p.pick, links, flowID)
		parts := []string{text}
		if p.wrap {
			parts = closeLinks(strings.Split(components.WrapText(text, p.w), "\n"))
		}
		skip := max(p.top-p.starts[i], 0) // rows of a line begun above the view
		for _, part := range parts[min(skip, len(parts)):] {
			if len(out) == p.h {
				break
			}
			out = append(out, part)
		}
	}
	return strings.Join(out, "\n")
}

// decorate styles line l: its resource mentions as links, and on the
// cursor line the selected mention (or the line) in reverse video.
func decorate(l paneLine, cursor bool, pick int, links ui.ConsoleLinks, flowID int64) string {
	if cursor && len(l.mentions) == 0 {
		return pickStyle.Render(l.text)
	}
	var b strings.Builder
	at := 0
	for j, m := range l.mentions {
		if m.Start < at || m.End > len(l.text) {
			continue
		}
		b.WriteString(l.text[at:m.Start])
		span := l.text[m.Start:m.End]
		if cursor && j == pick {
			span = pickStyle.Render(span)
		}
		if m.Kind == rb.MentionResource {
			span = links.Link(span, m.RT, m.ID, mentionFlow(m, flowID))
		}
		b.WriteString(span)
		at = m.End
	}
	b.WriteString(l.text[at:])
	return b.String()
}

// osc8 opens (with a URL) or closes (without) an OSC 8 hyperlink.
const osc8 = "\x1b]8;;"

// closeLinks ends each wrapped row's open hyperlink at the row's end and
// opens it again on the next row, so the cells drawn between them (the step
// list, the separator) are never part of the link.
func closeLinks(rows []string) []string {
	open := ""
	for i, r := range rows {
		if open != "" {
			r = osc8 + open + "\a" + r
		}
		open = ""
		if at := strings.LastIndex(r, osc8); at >= 0 {
			if end := strings.IndexByte(r[at+len(osc8):], '\a'); end > 0 {
				open = r[at+len(osc8) : at+len(osc8)+end]
			}
		}
		if open != "" {
			r += osc8 + "\a"
		}
		rows[i] = r
	}
	return rows
}
