package components

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

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

// logLine is one sanitized log line with what the filters need precomputed.
type logLine struct {
	at    time.Time
	sev   string // INFO, WARNING, ERROR ...
	level int    // sevAll, sevWarn or sevError
	where string // SOURCE, DATASET, SINK
	text  string // sanitized
	lower string // for search
}

// LogView shows a run's logs (the runbook's step 3 and its watch): a ring buffer of up to logCapacity lines, a
// severity filter, a text search, wrap, timestamps and follow mode. Only the
// visible lines are rendered; new lines are handed over in batches (see
// pending/flush) so a burst of lines costs one re-filter, not one per line.
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

	visible []int // ring positions (0 = oldest) passing the filters
	offset  int   // first visible row shown
	w, h    int
}

// NewLogView builds an empty log view (timestamps on).
func NewLogView() *LogView { return &LogView{timestamps: true, ring: make([]logLine, 0, 1024)} }

func toLine(e nexla.LogEntry) logLine {
	l := logLine{sev: strings.ToUpper(safetext.Clean(e.Severity)), where: safetext.Clean(e.ResourceType), text: safetext.Clean(e.Log)}
	if e.Timestamp != 0 {
		l.at = nexla.EpochToTime(e.Timestamp)
	}
	switch l.sev {
	case "ERROR", "FATAL", "CRITICAL":
		l.level = sevError
	case "WARNING", "WARN":
		l.level = sevWarn
	}
	l.lower = strings.ToLower(l.text)
	return l
}

// Queue adds entries to the pending batch; Flush shows them.
func (v *LogView) Queue(es []nexla.LogEntry) {
	for _, e := range es {
		v.pending = append(v.pending, toLine(e))
	}
}

// Reset empties the view.
func (v *LogView) Reset() {
	v.ring, v.head, v.full, v.pending, v.visible, v.offset = v.ring[:0], 0, false, nil, nil, 0
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
		v.offset = max(len(v.visible)-v.h, 0)
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

// SetQuery filters by a case-insensitive substring.
func (v *LogView) SetQuery(q string) { v.query = strings.ToLower(q); v.offset = 0; v.refilter() }

// ToggleFollow keeps the newest line in view while on.
func (v *LogView) ToggleFollow() {
	v.follow = !v.follow
	if v.follow {
		v.offset = max(len(v.visible)-v.h, 0)
	}
}

// SetSize sets the view's size; Height is its height.
func (v *LogView) SetSize(w, h int) { v.w, v.h = w, h; v.clamp() }

// Height is the number of rows the view shows.
func (v *LogView) Height() int { return v.h }

// Matched is the number of lines passing the filters.
func (v *LogView) Matched() int { return len(v.visible) }

// ToggleWrap wraps long lines instead of truncating them.
func (v *LogView) ToggleWrap() { v.wrap = !v.wrap }

// ToggleTimestamps shows or hides each line's time.
func (v *LogView) ToggleTimestamps() { v.timestamps = !v.timestamps }

// Following is true while the newest line is kept in view.
func (v *LogView) Following() bool { return v.follow }

// Follow turns follow mode on (a watched run's logs stream in).
func (v *LogView) Follow() { v.follow = true }

// Scroll moves by delta rows; moving up leaves follow mode.
func (v *LogView) Scroll(delta int) {
	if delta < 0 {
		v.follow = false
	}
	v.offset += delta
	v.clamp()
}

func (v *LogView) Home() { v.follow = false; v.offset = 0 }
func (v *LogView) End()  { v.offset = max(len(v.visible)-v.h, 0) }

func (v *LogView) clamp() {
	v.offset = max(min(v.offset, len(v.visible)-v.h), 0)
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
	return s
}

// View renders exactly h lines of at most w cells.
func (v *LogView) View() string {
	if v.w <= 0 || v.h <= 0 {
		return ""
	}
	out := make([]string, 0, v.h)
	for i := v.offset; i < len(v.visible) && len(out) < v.h; i++ {
		l := v.at(v.visible[i])
		prefix := ""
		if v.timestamps && !l.at.IsZero() {
			prefix = l.at.UTC().Format("01-02 15:04:05") + " "
		}
		text := prefix + padRight(l.sev, 5) + " " + padRight(l.where, 7) + " " + l.text
		if !v.wrap {
			out = append(out, ansi.Truncate(text, v.w, "…"))
			continue
		}
		for _, part := range strings.Split(ansi.Hardwrap(text, v.w, true), "\n") {
			if len(out) == v.h {
				break
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
