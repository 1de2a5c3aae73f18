// Package logs is the logs screen of any flow or resource, or of one run
// of a flow: a time window measured on the server's clock (last hour, day,
// week, or typed), a severity filter, a search over every column, follow,
// wrap, times in the configured zone with the zone named, and the selected
// line in full below (z zooms it; y copies it).
package logs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

const (
	lineLimit   = 20000           // most lines read for one window
	followEvery = 5 * time.Second // poll interval while following
	detailRows  = 3               // rows of the selected line's pane
)

// Screen is the logs screen.
type Screen struct {
	d      ui.Deps
	keys   keymap.Logs
	target rb.Target
	run    int64
	win    window
	loads  *viewkit.Loads

	logs    *components.LogView
	search  *components.FilterInput
	custom  *components.LineInput // the F prompt; nil when closed
	zoom    bool
	loading bool
	err     error
	lines   int // lines read by the last load
	tail    rb.LogTail
	// following polls for new lines (f); fseq numbers follow chains.
	following, visible bool
	fseq               int
	pollErr            error
	w, h               int
}

// New builds the logs screen of rt/id; run > 0 reads that run of the flow.
func New(d ui.Deps, rt nexla.ResourceType, id, run int64) *Screen {
	d = viewkit.WithDefaults(d)
	keys := d.ScreenKeys.Logs
	s := &Screen{d: d, keys: keys, target: rb.Target{RT: rt, ID: id}, run: run, win: window{since: presets[0]},
		loads: viewkit.NewLoads(), logs: components.NewLogView(), search: components.NewFilterInput(), visible: true}
	s.logs.SetLocation(d.Location)
	s.logs.SetFocused(true)
	return s
}

type loadedMsg struct {
	ticket viewkit.Ticket
	lines  []nexla.LogEntry
	err    error
}

type followTickMsg struct {
	ticket viewkit.Ticket
	fseq   int
}

type polledMsg struct {
	ticket viewkit.Ticket
	fseq   int
	lines  []nexla.LogEntry
	err    error
}

// Init reads the window.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Close cancels the reads in flight.
func (s *Screen) Close() { s.loads.Close() }

// opts is the read of the current window (or run) on the server's clock.
func (s *Screen) opts() nexla.LogOptions {
	now := s.d.Now()
	if s.run != 0 {
		return rb.RunLogWindow(s.run, now)
	}
	return nexla.LogOptions{From: s.win.start(now)}
}

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	s.loading, s.err, s.pollErr = true, nil, nil
	s.fseq++ // a follow chain of the old window stops
	ctx, ticket := s.loads.NextCancelling()
	read, o := rb.LogReader(s.d.API, s.target, false), s.opts()
	cmds := []tea.Cmd{func() tea.Msg {
		lines, err := rb.ReadLogWindow(ctx, read, o, lineLimit)
		return loadedMsg{ticket: ticket, lines: lines, err: err}
	}}
	return tea.Batch(cmds...)
}

// Update routes messages; answers of an older load are dropped.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case loadedMsg:
		if !s.loads.Latest(m.ticket) {
			return s, nil
		}
		s.loading, s.err = false, m.err
		if m.err == nil {
			s.lines = len(m.lines)
			s.tail = rb.LogTail{}
			s.tail.Seen(m.lines)
			s.logs.Reset()
			s.logs.Queue(m.lines)
			s.logs.Flush()
			if !s.logs.Following() {
				s.logs.Home()
			}
		}
		if s.following {
			return s, s.followTick()
		}
		return s, nil
	case followTickMsg:
		if !s.loads.Latest(m.ticket) || m.fseq != s.fseq || !s.following || !s.visible {
			return s, nil
		}
		ctx, ticket, fseq := s.loads.Ctx(), s.loads.Current(), s.fseq
		read, o := rb.LogReader(s.d.API, s.target, false), s.tail.Next(s.opts())
		return s, func() tea.Msg {
			lines, err := rb.ReadLogWindow(ctx, read, o, lineLimit)
			return polledMsg{ticket: ticket, fseq: fseq, lines: lines, err: err}
		}
	case polledMsg:
		if !s.loads.Latest(m.ticket) || m.fseq != s.fseq || !s.following {
			return s, nil
		}
		s.pollErr = m.err // shown in the status line; the next poll retries
		if m.err == nil {
			fresh := s.tail.Fresh(m.lines)
			s.lines += len(fresh)
			s.logs.Queue(fresh)
			s.logs.Flush()
		}
		return s, s.followTick()
	case ui.VisibilityMsg:
		s.visible = m.Visible
		if m.Visible && s.following {
			return s, s.followTick()
		}
		return s, nil
	case ui.RefreshMsg:
		if s.following {
			return s, nil // the follow already polls
		}
		return s, s.reload()
	case components.FilterChangedMsg:
		if s.search.Accept(m) {
			s.logs.SetQuery(m.Query)
		}
		return s, nil
	case tea.KeyPressMsg:
		return s, s.onKey(m)
	}
	return s, nil
}

