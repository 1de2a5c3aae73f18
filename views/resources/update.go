package resources

import (
	"context"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// action is a pause or activate of one record.
type action struct {
	pause bool
	rec   record
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case batchMsg:
		if !s.loads.Latest(msg.ticket) {
			return s, nil // a newer listing replaced this one; its stream is cancelled
		}
		return s, s.onBatch(msg)
	case credsMsg:
		if s.loads.Latest(msg.ticket) {
			s.creds, s.credsErr = msg.byID, msg.err
			s.applyCreds()
			s.invalidateSort()
			s.reproject()
		}
	case ui.RefreshMsg:
		return s, s.reload()
	case bulk.AffectedMsg:
		return s, s.onAffected(msg)
	case components.FilterChangedMsg:
		if s.list.Accept(msg) {
			s.table.SetFilter(msg.Query)
		}
	case ui.MutationConfirmedMsg:
		if act, ok := msg.Tag.(action); ok {
			s.pending[act.rec.ID] = true
			s.reproject()
		}
	case ui.MutationDoneMsg:
		if cmd, ok := bulk.Done(s.d, msg); ok {
			return s, cmd
		}
		// pending otherwise stays until the refreshed listing (which
		// follows) shows the server's state.
		if act, ok := msg.Tag.(action); ok && msg.Err != nil {
			delete(s.pending, act.rec.ID)
			s.reproject()
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		s.list.Mouse(msg)
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
	if s.creds != nil || s.credsErr != nil {
		for i := range msg.recs {
			setCred(&msg.recs[i], s.creds, s.credsErr != nil)
		}
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
		s.pending = viewkit.Pending{}
		s.rows = s.rows[:0]
	}
	if !s.loaded || msg.done {
		s.sortRecords()
		s.publish()
	}
	return msg.next
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := s.list.Key(s.d.Keys, msg); ok {
		return cmd
	}
	if cmd, ok := s.markKey(msg); ok {
		return cmd
	}
	g := s.d.Keys
	switch {
	case key.Matches(msg, g.Enter.Binding):
		if r, ok := s.current(); ok {
			return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: s.rt, ID: r.ID})
		}
	case key.Matches(msg, s.keys.SortNext.Binding):
		s.setSort(s.nextSortColumn(), true)
	case key.Matches(msg, s.keys.SortFlip.Binding):
		if s.sortCol >= 0 {
			s.setSort(s.sortCol, !s.sortAsc)
		}
	case key.Matches(msg, g.Pause.Binding):
		return s.ask(true)
	case key.Matches(msg, g.Activate.Binding):
		return s.ask(false)
	case key.Matches(msg, g.Refresh.Binding):
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

// ask opens the confirm modal for the selected resource, with the
// preflight's notes and warnings (who paused it, whether re-activation is
// refused), as every pause/activate dialog has.
func (s *Screen) ask(pause bool) tea.Cmd {
	r, ok := s.current()
	if !ok {
		return nil
	}
	if !s.rt.HasFlow() {
		return ui.Toast(ui.ToastInfo, "credentials cannot be paused or activated; pause the sources and destinations that use them")
	}
	verb := viewkit.Verb(pause)
	one := s.rt.Singular()
	id := strconv.FormatInt(r.ID, 10)
	req := ui.ConfirmRequest{
		Title:    viewkit.Capitalize(verb) + " " + one,
		Resource: one + ` "` + r.Name + `" (id ` + id + `)`,
		Action:   verb,
		Effects: []string{one + " " + r.Name + " (id " + id + ", now " + viewkit.Or(r.Status, "unknown") +
			") only; the rest of its flow keeps its state (use the flows tree to " + verb + " a whole flow)"},
	}
	act, what := action{pause: pause, rec: r}, one+" "+id
	m := ui.Mutation{Confirm: req, What: what, Tag: act, Call: runAction(s.d.API, s.rt, act),
		Done: viewkit.PastTense(pause) + " " + what + ` "` + r.Name + `"`}
	ref := runbook.ResourceRef{RT: s.rt, ID: r.ID, Name: r.Name, Status: r.Status}
	p := runbook.Preflight{Pause: pause, FlowID: r.FlowID, Target: &ref, Resources: []runbook.ResourceRef{ref},
		Paused: r.Status == nexla.StatusPaused}
	return viewkit.AskPreflighted(s.loads.Ctx(), s.d, p, m)
}

// runAction is the call of a confirmed pause/activate.
func runAction(api nexla.API, rt nexla.ResourceType, act action) func(context.Context) (nexla.Outcome, error) {
	return func(ctx context.Context) (nexla.Outcome, error) {
		if act.pause {
			return api.PauseResource(ctx, rt, act.rec.ID)
		}
		return api.ActivateResource(ctx, rt, act.rec.ID)
	}
}
