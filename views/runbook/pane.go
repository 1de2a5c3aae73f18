package runbook

import (
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

// linkPane is the scrollable, selectable detail pane.
type linkPane struct {
	lines  []paneLine
	rows   []int // rows each line takes at the current width
	cursor int   // cursor line
	pick   int   // selected mention on the cursor line
	offset int   // first line shown
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
	p.rows = p.rows[:0]
	for _, l := range p.lines {
		n := 1
		if p.wrap && p.w > 0 {
			n = strings.Count(components.WrapText(l.text, p.w), "\n") + 1
		}
		p.rows = append(p.rows, n)
	}
	p.clamp()
}

// clamp keeps the cursor on a line, the pick on a mention and the cursor's
// whole line in view.
func (p *linkPane) clamp() {
	p.cursor = max(min(p.cursor, len(p.lines)-1), 0)
	if len(p.lines) == 0 {
		p.pick, p.offset = 0, 0
		return
	}
	p.pick = max(min(p.pick, len(p.lines[p.cursor].mentions)-1), 0)
	p.offset = max(min(p.offset, p.cursor), 0)
	rows := 0
	for i := p.cursor; i >= p.offset; i-- {
		rows += p.rows[i]
		if rows > p.h {
			p.offset = min(i+1, p.cursor)
			break
		}
	}
}

// move moves the cursor by delta lines.
func (p *linkPane) move(delta int) { p.cursor += delta; p.pick = 0; p.clamp() }

func (p *linkPane) home() { p.cursor, p.pick, p.offset = 0, 0, 0 }
func (p *linkPane) end()  { p.cursor = len(p.lines) - 1; p.pick = 0; p.clamp() }

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
	for i := p.offset; i < len(p.lines) && len(out) < p.h; i++ {
		l := p.lines[i]
		text := decorate(l, focused && i == p.cursor, p.pick, links, flowID)
		parts := []string{text}
		if p.wrap {
			parts = closeLinks(strings.Split(components.WrapText(text, p.w), "\n"))
		}
		for _, part := range parts {
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