func (s *Screen) followTick() tea.Cmd {
	s.fseq++
	ticket, fseq := s.loads.Current(), s.fseq
	return tea.Tick(followEvery, func(time.Time) tea.Msg { return followTickMsg{ticket: ticket, fseq: fseq} })
}

func (s *Screen) onKey(m tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	if s.search.Open() {
		return s.search.Update(m)
	}
	if s.custom != nil {
		return s.customKey(m)
	}
	_, lh := s.bodyHeights()
	page := max(lh-1, 1)
	switch {
	case key.Matches(m, g.CopyID.Binding):
		line, ok := s.logs.Selected()
		if !ok {
			return ui.Toast(ui.ToastInfo, "no log line to copy")
		}
		return ui.Copy(line, "log line")
	case key.Matches(m, g.Back.Binding):
		switch {
		case s.search.Active():
			return s.search.Clear()
		case s.zoom:
			s.zoom = false
			s.layout()
		}
	case key.Matches(m, g.Filter.Binding):
		s.search.Focus()
	case s.logs.ShowKey(m, s.keys.Level, s.keys.Wrap, s.keys.Stamps): // severity, wrap, stamps: applied by the view
	case key.Matches(m, s.keys.Zoom.Binding):
		s.zoom = !s.zoom
		s.layout()
	case key.Matches(m, s.keys.Follow.Binding):
		s.following = !s.following
		if s.following != s.logs.Following() {
			s.logs.ToggleFollow()
		}
		if s.following {
			return s.followTick()
		}
		s.fseq++
	case key.Matches(m, s.keys.Window.Binding) && s.run == 0:
		s.win = s.win.next()
		return s.reload()
	case key.Matches(m, s.keys.From.Binding) && s.run == 0:
		s.custom = &components.LineInput{Prompt: "window (6h, 3d, 2026-11-22 03:00): "}
	default:
		s.logs.MoveKey(m, g, page)
	}
	return nil
}

// customKey edits the typed window; enter reads it, esc drops it.
func (s *Screen) customKey(m tea.KeyPressMsg) tea.Cmd {
	switch m.String() {
	case "esc":
		s.custom = nil
		return nil
	case "enter":
		w, err := parseWindow(s.custom.Value(), s.d.Now(), s.d.Location)
		if err != nil {
			return ui.Toast(ui.ToastWarn, err.Error())
		}
		s.custom, s.win = nil, w
		return s.reload()
	}
	s.custom.Update(m)
	return nil
}

// Title is the breadcrumb.
func (s *Screen) Title() string {
	if s.run != 0 {
		return "logs run " + strconv.FormatInt(s.run, 10)
	}
	return "logs " + s.target.String()
}

// CapturesInput is true while the search or the window prompt has the keys.
func (s *Screen) CapturesInput() bool { return s.search.Open() || s.custom != nil }

// InterceptBack keeps esc for clearing a search or leaving the zoom.
func (s *Screen) InterceptBack() bool { return s.search.Active() || s.zoom }

// ClaimsKey takes y: it copies the selected line, not the target's id.
func (s *Screen) ClaimsKey(m tea.KeyPressMsg) bool { return key.Matches(m, s.d.Keys.CopyID.Binding) }

