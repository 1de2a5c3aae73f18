package bulk

import (
	"github.com/nexla-tui/nexla-tui/keymap"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Results is the per-item result table of a bulk action: every flow with
// what became of it (applied, unchanged, failed, not reached) and why.
type Results struct {
	d     ui.Deps
	run   *Run
	err   error // the batch's own error (nil, or "n of m not done", or why nothing ran)
	table *components.Table
	w, h  int
}

var resultColumns = []components.Column{
	{Title: "FLOW", Width: 8, Numeric: true}, {Title: "NAME", MinWidth: 12}, {Title: "RESULT", Width: 10},
	{Title: "WHY", MinWidth: 20},
}

// NewResults builds the results screen of run.
func NewResults(d ui.Deps, run *Run, err error) *Results {
	d = viewkit.WithDefaults(d)
	s := &Results{d: d, run: run, err: err, table: components.NewTable(d.Theme, d.Keys, resultColumns)}
	s.table.Sortable = false
	rows := make([]components.Row, len(run.Items))
	for i, it := range run.Items {
		word, tone := resultWord(it.State)
		why := it.Error
		if why == "" {
			why = it.Note
		} else if it.Note != "" {
			why += "; " + it.Note
		}
		rows[i] = components.Row{Key: strconv.FormatInt(it.ID, 10), Data: it.ID,
			Cells: []string{strconv.FormatInt(it.ID, 10), viewkit.Or(it.Name, "-"), word, viewkit.Or(why, "-")},
			Tones: []components.Tone{components.ToneNone, components.ToneNone, tone, tone}}
	}
	s.table.SetRows(rows)
	return s
}

func resultWord(st batch.State) (string, components.Tone) {
	switch st {
	case batch.Applied:
		return "applied", components.ToneOK
	case batch.Unchanged:
		return "unchanged", components.ToneMuted
	case batch.Failed:
		return "FAILED", components.ToneError
	}
	return "not sent", components.ToneWarn
}

// Init has nothing to load: the results are in memory.
func (s *Results) Init() tea.Cmd { return nil }

// Update moves the cursor; enter opens the flow under it.
func (s *Results) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, s.d.Keys.Enter.Binding) {
			if id, ok := s.selectedID(); ok {
				return s, ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: nexla.Flows, ID: id})
			}
			return s, nil
		}
		s.table.Update(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		s.table.Update(msg)
	}
	return s, nil
}

func (s *Results) selectedID() (int64, bool) {
	r, ok := s.table.SelectedRow()
	if !ok {
		return 0, false
	}
	id, ok := r.Data.(int64)
	return id, ok
}

// counts are the items per result.
func (s *Results) counts() (applied, unchanged, failed, notSent int) {
	for _, it := range s.run.Items {
		switch it.State {
		case batch.Applied:
			applied++
		case batch.Unchanged:
			unchanged++
		case batch.Failed:
			failed++
		default:
			notSent++
		}
	}
	return
}

// summary is the two lines over the table: the counts, then what to do next.
func (s *Results) summary() (string, string) {
	th := s.d.Theme
	a, u, f, p := s.counts()
	first := th.Title.Render(viewkit.Capitalize(s.run.Action)+" "+Flows(len(s.run.Flows))+" "+s.run.Origin) +
		" · " + th.OK.Render(viewkit.Count(a)+" applied") + " · " + viewkit.Count(u) + " unchanged · "
	if f > 0 {
		first += th.Error.Render(viewkit.Count(f) + " failed")
	} else {
		first += "0 failed"
	}
	if p > 0 {
		first += " · " + th.Warn.Render(viewkit.Count(p)+" not sent")
	}
	if s.run.Resumed {
		first += " · resumed from its checkpoint"
	}
	var second string
	switch {
	case len(s.run.Items) == 0 && s.err != nil:
		second = th.Error.Render("nothing was sent: ") + viewkit.ErrText(s.err)
	case s.run.Kept:
		second = th.Warn.Render("checkpoint kept: "+s.run.Checkpoint) + " · " + viewkit.Capitalize(s.run.Action) +
			" the same flows again to resume: flows not done are re-read before any retry"
	case f+p > 0:
		second = th.Warn.Render("no checkpoint (no state directory): ") + "asking again re-reads every flow before sending"
	default:
		second = th.Muted.Render("every flow done; the checkpoint is removed")
	}
	return first, second
}

// View renders exactly w x h.
func (s *Results) View() string {
	first, second := s.summary()
	return viewkit.Fit(viewkit.FitLine(first, s.w)+"\n"+viewkit.FitLine(second, s.w)+"\n"+s.table.View(), s.w, s.h)
}

// SetSize records the size View must fill.
func (s *Results) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.SetSize(w, max(h-2, 0))
}

// Title is the breadcrumb label.
func (s *Results) Title() string { return viewkit.Capitalize(s.run.Action) + " results" }

// ShortHelp lists the keys that apply.
func (s *Results) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Enter, g.Back, g.Runbook, g.CopyID}
}

// FullHelp lists every key of the screen.
func (s *Results) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End}, {g.Enter, g.Back, g.Runbook, g.CopyID, g.CopyName}}
}

// CapturesInput is false: the screen has no text field.
func (s *Results) CapturesInput() bool { return false }

// Selected is the flow under the cursor (for t, y, Y).
func (s *Results) Selected() (ui.Selection, bool) {
	id, ok := s.selectedID()
	if !ok {
		return ui.Selection{}, false
	}
	for _, it := range s.run.Items {
		if it.ID == id {
			return ui.Selection{RT: nexla.Flows, ID: id, Name: it.Name, FlowID: id}, true
		}
	}
	return ui.Selection{}, false
}

var (
	_ ui.Screen     = (*Results)(nil)
	_ ui.Selectable = (*Results)(nil)
)
