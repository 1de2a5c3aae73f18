// Package blast is the blast radius screen: from a credential, every flow
// with a source or destination that uses it (directly or through a
// credentials group) and what ties each in; from a shared nexset, the flows
// that consume it. The answer comes from one flows listing with its
// side-loads (nexla/blast); each flow's health comes from the session's
// shared check (the one the flows tree and `:health` show), in their words
// and worst first. Marks and p/a work as on the flows tree; p/a without
// marks act on every flow listed ("every flow this credential breaks"),
// behind the one bulk confirmation.
package blast

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Screen is the blast radius of one credential or shared nexset.
type Screen struct {
	d     ui.Deps
	keys  keymap.Blast
	rt    nexla.ResourceType // data_credentials or data_sets
	id    int64
	loads *viewkit.Loads
	marks *viewkit.Marks

	loading bool
	err     error
	flows   []nb.Flow
	// unresolved are uses through a group the listing did not include:
	// they may use the credential and are listed, never left out.
	unresolved []nb.Use
	groups     []int64

	health *viewkit.FlowHealths
	// opened: a complete check was applied; from then on the cursor keeps
	// its row when the order changes.
	opened bool

	list  viewkit.FilterTable
	table *components.Table
	w, h  int
}

var columns = []components.Column{
	{Title: "FLOW", Width: 8, Numeric: true}, {Title: "NAME", MinWidth: 14}, {Title: "STATUS", Width: 12},
	{Title: "HEALTH", Width: 10}, {Title: "USES IT", MinWidth: 24},
}

// New builds the blast radius screen of credential or nexset id.
func New(d ui.Deps, rt nexla.ResourceType, id int64) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{d: d, keys: d.ScreenKeys.Blast, rt: rt, id: id, loads: viewkit.NewLoads(), marks: viewkit.NewMarks()}
	s.health = viewkit.NewFlowHealths(d)
	s.list = viewkit.NewFilterTable(components.NewTable(d.Theme, d.Keys, columns))
	s.table = s.list.Table
	s.table.Sortable = false
	s.table.SetMarked(func(r *components.Row) bool { id, _ := r.Data.(int64); return s.marks.Has(id) })
	return s
}

type loadedMsg struct {
	ticket viewkit.Ticket
	resp   *nexla.FlowResponse
	err    error
}

// Init reads the flows listing and follows the session's health check.
func (s *Screen) Init() tea.Cmd { return tea.Batch(s.reload(), s.health.Follow(s.d, false)) }

// Close cancels the read in flight (and the check, when the screen made it).
func (s *Screen) Close() {
	s.loads.Close()
	s.health.Close()
}

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	ctx, ticket := s.loads.NextCancelling()
	s.loading = true
	api, role := s.d.API, s.d.AccessRole
	return func() tea.Msg {
		// Not flows_only: the side-loads say which credential each source
		// and destination uses, and which groups hold it.
		fr, err := api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: role})
		return loadedMsg{ticket: ticket, resp: fr, err: err}
	}
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if !s.loads.Latest(msg.ticket) {
			return s, nil
		}
		s.loading, s.err = false, msg.err
		if msg.err == nil {
			s.apply(msg.resp)
		}
	case viewkit.HealthProgressMsg:
		changed, next := s.health.Progress(msg)
		if changed {
			s.setRows()
		}
		return s, next
	case ui.RefreshMsg:
		return s, tea.Batch(s.reload(), s.health.Follow(s.d, true))
	case ui.MutationDoneMsg:
		cmd, _ := bulk.Done(s.d, msg)
		return s, cmd
	case components.FilterChangedMsg:
		if s.list.Accept(msg) {
			s.table.SetFilter(msg.Query)
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		s.list.Mouse(msg)
	}
	return s, nil
}

// apply computes the radius from the listing and builds the rows.
func (s *Screen) apply(fr *nexla.FlowResponse) {
	if s.rt == nexla.DataCredentials {
		r := nb.OfCredential(fr, s.id)
		s.flows, s.unresolved, s.groups = r.Flows, r.Unresolved, r.Groups
	} else {
		s.flows = nb.ConsumersOfNexset(fr, s.id)
	}
	fresh := map[int64]viewkit.MarkedFlow{}
	for _, f := range s.flows {
		fresh[f.ID] = viewkit.MarkedFlow{ID: f.ID, Name: f.Name, Status: f.Status}
	}
	s.marks.Refresh(fresh)
	s.setRows()
}