// Selected is the flow or resource whose logs these are (o, t).
func (s *Screen) Selected() (ui.Selection, bool) {
	sel := ui.Selection{RT: s.target.RT, ID: s.target.ID}
	if s.target.RT == nexla.Flows {
		sel.FlowID = s.target.ID
	}
	return sel, true
}

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	copyLine := g.CopyID
	copyLine.SetHelp(copyLine.Help().Key, "copy line")
	return []keymap.Action{g.Filter, s.keys.Level, s.keys.Window, s.keys.Follow, s.keys.Zoom, copyLine, g.Back}
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End, g.Back},
		{g.Filter, s.keys.Level, s.keys.Wrap, s.keys.Stamps, s.keys.Follow, s.keys.Zoom},
		{s.keys.Window, s.keys.From, g.CopyID, g.OpenURL, g.Runbook, g.Refresh},
	}
}

// SetSize sets the screen's size.
func (s *Screen) SetSize(w, h int) { s.w, s.h = w, h; s.layout() }

// bodyHeights are the rows of the selected line's pane and of the log view.
func (s *Screen) bodyHeights() (detail, logs int) {
	body := max(s.h-2, 1) // title and status lines
	if s.zoom {
		return body, 0
	}
	detail = min(detailRows, max(body/4, 1))
	return detail, max(body-detail-1, 1)
}

func (s *Screen) layout() {
	_, lh := s.bodyHeights()
	s.logs.SetSize(s.w, max(lh, 1))
}

// View renders exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	th := s.d.Theme
	var b strings.Builder
	b.WriteString(viewkit.FitLine(th.Title.Render(s.titleLine()), s.w) + "\n")
	b.WriteString(viewkit.FitLine(s.statusLine(), s.w) + "\n")
	dh, lh := s.bodyHeights()
	if lh > 0 {
		if s.loading && s.logs.Len() == 0 || s.err != nil {
			b.WriteString(viewkit.Fit(viewkit.LoadNotice(th, s.d.Keys, "the logs", s.err, s.w), s.w, lh) + "\n")
		} else {
			b.WriteString(viewkit.Fit(s.logs.View(), s.w, lh) + "\n")
		}
		b.WriteString(th.Border.Render(strings.Repeat("─", s.w)) + "\n")
	}
	b.WriteString(s.detailView(dh))
	return viewkit.Fit(b.String(), s.w, s.h)
}

func (s *Screen) titleLine() string {
	what := s.d.Console.Link(s.target.String(), s.target.RT, s.target.ID, s.flowID())
	t := "Logs · " + what
	if s.run != 0 {
		t += fmt.Sprintf(" · run %d", s.run)
	} else {
		t += " · " + s.win.describe(s.d.Location) + " by the server's clock"
	}
	if s.lines >= lineLimit {
		t += fmt.Sprintf(" · first %d lines", lineLimit)
	}
	return t
}

func (s *Screen) flowID() int64 {
	if s.target.RT == nexla.Flows {
		return s.target.ID
	}
	return 0
}

func (s *Screen) statusLine() string {
	th := s.d.Theme
	switch {
	case s.custom != nil:
		return s.custom.View(s.w)
	case s.search.Open():
		return s.search.View(s.w, s.logs.Matched(), s.logs.Len())
	}
	st := s.logs.Status()
	if s.loading {
		st = "reading… · " + st
	}
	if s.following {
		st += " · polling every " + followEvery.String()
	}
	if s.pollErr != nil {
		return th.Warn.Render("follow: "+viewkit.ErrText(s.pollErr)+" (retrying)") + " · " + st
	}
	return th.Muted.Render(st)
}

// detailView is the selected line in full, wrapped to the width.
func (s *Screen) detailView(h int) string {
	line, ok := s.logs.Selected()
	if !ok {
		return viewkit.Fit(s.d.Theme.Muted.Render("no line selected"), s.w, h)
	}
	return viewkit.Fit(components.WrapText(line, s.w), s.w, h)
}

var (
	_ ui.Screen     = (*Screen)(nil)
	_ ui.Selectable = (*Screen)(nil)
	_ ui.KeyClaimer = (*Screen)(nil)
)
