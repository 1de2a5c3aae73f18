// Package notifications is the on-call entry point (`:notifications`): the
// org's notifications (the alerts that page people) of the last week,
// newest first, with their level, resource, message and time; `l` keeps one
// level, `/` filters by resource or text, and enter opens the runbook of the
// resource an alert is about.
package notifications

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Window is how far back the screen reads, by the server's clock.
const Window = 7 * 24 * time.Hour

// limit bounds one read; the status line says when it was reached.
const limit = 2000

// levels are what `l` steps through: every level, then each one alone.
var levels = []string{"", "ERROR", "WARN", "RECOVERED", "RESOLVED", "INFO", "DEBUG"}

// loadedMsg is a read's answer.
type loadedMsg struct {
	ticket viewkit.Ticket
	notes  []nexla.Notification
	err    error
	at     time.Time
}

// Screen is the notifications list.
type Screen struct {
	d     ui.Deps
	keys  keymap.Notifications
	loads *viewkit.Loads
	list  viewkit.FilterTable

	notes    []nexla.Notification // newest first
	level    int                  // index into levels
	loading  bool
	loaded   bool
	err      error
	loadedAt time.Time
	wide     bool
	w, h     int
}

// New builds the screen; it loads in Init.
func New(d ui.Deps) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{d: d, keys: d.ScreenKeys.Notifications, loads: viewkit.NewLoads()}
	s.list = viewkit.NewFilterTable(components.NewTable(d.Theme, d.Keys, columns(false)))
	return s
}

// wideFrom is the width from which the absolute time and the read mark show.
const wideFrom = 120

func columns(wide bool) []components.Column {
	cols := []components.Column{{Title: "WHEN", Width: 8}, {Title: "LEVEL", Width: 9}, {Title: "RESOURCE", Width: 18}}
	if wide {
		cols = append(cols, components.Column{Title: "TIME", Width: 23}, components.Column{Title: "READ", Width: 4})
	}
	return append(cols, components.Column{Title: "MESSAGE", MinWidth: 20})
}

// Init reads the notifications.
func (s *Screen) Init() tea.Cmd { return s.load() }

func (s *Screen) load() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	s.loading = true
	ctx, ticket := s.loads.NextCancelling()
	api, now := s.d.API, s.d.Now
	return func() tea.Msg {
		at := now()
		notes, err := api.Notifications(ctx, nexla.NotificationOptions{From: at.Add(-Window), Limit: limit})
		return loadedMsg{ticket: ticket, notes: notes, err: err, at: at}
	}
}

// Close stops a read in flight.
func (s *Screen) Close() { s.loads.Close() }

// Update handles the read, keys and refreshes.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case loadedMsg:
		if !s.loads.Latest(m.ticket) {
			return s, nil
		}
		s.loading, s.err = false, m.err
		if m.err == nil {
			s.notes, s.loaded, s.loadedAt = newestFirst(m.notes), true, m.at
		}
		s.setRows()
	case ui.RefreshMsg:
		return s, s.load()
	case components.FilterChangedMsg:
		if s.list.Accept(m) {
			s.list.Table.SetFilter(m.Query)
		}
	case tea.KeyPressMsg:
		if cmd, ok := s.list.Key(s.d.Keys, m); ok {
			return s, cmd
		}
		switch {
		case key.Matches(m, s.keys.Level.Binding):
			s.level = (s.level + 1) % len(levels)
			s.setRows()
			return s, nil
		case key.Matches(m, s.d.Keys.Enter.Binding):
			return s, s.openRunbook()
		}
		s.list.Table.Update(m)
	case tea.MouseMsg:
		s.list.Mouse(m)
	}
	return s, nil
}

// openRunbook opens the runbook of the selected alert's resource.
func (s *Screen) openRunbook() tea.Cmd {
	i, ok := s.list.SelectedIndex(len(s.notes))
	if !ok {
		return nil
	}
	n := s.notes[i]
	rt, id, ok := n.Resource()
	if !ok {
		return ui.Toast(ui.ToastWarn, fmt.Sprintf("this %s notification names no flow or resource to troubleshoot", viewkit.Or(viewkit.Clean(n.ResourceType), "untyped")))
	}
	return ui.Navigate(ui.Route{Kind: ui.RouteRunbook, RT: rt, ID: id})
}

