package components

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// logCapacity bounds the ring buffer: the oldest lines drop out beyond it.
const logCapacity = 100_000

// severity filter levels, cycled with `s`.
const (
	sevAll = iota
	sevWarn
	sevError
)

var sevNames = [...]string{"all", "warning+", "error"}

// logStampLayout is a line's time in the view (the zone is named once, in
// the status line, not on every line).
const logStampLayout = "01-02 15:04:05"

// logLine is one sanitized log line with what the filters need precomputed.
type logLine struct {
	at    time.Time
	sev   string // INFO, WARNING, ERROR ...
	level int    // sevAll, sevWarn or sevError
	where string // SOURCE, DATASET, SINK
	id    int64  // the resource's id, when the line names one
	run   int64
	text  string // sanitized
	// lower is every column, lower-cased, for search: searching "error"
	// finds the severity column, "sink" the resource, "03:01" the time.
	lower string
}

// LogView shows log lines (the runbook's step 3 and its watch, the logs
// screen): a ring buffer of up to logCapacity lines, a severity filter, a
// search over every column, wrap (on by default: a line cut at 80 columns
// hides the part that explains it), timestamps in a named zone, follow mode
// and a cursor line (copied with y). Only the visible lines are rendered;
// new lines are handed over in batches (see pending/flush) so a burst of
// lines costs one re-filter, not one per line.
type LogView struct {
	ring    []logLine
	head    int // index of the oldest line when full
	full    bool
	pending []logLine // appended but not yet shown (flushed on the batch tick)

	level      int
	query      string
	wrap       bool
	timestamps bool
	follow     bool
	focused    bool // the cursor line is highlighted
	loc        *time.Location

	visible []int // ring positions (0 = oldest) passing the filters
	offset  int   // first visible line shown
	cursor  int   // selected visible line
	w, h    int
}

// NewLogView builds an empty log view: timestamps and wrap on, times in the
// local zone (SetLocation).
func NewLogView() *LogView {
	return &LogView{timestamps: true, wrap: true, loc: time.Local, ring: make([]logLine, 0, 1024)}
}

func (v *LogView) toLine(e nexla.LogEntry) logLine {
	l := logLine{sev: strings.ToUpper(safetext.Clean(e.Severity)), where: safetext.Clean(e.ResourceType), id: e.ResourceID,
		run: e.RunID, text: safetext.Clean(e.Log)}
	if e.Timestamp != 0 {
		l.at = nexla.EpochToTime(e.Timestamp)
	}
	switch l.sev {
	case "ERROR", "FATAL", "CRITICAL":
		l.level = sevError
	case "WARNING", "WARN":
		l.level = sevWarn
	}
	l.lower = v.searchText(&l)
	return l
}

// searchText is every column of l as the view shows it, lower-cased: one
// buffer, lower-cased in place (ASCII; strings.ToLower only for the rest),
// as it runs for every line that arrives.
func (v *LogView) searchText(l *logLine) string {
	buf := make([]byte, 0, len(l.text)+64)
	if !l.at.IsZero() {
		buf = l.at.In(v.loc).AppendFormat(buf, "2006-01-02 15:04:05")
		buf = append(buf, ' ')
	}
	buf = append(append(append(append(buf, l.sev...), ' '), l.where...), ' ')
	if l.id != 0 {
		buf = append(strconv.AppendInt(buf, l.id, 10), ' ')
	}
	if l.run != 0 {
		buf = append(strconv.AppendInt(buf, l.run, 10), ' ')
	}
	buf = append(buf, l.text...)
	for i, b := range buf {
		switch {
		case b >= utf8RuneSelf:
			return strings.ToLower(string(buf))
		case 'A' <= b && b <= 'Z':
			buf[i] = b + 'a' - 'A'
		}
	}
	return string(buf)
}

const utf8RuneSelf = 0x80

// SetLocation sets the zone times are shown (and searched) in.
func (v *LogView) SetLocation(loc *time.Location) {
	if loc == nil {
		loc = time.Local
	}
	if loc == v.loc {
		return
	}
	v.loc = loc
	for i := range v.ring {
		v.ring[i].lower = v.searchText(&v.ring[i])
	}
	v.refilter()
}

// Queue adds entries to the pending batch; Flush shows them.
func (v *LogView) Queue(es []nexla.LogEntry) {
	for _, e := range es {
		v.pending = append(v.pending, v.toLine(e))
	}
}

// Reset empties the view.
func (v *LogView) Reset() {
	v.ring, v.head, v.full, v.pending, v.visible, v.offset, v.cursor = v.ring[:0], 0, false, nil, nil, 0, 0
}

