// Package actions is the session log (`:actions`), like lazygit's command
// log: every change this session made (pause, activate, grants, bulk…),
// when it was confirmed, and how it ended, newest first. The shell records
// it on its one mutation path (ui.Mutation): what is listed is what was
// confirmed and sent, including the transport's note when an answer was
// lost and the change was settled by re-reading.
package actions

import (
	"fmt"
	"github.com/nexla-tui/nexla-tui/keymap"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Screen is the session log.
type Screen struct {
	d       ui.Deps
	list    viewkit.FilterTable
	entries []ui.ActionEntry
	wide    bool
	w, h    int
}

// New builds the screen over the session's log.
func New(d ui.Deps) *Screen {
	d = viewkit.WithDefaults(d)
	if d.Actions == nil {
		d.Actions = ui.NewActionLog(d.Now())
	}
	s := &Screen{d: d}
	s.list = viewkit.NewFilterTable(components.NewTable(d.Theme, d.Keys, columns(false)))
	s.reload()
	return s
}

// wideFrom is the width from which the resource (as the dialog named it)
// and the call's duration show; narrower, the outcome names the target.
const wideFrom = 120

func columns(wide bool) []components.Column {
	cols := []components.Column{{Title: "TIME", Width: 12}, {Title: "ACTION", Width: 10}, {Title: "STATE", Width: 8}}
	if wide {
		cols = append(cols, components.Column{Title: "RESOURCE", MinWidth: 16}, components.Column{Title: "TOOK", Width: 6})
	}
	return append(cols, components.Column{Title: "OUTCOME", MinWidth: 20})
}

// Init has nothing to load: the log is in memory.
func (s *Screen) Init() tea.Cmd { return nil }

// reload reads the log again (a change was logged, or the screen came back).
func (s *Screen) reload() {
	s.entries = s.d.Actions.Entries()
	loc := s.d.Now().Location()
	rows := make([]components.Row, 0, len(s.entries))
	for i, e := range s.entries {
		cells := []string{e.At.In(loc).Format("15:04:05 MST"), e.Action, e.State.String()}
		tones := []components.Tone{components.ToneNone, components.ToneNone, stateTone(e.State)}
		if s.wide {
			took := "-"
			if !e.Ended.IsZero() {
				took = took1(e.Ended.Sub(e.At))
			}
			cells, tones = append(cells, e.Resource, took), append(tones, components.ToneNone, components.ToneNone)
		}
		cells, tones = append(cells, e.Outcome), append(tones, components.ToneNone)
		rows = append(rows, components.Row{Key: strconv.Itoa(e.Seq), Cells: cells, Tones: tones,
			Version: uint64(e.State)<<32 | uint64(i), Data: i})
	}
	s.list.Table.SetRows(rows)
}

// took1 is a call's duration, to the second ("<1s" under it).
func took1(d time.Duration) string {
	if d < time.Second {
		return "<1s"
	}
	return d.Round(time.Second).String()
}

func stateTone(st ui.ActionState) components.Tone {
	switch st {
	case ui.ActionDone:
		return components.ToneOK
	case ui.ActionSettled:
		return components.ToneWarn
	case ui.ActionFailed:
		return components.ToneError
	}
	return components.ToneInfo
}

// Update redraws on news from the shell and handles the filter and moves.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch m := msg.(type) {
	case ui.ActionLoggedMsg, ui.RefreshMsg:
		s.reload()
	case ui.VisibilityMsg:
		if m.Visible {
			s.reload()
		}
	case components.FilterChangedMsg:
		if s.list.Accept(m) {
			s.list.Table.SetFilter(m.Query)
		}
	case tea.KeyPressMsg:
		if cmd, ok := s.list.Key(s.d.Keys, m); ok {
			return s, cmd
		}
		s.list.Table.Update(m)
	case tea.MouseMsg:
		s.list.Mouse(m)
	}
	return s, nil
}

// View renders exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	started := s.d.Actions.Started().In(s.d.Now().Location()).Format("15:04 MST")
	body := s.list.Table.View()
	if len(s.entries) == 0 {
		body = s.d.Theme.Muted.Render(components.WrapText("nothing changed yet in this session: pause, activate, access grants and bulk changes made here are listed with their outcome", s.w))
	}
	failed := 0
	for _, e := range s.entries {
		if e.State == ui.ActionFailed {
			failed++
		}
	}
	changes := "changes"
	if len(s.entries) == 1 {
		changes = "change"
	}
	status := fmt.Sprintf("Actions · this session (since %s) · %d %s, %d failed · newest first", started, len(s.entries), changes, failed)
	return s.list.View(s.w, s.h, status, body)
}

// SetSize lays the table out for w x h.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if wide := w >= wideFrom; wide != s.wide {
		s.wide = wide
		s.list.Table.SetColumns(columns(wide))
		s.reload()
	}
	s.list.SetSize(w, h)
}

// Title is the breadcrumb.
func (s *Screen) Title() string { return "actions" }

// CapturesInput is true while the filter has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc for clearing an applied filter.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the main keys.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Filter, g.Up, g.Down}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End}, {g.Filter}}
}