// setRows builds the rows in the health order (worst first, as the tree
// and `:health` rank them; flows not judged yet after, by id), the uses
// the listing could not resolve last.
func (s *Screen) setRows() {
	viewkit.RankByHealth(s.health, s.flows, func(f nb.Flow) int64 { return f.ID })
	viewkit.RankByHealth(s.health, s.unresolved, func(u nb.Use) int64 { return u.FlowID })
	rows := make([]components.Row, 0, len(s.flows)+len(s.unresolved))
	for _, f := range s.flows {
		rows = append(rows, s.row(f.ID, f.Name, f.Status, s.usesText(f.Uses), components.ToneNone))
	}
	for _, u := range s.unresolved {
		rows = append(rows, s.row(u.FlowID, "", "", u.Kind.Singular()+" "+viewkit.Clean(u.Name)+" ("+strconv.FormatInt(u.ID, 10)+
			") through credentials group "+strconv.FormatInt(u.GroupID, 10)+", not readable: MAY use it", components.ToneWarn))
	}
	// Until the first complete check, a cursor on the first row stays there
	// as worse flows are ranked above it: the screen opens on the worst.
	atTop := !s.opened && s.table.Cursor() == 0
	s.opened = s.opened || s.health.Complete()
	s.table.SetRows(rows)
	if atTop {
		s.table.SetCursor(0)
	}
}

func (s *Screen) row(flowID int64, name, status, uses string, usesTone components.Tone) components.Row {
	glyph, tone := viewkit.Glyph(s.d.Theme.Glyphs, status, "", 0)
	word, _, hTone := s.health.Verdict(s.d.Theme.Glyphs, flowID)
	return components.Row{Key: strconv.FormatInt(flowID, 10) + "/" + uses, Data: flowID,
		Cells: []string{strconv.FormatInt(flowID, 10), viewkit.Or(name, "-"), glyph + " " + viewkit.Or(status, "unknown"),
			word, uses},
		Tones: []components.Tone{components.ToneMuted, components.ToneNone, tone, hTone, usesTone}}
}

// usesText says what ties a flow in: "source orders (5012) · destination wh (6001) via group 9".
func (s *Screen) usesText(uses []nb.Use) string {
	if s.rt != nexla.DataCredentials {
		return "consumes shared nexset " + strconv.FormatInt(s.id, 10)
	}
	parts := make([]string, len(uses))
	for i, u := range uses {
		parts[i] = u.Kind.Singular() + " " + viewkit.Clean(u.Name) + " (" + strconv.FormatInt(u.ID, 10) + ")"
		if u.GroupID != 0 {
			parts[i] += " via group " + strconv.FormatInt(u.GroupID, 10)
		}
	}
	return strings.Join(parts, " · ")
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := s.list.Key(s.d.Keys, msg); ok {
		return cmd
	}
	g := s.d.Keys
	cur := func() (viewkit.MarkedFlow, bool) {
		id, ok := s.selectedFlow()
		return s.flowByID(id), ok
	}
	if cmd, ok := bulk.AskMarked(s.d, s.marks, msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, g.Pause.Binding), key.Matches(msg, g.Activate.Binding):
		return bulk.Ask(s.d, key.Matches(msg, g.Pause.Binding), s.originText(), s.all())
	case key.Matches(msg, g.Enter.Binding):
		if id, ok := s.selectedFlow(); ok {
			return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: nexla.Flows, ID: id})
		}
		return nil
	case key.Matches(msg, g.Refresh.Binding):
		return tea.Batch(s.reload(), s.health.Follow(s.d, true))
	case key.Matches(msg, s.keys.Marks.Affected.Binding):
		return s.markAffected()
	}
	shown := func() []viewkit.MarkedFlow {
		var out []viewkit.MarkedFlow
		s.table.EachShown(func(r *components.Row) {
			if id, ok := r.Data.(int64); ok && id > 0 {
				out = append(out, s.flowByID(id))
			}
		})
		return out
	}
	if cmd, ok := s.marks.MarkKey(s.keys.Marks, msg, s.table, cur, shown, func() { s.table.Move(1) }); ok {
		return cmd
	}
	s.table.Update(msg)
	return nil
}

// markAffected marks every flow listed: the radius is already read, so
// the key other screens answer with a listing read needs none here. The
// uses through a group the listing did not include are not marked (they
// MAY use it), as bulk.ApplyAffected says.
func (s *Screen) markAffected() tea.Cmd {
	switch {
	case s.err != nil:
		// Never "breaks no flow": the radius is unknown, not empty.
		return ui.Toast(ui.ToastError, "nothing marked: the flows listing could not be read: "+viewkit.ErrText(s.err))
	case s.loading && len(s.flows) == 0:
		return ui.Toast(ui.ToastWarn, "the flows listing is still being read: nothing marked")
	case s.rt != nexla.DataCredentials && len(s.flows) == 0:
		return ui.Toast(ui.ToastWarn, "no flow you can see is "+s.originText()+": nothing marked")
	}
	flows := make([]viewkit.MarkedFlow, len(s.flows))
	for i, f := range s.flows {
		flows[i] = viewkit.MarkedFlow{ID: f.ID, Name: f.Name, Status: f.Status}
	}
	var cmd tea.Cmd
	if s.rt == nexla.DataCredentials {
		cmd = bulk.ApplyAffected(s.marks, bulk.AffectedMsg{Credential: s.id, Flows: flows, Unresolved: len(s.unresolved)})
	} else {
		for _, f := range flows {
			s.marks.Add(f)
		}
		cmd = ui.Toast(ui.ToastInfo, "marked "+bulk.Flows(len(flows))+" "+s.originText()+" ("+viewkit.Count(s.marks.Len())+" marked)")
	}
	s.table.MarksChanged()
	return cmd
}

