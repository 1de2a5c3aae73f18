package components

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// LineInput is a one-line text field: printable keys insert, backspace and
// ctrl+w/ctrl+u delete, left/right/home/end move. The command line and the
// filter share it.
type LineInput struct {
	Prompt string
	value  []rune
	pos    int
}

// Value is the text typed so far.
func (l *LineInput) Value() string { return string(l.value) }

// SetValue replaces the text and moves the caret to its end.
func (l *LineInput) SetValue(s string) { l.value = []rune(s); l.pos = len(l.value) }

// Update edits the text; it reports whether the text changed.
func (l *LineInput) Update(msg tea.KeyPressMsg) bool {
	switch msg.String() {
	case "backspace":
		if l.pos > 0 {
			l.value = append(l.value[:l.pos-1], l.value[l.pos:]...)
			l.pos--
			return true
		}
		return false
	case "delete", "ctrl+d":
		if l.pos < len(l.value) {
			l.value = append(l.value[:l.pos], l.value[l.pos+1:]...)
			return true
		}
		return false
	case "ctrl+u":
		changed := l.pos > 0
		l.value = l.value[l.pos:]
		l.pos = 0
		return changed
	case "ctrl+w":
		start := l.pos
		for start > 0 && l.value[start-1] == ' ' {
			start--
		}
		for start > 0 && l.value[start-1] != ' ' {
			start--
		}
		changed := start != l.pos
		l.value = append(l.value[:start], l.value[l.pos:]...)
		l.pos = start
		return changed
	case "left", "ctrl+b":
		l.pos = max(l.pos-1, 0)
	case "right", "ctrl+f":
		l.pos = min(l.pos+1, len(l.value))
	case "home", "ctrl+a":
		l.pos = 0
	case "end", "ctrl+e":
		l.pos = len(l.value)
	default:
		if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
			return false
		}
		ins := []rune(msg.Text)
		l.value = append(l.value[:l.pos], append(ins, l.value[l.pos:]...)...)
		l.pos += len(ins)
		return true
	}
	return false
}

// View renders prompt, text and a block caret, fitted to w cells.
func (l *LineInput) View(w int) string {
	before, after := string(l.value[:l.pos]), string(l.value[l.pos:])
	caret := "█"
	if after != "" {
		r := []rune(after)
		caret = "\x1b[7m" + string(r[0]) + "\x1b[27m"
		after = string(r[1:])
	}
	s := l.Prompt + before + caret + after
	if ansi.StringWidth(s) > w {
		// Keep the caret visible: drop text from the left.
		s = ansi.TruncateLeft(s, ansi.StringWidth(s)-w, "…")
	}
	return pad(s, w)
}

// FilterDebounce is how long FilterInput waits after the last key.
const FilterDebounce = 120 * time.Millisecond

// FilterChangedMsg is the debounced query of a FilterInput. Pass it to
// FilterInput.Accept: only the latest one is accepted. The shell delivers it
// to the screen whose filter sent it, and to no other.
type FilterChangedMsg struct {
	Seq   int
	Query string
}

// FilterInput is the `/` filter of a screen. While Open the screen must
// report CapturesInput() == true so global keys step aside.
type FilterInput struct {
	input LineInput
	open  bool
	seq   int
	// applied is the query the screen last applied (shown while closed).
	applied string
}

// NewFilterInput builds a closed filter.
func NewFilterInput() *FilterInput {
	return &FilterInput{input: LineInput{Prompt: "/"}}
}

// Open reports whether the field has focus.
func (f *FilterInput) Open() bool { return f.open }

// Query is the text in the field.
func (f *FilterInput) Query() string { return f.input.Value() }

// Focus opens the field (the screen calls it on `/`).
func (f *FilterInput) Focus() { f.open = true }

// Update handles a key while open: enter keeps the query and closes the
// field, esc clears it and closes. It returns the debounce Cmd when the text
// changed (or an immediate one on esc/enter).
func (f *FilterInput) Update(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		f.open = false
		f.input.SetValue("")
		return f.emit(0)
	case "enter":
		f.open = false
		return f.emit(0)
	}
	if f.input.Update(msg) {
		return f.emit(FilterDebounce)
	}
	return nil
}

// Clear empties the query (esc on a screen with a closed but active filter).
func (f *FilterInput) Clear() tea.Cmd {
	f.open = false
	f.input.SetValue("")
	return f.emit(0)
}

func (f *FilterInput) emit(delay time.Duration) tea.Cmd {
	f.seq++
	m := FilterChangedMsg{Seq: f.seq, Query: f.input.Value()}
	if delay == 0 {
		return func() tea.Msg { return m }
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return m })
}

// Accept reports whether msg is this filter's latest query; stale ones
// (superseded by later keys) are dropped.
func (f *FilterInput) Accept(msg FilterChangedMsg) bool {
	if msg.Seq != f.seq {
		return false
	}
	f.applied = msg.Query
	return true
}

// View renders the filter line with the match count, w cells wide:
// "/query█  12/3400 match" while open, "filter: query (12/3400)" when applied.
func (f *FilterInput) View(w, matched, total int) string {
	count := " " + itoa(matched) + "/" + itoa(total) + " match"
	if f.open {
		return f.input.View(max(w-len(count), 1)) + count
	}
	if f.applied != "" {
		return pad("filter: "+f.applied+" ("+itoa(matched)+"/"+itoa(total)+", esc clears)", w)
	}
	return pad("", w)
}

// Active reports whether a query is applied (open or not).
func (f *FilterInput) Active() bool { return f.open || f.applied != "" }