// Flush moves pending lines into the ring and updates the filtered index
// incrementally (a full rebuild only when old lines dropped out).
func (v *LogView) Flush() bool {
	if len(v.pending) == 0 {
		return false
	}
	dropped := false
	for _, l := range v.pending {
		if len(v.ring) < logCapacity {
			v.ring = append(v.ring, l)
			continue
		}
		v.ring[v.head] = l
		v.head = (v.head + 1) % logCapacity
		v.full, dropped = true, true
	}
	added := len(v.pending)
	v.pending = v.pending[:0]
	if dropped {
		v.refilter()
	} else {
		for i := v.Len() - added; i < v.Len(); i++ {
			if v.matches(v.at(i)) {
				v.visible = append(v.visible, i)
			}
		}
	}
	if v.follow {
		v.End()
	}
	return true
}

// Len is the number of lines held.
func (v *LogView) Len() int { return len(v.ring) }

func (v *LogView) at(i int) *logLine {
	if v.full {
		return &v.ring[(v.head+i)%logCapacity]
	}
	return &v.ring[i]
}

func (v *LogView) matches(l *logLine) bool {
	return l.level >= v.level && (v.query == "" || strings.Contains(l.lower, v.query))
}

func (v *LogView) refilter() {
	v.visible = v.visible[:0]
	for i := 0; i < v.Len(); i++ {
		if v.matches(v.at(i)) {
			v.visible = append(v.visible, i)
		}
	}
	v.clamp()
}

// CycleLevel steps the severity filter: all -> warning+ -> error -> all.
func (v *LogView) CycleLevel() { v.level = (v.level + 1) % len(sevNames); v.refilter() }

// SetQuery filters by a case-insensitive substring of any column.
func (v *LogView) SetQuery(q string) {
	v.query = strings.ToLower(q)
	v.offset, v.cursor = 0, 0
	v.refilter()
}

// ToggleFollow keeps the newest line in view while on.
func (v *LogView) ToggleFollow() {
	v.follow = !v.follow
	if v.follow {
		v.End()
	}
}

// SetSize sets the view's size; Height is its height.
func (v *LogView) SetSize(w, h int) { v.w, v.h = w, h; v.clamp() }

// Height is the number of rows the view shows.
func (v *LogView) Height() int { return v.h }

// Matched is the number of lines passing the filters.
func (v *LogView) Matched() int { return len(v.visible) }

// ToggleWrap wraps long lines instead of truncating them.
func (v *LogView) ToggleWrap() { v.wrap = !v.wrap; v.clamp() }

// Wrapped is true while long lines wrap.
func (v *LogView) Wrapped() bool { return v.wrap }

// ToggleTimestamps shows or hides each line's time.
func (v *LogView) ToggleTimestamps() { v.timestamps = !v.timestamps; v.clamp() }

// SetFocused highlights the cursor line (the view has the keys).
func (v *LogView) SetFocused(on bool) { v.focused = on }

// Following is true while the newest line is kept in view.
func (v *LogView) Following() bool { return v.follow }

// Follow turns follow mode on (a watched run's logs stream in).
func (v *LogView) Follow() { v.follow = true; v.End() }

// Scroll moves the cursor by delta lines; moving up leaves follow mode.
func (v *LogView) Scroll(delta int) {
	if delta < 0 {
		v.follow = false
	}
	v.cursor += delta
	v.clamp()
}

// Home selects the first line; End the last.
// ShowKey applies the display keys every log view shares (severity, wrap,
// timestamps: each screen passes its own bindings) and reports whether msg
// was one of them.
func (v *LogView) ShowKey(msg tea.KeyPressMsg, level, wrap, stamps keymap.Action) bool {
	switch {
	case key.Matches(msg, level.Binding):
		v.CycleLevel()
	case key.Matches(msg, wrap.Binding):
		v.ToggleWrap()
	case key.Matches(msg, stamps.Binding):
		v.ToggleTimestamps()
	default:
		return false
	}
	return true
}

// MoveKey moves the cursor for the global movement keys (a line, a page
// of page lines, the ends) and reports whether msg was one of them: the
// logs screen and the runbook's logs step move the same way.
func (v *LogView) MoveKey(msg tea.KeyPressMsg, g keymap.Global, page int) bool {
	switch {
	case key.Matches(msg, g.Up.Binding):
		v.Scroll(-1)
	case key.Matches(msg, g.Down.Binding):
		v.Scroll(1)
	case key.Matches(msg, g.PageUp.Binding):
		v.Scroll(-page)
	case key.Matches(msg, g.PageDown.Binding):
		v.Scroll(page)
	case key.Matches(msg, g.Home.Binding):
		v.Home()
	case key.Matches(msg, g.End.Binding):
		v.End()
	default:
		return false
	}
	return true
}

func (v *LogView) Home() { v.follow = false; v.cursor, v.offset = 0, 0 }
func (v *LogView) End()  { v.cursor = len(v.visible) - 1; v.clamp() }

// clamp keeps the cursor on a line and in view: above it, the view starts
// at the cursor; below it, the view starts as late as still shows the
// cursor's whole line (wrapped lines take several rows).
func (v *LogView) clamp() {
	v.cursor = max(min(v.cursor, len(v.visible)-1), 0)
	v.offset = max(min(v.offset, v.cursor), 0)
	if v.h <= 0 || len(v.visible) == 0 {
		return
	}
	rows := 0
	for i := v.cursor; i >= v.offset; i-- {
		rows += v.rows(v.at(v.visible[i]))
		if rows > v.h {
			v.offset = min(i+1, v.cursor)
			break
		}
	}
}