// originText names where the flows come from, for the dialog and results.
func (s *Screen) originText() string {
	if s.rt == nexla.DataCredentials {
		return "that credential " + strconv.FormatInt(s.id, 10) + " breaks"
	}
	return "fed by shared nexset " + strconv.FormatInt(s.id, 10)
}

// all is every flow listed, the unresolved ones included (they may use it).
func (s *Screen) all() []viewkit.MarkedFlow {
	seen := map[int64]bool{}
	var out []viewkit.MarkedFlow
	add := func(id int64) {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, s.flowByID(id))
		}
	}
	for _, f := range s.flows {
		add(f.ID)
	}
	for _, u := range s.unresolved {
		add(u.FlowID)
	}
	return out
}

func (s *Screen) flowByID(id int64) viewkit.MarkedFlow {
	for _, f := range s.flows {
		if f.ID == id {
			return viewkit.MarkedFlow{ID: f.ID, Name: f.Name, Status: f.Status}
		}
	}
	return viewkit.MarkedFlow{ID: id}
}

func (s *Screen) selectedFlow() (int64, bool) {
	r, ok := s.table.SelectedRow()
	if !ok {
		return 0, false
	}
	id, ok := r.Data.(int64)
	return id, ok && id > 0
}

// Selected is the flow under the cursor (t opens its runbook).
func (s *Screen) Selected() (ui.Selection, bool) {
	id, ok := s.selectedFlow()
	if !ok {
		return ui.Selection{}, false
	}
	f := s.flowByID(id)
	return ui.Selection{RT: nexla.Flows, ID: id, Name: f.Name, FlowID: id}, true
}

// Marked is the header's count of marked flows.
func (s *Screen) Marked() int { return s.marks.Len() }

// View renders exactly w x h.
func (s *Screen) View() string {
	body := s.table.View()
	if s.err != nil || (s.loading && len(s.flows) == 0) {
		body = viewkit.LoadNotice(s.d.Theme, s.d.Keys, "the flows listing", s.err, s.w)
	} else if len(s.flows)+len(s.unresolved) == 0 {
		body = s.d.Theme.Muted.Render("no flow you can see uses " + s.subject() + ": pausing it breaks nothing visible to you")
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

func (s *Screen) subject() string {
	if s.rt == nexla.DataCredentials {
		return "credential " + strconv.FormatInt(s.id, 10)
	}
	return "shared nexset " + strconv.FormatInt(s.id, 10)
}

func (s *Screen) statusLine() string {
	th := s.d.Theme
	line := th.Title.Render("Blast radius of "+s.subject()) + " · " + bulk.Flows(len(s.flows))
	if len(s.groups) > 0 {
		ids := make([]string, len(s.groups))
		for i, g := range s.groups {
			ids[i] = strconv.FormatInt(g, 10)
		}
		line += " · in groups " + strings.Join(ids, ", ")
	}
	if len(s.unresolved) > 0 {
		line += " · " + th.Warn.Render(strconv.Itoa(len(s.unresolved))+" may use it (group not readable)")
	}
	if s.loading {
		line += " · loading…"
	}
	// The health count comes last: the width cuts it before what p/a do
	// (the HEALTH column says it for each flow).
	return viewkit.FitLine(line+" · p/a: "+s.pTarget()+" · "+s.health.Count(s.d.Theme, s.flowIDs()), s.w)
}

// pTarget says what p and a act on now.
func (s *Screen) pTarget() string {
	if s.marks.Len() > 0 {
		return "the marked flows"
	}
	return "every flow listed"
}

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) { s.w, s.h = w, h; s.list.SetSize(w, h) }

// Title is the breadcrumb label.
func (s *Screen) Title() string {
	return "Blast " + s.rt.Singular() + " " + strconv.FormatInt(s.id, 10)
}

// CapturesInput is true while the filter has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc while a filter is applied.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Enter, s.keys.Marks.Mark, g.Pause, g.Activate, g.Filter, g.Runbook, g.Refresh}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
		{g.Enter, g.Filter, g.Runbook, g.Refresh, g.CopyID}, append([]keymap.Action{g.Pause, g.Activate}, viewkit.MarkHelp(s.keys.Marks)...)}
}

var (
	_ ui.Screen          = (*Screen)(nil)
	_ ui.Selectable      = (*Screen)(nil)
	_ ui.Marker          = (*Screen)(nil)
	_ ui.BackInterceptor = (*Screen)(nil)
)

// flowIDs are the listed flows' ids (for the health count).
func (s *Screen) flowIDs() []int64 {
	ids := make([]int64, len(s.flows))
	for i, f := range s.flows {
		ids[i] = f.ID
	}
	return ids
}