// newestFirst orders notifications by time, newest first, ties by id
// (whatever order the server sent).
func newestFirst(notes []nexla.Notification) []nexla.Notification {
	out := slices.Clone(notes)
	slices.SortStableFunc(out, func(a, b nexla.Notification) int {
		if c := b.At().Compare(a.At()); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out
}

// setRows rebuilds the table from the notifications at the chosen level.
func (s *Screen) setRows() {
	now, loc := s.d.Now(), s.d.Now().Location()
	level := levels[s.level]
	rows := make([]components.Row, 0, len(s.notes))
	for i, n := range s.notes {
		lv := strings.ToUpper(n.Level)
		if level != "" && lv != level {
			continue
		}
		at := n.At()
		cells := []string{viewkit.Ago(now, at), lv, resourceLabel(n)}
		tones := []components.Tone{components.ToneNone, levelTone(lv), components.ToneNone}
		if s.wide {
			read := "no"
			if !n.ReadAt.IsZero() {
				read = "yes"
			}
			cells = append(cells, viewkit.Stamp(at, loc), read)
			tones = append(tones, components.ToneNone, components.ToneNone)
		}
		cells = append(cells, n.Message)
		tones = append(tones, components.ToneNone)
		rows = append(rows, components.Row{Key: strconv.FormatInt(n.ID, 10), Cells: cells, Tones: tones, Version: uint64(i), Data: i})
	}
	s.list.Table.SetRows(rows)
}

// resourceLabel is "source 10004", or the server's type when it names none of ours.
func resourceLabel(n nexla.Notification) string {
	if rt, id, ok := n.Resource(); ok {
		return rt.Singular() + " " + strconv.FormatInt(id, 10)
	}
	label := strings.ToLower(viewkit.Or(n.ResourceType, "-"))
	if n.ResourceID > 0 {
		label += " " + strconv.FormatInt(n.ResourceID, 10)
	}
	return label
}

func levelTone(level string) components.Tone {
	switch level {
	case "ERROR":
		return components.ToneError
	case "WARN", "WARNING":
		return components.ToneWarn
	case "RECOVERED", "RESOLVED":
		return components.ToneOK
	}
	return components.ToneMuted
}

// Selected is the resource of the alert under the cursor (t, y).
func (s *Screen) Selected() (ui.Selection, bool) {
	i, ok := s.list.SelectedIndex(len(s.notes))
	if !ok {
		return ui.Selection{}, false
	}
	rt, id, ok := s.notes[i].Resource()
	if !ok {
		return ui.Selection{}, false
	}
	sel := ui.Selection{RT: rt, ID: id}
	if rt == nexla.Flows {
		sel.FlowID = id
	}
	return sel, true
}

// View renders exactly w x h: the status (or filter) line over the table.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	body := s.list.Table.View()
	if !s.loaded {
		body = viewkit.LoadNotice(s.d.Theme, s.d.Keys, "notifications", s.err, s.w)
	} else if len(s.notes) == 0 {
		body = s.d.Theme.Muted.Render("no notifications in the last 7 days")
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

func (s *Screen) statusLine() string {
	line := "Notifications · "
	switch {
	case !s.loaded && s.err == nil:
		return line + "loading…"
	case !s.loaded:
		return line + s.d.Theme.Error.Render("could not load")
	}
	errs := 0
	for _, n := range s.notes {
		if strings.EqualFold(n.Level, "ERROR") {
			errs++
		}
	}
	line += fmt.Sprintf("%d in 7d · %d ERROR", len(s.notes), errs)
	if len(s.notes) >= limit {
		line += fmt.Sprintf(" · the newest %d only", limit)
	}
	level := levels[s.level]
	if level == "" {
		level = "all"
	}
	line += " · level " + level + " (" + s.keys.Level.Help().Key + ")"
	switch {
	case s.err != nil:
		line += " · " + s.d.Theme.Error.Render("refresh failed: "+viewkit.ErrText(s.err)+" (r to retry)")
	case s.loading:
		line += " · refreshing…"
	default:
		line += " · updated " + viewkit.Ago(s.d.Now(), s.loadedAt)
	}
	return line
}

// SetSize lays the table out for w x h.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if wide := w >= wideFrom; wide != s.wide || len(s.list.Table.Rows()) == 0 {
		s.wide = wide
		s.list.Table.SetColumns(columns(wide))
		s.setRows()
	}
	s.list.SetSize(w, h)
}

// Title is the breadcrumb.
func (s *Screen) Title() string { return "notifications" }

// CapturesInput is true while the filter has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc for clearing an applied filter.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the main keys.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Enter, s.keys.Level, g.Filter, g.Refresh}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End}, {g.Enter, s.keys.Level, g.Filter, g.Refresh, g.Runbook, g.CopyID}}
}