// rows is how many rows line l takes.
func (v *LogView) rows(l *logLine) int {
	if !v.wrap || v.w <= 0 {
		return 1
	}
	return len(v.wrapped(l))
}

// minHangingText is the narrowest message column worth a hanging indent;
// narrower, continuation rows start at the left edge.
const minHangingText = 40

// wrapped is line l as shown over several rows: the message wraps under
// its own column (a hanging indent past the time, severity and resource), so
// a wrapped line reads as one entry and the next entry's time stands out.
func (v *LogView) wrapped(l *logLine) []string {
	prefix := v.prefix(l)
	text := prefix + l.text
	if ansi.StringWidth(text) <= v.w {
		return []string{text}
	}
	indent := ansi.StringWidth(prefix)
	if v.w-indent < minHangingText {
		return strings.Split(WrapText(text, v.w), "\n")
	}
	parts := strings.Split(WrapText(l.text, v.w-indent), "\n")
	pad := strings.Repeat(" ", indent)
	for i := range parts {
		if i == 0 {
			parts[i] = prefix + parts[i]
		} else {
			parts[i] = pad + parts[i]
		}
	}
	return parts
}

// render is line l as shown: time, severity, resource and text.
func (v *LogView) render(l *logLine) string { return v.prefix(l) + l.text }

// prefix is what comes before a line's message: time, severity, resource.
func (v *LogView) prefix(l *logLine) string {
	prefix := ""
	if v.timestamps && !l.at.IsZero() {
		prefix = l.at.In(v.loc).Format(logStampLayout) + " "
	}
	return prefix + padRight(l.sev, 5) + " " + padRight(l.where, 7) + " "
}

// Zone names the zone times are shown in, with its offset at t: "CET
// (UTC+01:00)", or "UTC".
func (v *LogView) Zone(t time.Time) string { return ZoneName(v.loc, t) }

// ZoneName is the name of loc at t with its offset from UTC, so a reader
// in another zone can convert: "CET (UTC+01:00)"; "UTC" for UTC.
func ZoneName(loc *time.Location, t time.Time) string {
	if loc == nil {
		loc = time.Local
	}
	if t.IsZero() {
		t = time.Now()
	}
	name, off := t.In(loc).Zone()
	if off == 0 && (name == "UTC" || name == "GMT" || name == "") {
		return "UTC"
	}
	return name + " (UTC" + t.In(loc).Format("-07:00") + ")"
}

// Selected is the cursor line in full, with its date, zone, resource and
// run: what y copies.
func (v *LogView) Selected() (string, bool) {
	if len(v.visible) == 0 {
		return "", false
	}
	l := v.at(v.visible[v.cursor])
	var b strings.Builder
	if !l.at.IsZero() {
		b.WriteString(l.at.In(v.loc).Format("2006-01-02 15:04:05 MST") + " ")
	}
	b.WriteString(l.sev + " " + l.where)
	if l.id != 0 {
		b.WriteString(" " + strconv.FormatInt(l.id, 10))
	}
	if l.run != 0 {
		b.WriteString(" run " + strconv.FormatInt(l.run, 10))
	}
	b.WriteString(": " + l.text)
	return b.String(), true
}

// Status is the one-line state of the filters.
func (v *LogView) Status() string {
	s := "severity " + sevNames[v.level]
	if v.query != "" {
		s += " · search \"" + v.query + "\""
	}
	s += " · " + itoa(len(v.visible)) + "/" + itoa(v.Len()) + " lines"
	if v.wrap {
		s += " · wrap"
	}
	if v.follow {
		s += " · follow"
	}
	if v.timestamps && v.Len() > 0 {
		s += " · times " + v.Zone(v.at(v.Len()-1).at)
	}
	return s
}

// cursorStyle marks the selected line (reverse video survives NO_COLOR).
var cursorStyle = lipgloss.NewStyle().Reverse(true)

// View renders exactly h lines of at most w cells.
func (v *LogView) View() string {
	if v.w <= 0 || v.h <= 0 {
		return ""
	}
	out := make([]string, 0, v.h)
	for i := v.offset; i < len(v.visible) && len(out) < v.h; i++ {
		l := v.at(v.visible[i])
		var parts []string
		if v.wrap {
			parts = v.wrapped(l)
		} else {
			parts = []string{ansi.Truncate(v.render(l), v.w, "…")}
		}
		for _, part := range parts {
			if len(out) == v.h {
				break
			}
			if v.focused && i == v.cursor {
				part = cursorStyle.Render(padRight(part, v.w))
			}
			out = append(out, part)
		}
	}
	if len(v.visible) == 0 {
		out = append(out, "(no log lines match)")
	}
	return strings.Join(out, "\n")
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
