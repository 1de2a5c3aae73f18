package resources

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// actionConfirmedMsg comes back from the confirm modal; actionDoneMsg is the call's outcome.
type actionConfirmedMsg struct {
	token *screenToken
	pause bool
	rec   record
}

type actionDoneMsg struct {
	token *screenToken
	pause bool
	rec   record
	err   error
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case batchMsg:
		if msg.token != s.token || msg.seq != s.seq {
			return s, nil // a newer listing replaced this one; its stream is cancelled
		}
		return s, s.onBatch(msg)
	case ui.RefreshMsg:
		return s, s.reload()
	case components.FilterChangedMsg:
		if s.filter.Accept(msg) {
			s.table.SetFilter(msg.Query)
		}
	case actionConfirmedMsg:
		if msg.token == s.token {
			s.pending[msg.rec.ID] = true
			s.reproject()
			return s, runAction(s.ctx, s.d.API, s.rt, s.token, msg.pause, msg.rec)
		}
	case actionDoneMsg:
		if msg.token == s.token {
			return s, s.actionDone(msg)
		}
	case tea.KeyPressMsg:
		if s.filter.Open() {
			return s, s.filter.Update(msg)
		}
		return s, s.key(msg)
	case tea.MouseWheelMsg:
		s.table.Update(msg)
	case tea.MouseClickMsg:
		// The table starts one line down, under the status line.
		if msg.Y >= 1 {
			msg.Y--
			s.table.Update(msg)
		}
	}
	return s, nil
}

// onBatch adds streamed rows. The first listing shows rows as they arrive;
// a refresh keeps the old rows until the new listing is complete, so the
// table never shrinks to one page and grows back.
func (s *Screen) onBatch(msg batchMsg) tea.Cmd {
	s.progress = [2]int{msg.loaded, msg.total}
	if msg.err != nil {
		s.loading, s.err = false, msg.err
		s.incoming = nil
		return nil
	}
	if s.loaded {
		s.incoming = append(s.incoming, msg.recs...)
	} else {
		s.recs = append(s.recs, msg.recs...)
		s.invalidateSort()
	}
	if msg.done {
		if s.loaded {
			s.recs, s.incoming = s.incoming, nil
			s.invalidateSort()
		}
		s.loading, s.loaded, s.err, s.loadedAt = false, true, nil, s.now()
		s.pending = map[int64]bool{}
		s.rows = s.rows[:0]
	}
	if !s.loaded || msg.done {
		s.sortRecords()
		s.publish()
	}
	return msg.next
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	switch {
	case key.Matches(msg, g.Back) && s.filter.Active():
		return s.filter.Clear()
	case key.Matches(msg, g.Filter):
		s.filter.Focus()
	case key.Matches(msg, g.Enter):
		if r, ok := s.current(); ok {
			return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: s.rt, ID: r.ID})
		}
	case key.Matches(msg, s.keys.SortNext):
		s.setSort(s.nextSortColumn(), true)
	case key.Matches(msg, s.keys.SortFlip):
		if s.sortCol >= 0 {
			s.setSort(s.sortCol, !s.sortAsc)
		}
	case key.Matches(msg, g.Pause):
		return s.ask(true)
	case key.Matches(msg, g.Activate):
		return s.ask(false)
	case key.Matches(msg, g.Refresh):
		return s.reload()
	default:
		s.table.Update(msg)
	}
	return nil
}

// setSort sorts by col (-1: server order) in the given direction.
func (s *Screen) setSort(col int, asc bool) {
	s.sortCol, s.sortAsc = col, asc
	s.sortRecords() // col < 0: back to the order the server sent
	s.table.SetColumns(s.tableColumns())
	s.publish()
}

// nextSortColumn cycles through the shown columns, then back to server order.
func (s *Screen) nextSortColumn() int {
	for k, c := range s.shown {
		if c == s.sortCol {
			if k+1 < len(s.shown) {
				return s.shown[k+1]
			}
			return -1
		}
	}
	return s.shown[0]
}

func (s *Screen) readOnly() bool {
	return s.d.ReadOnly || (s.d.API != nil && s.d.API.ReadOnly())
}

func verb(pause bool) string {
	if pause {
		return "pause"
	}
	return "activate"
}

// ask opens the confirm modal for the selected resource.
func (s *Screen) ask(pause bool) tea.Cmd {
	r, ok := s.current()
	if !ok {
		return nil
	}
	if !s.rt.HasFlow() {
		return ui.Toast(ui.ToastInfo, "credentials cannot be paused or activated; pause the sources and destinations that use them")
	}
	if s.readOnly() {
		return ui.Toast(ui.ToastWarn, verb(pause)+" is disabled: "+nexla.ErrReadOnly.Error())
	}
	one := s.rt.Singular()
	id := strconv.FormatInt(r.ID, 10)
	req := ui.ConfirmRequest{
		Title:    strings.ToUpper(verb(pause)[:1]) + verb(pause)[1:] + " " + one,
		Resource: one + ` "` + r.Name + `" (id ` + id + `)`,
		Action:   verb(pause),
		Effects: []string{one + " " + r.Name + " (id " + id + ", now " + viewkit.Or(r.Status, "unknown") +
			") only; the rest of its flow keeps its state (use the flows tree to " + verb(pause) + " a whole flow)"},
	}
	tok := s.token
	req.OnConfirm = func() tea.Msg { return actionConfirmedMsg{token: tok, pause: pause, rec: r} }
	return func() tea.Msg { return ui.ConfirmMsg{Request: req} }
}

func runAction(ctx context.Context, api nexla.API, rt nexla.ResourceType, tok *screenToken, pause bool, r record) tea.Cmd {
	return func() tea.Msg {
		var err error
		if pause {
			err = api.PauseResource(ctx, rt, r.ID)
		} else {
			err = api.ActivateResource(ctx, rt, r.ID)
		}
		return actionDoneMsg{token: tok, pause: pause, rec: r, err: err}
	}
}

func (s *Screen) actionDone(msg actionDoneMsg) tea.Cmd {
	what := s.rt.Singular() + " " + strconv.FormatInt(msg.rec.ID, 10)
	if msg.err != nil {
		delete(s.pending, msg.rec.ID)
		s.reproject()
		return tea.Batch(ui.Toast(ui.ToastError, "could not "+verb(msg.pause)+" "+what+": "+viewkit.ErrText(msg.err)), s.reload())
	}
	done := "paused "
	if !msg.pause {
		done = "activated "
	}
	// pending stays until the refreshed listing shows the server's state.
	return tea.Batch(ui.Toast(ui.ToastInfo, done+what+` "`+msg.rec.Name+`"`), s.reload())
}
