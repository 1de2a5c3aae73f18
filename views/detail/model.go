// Package detail is the detail view of any resource (source, nexset,
// destination, credential or flow): its fields, its related resources as a
// navigable list, and the server's raw JSON (v toggles, sanitized and
// scrollable). An unknown id shows an inline "not found" panel.
package detail

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

type keys = keymap.Detail

// Screen is the detail view.
type Screen struct {
	d     ui.Deps
	th    *theme.Theme
	now   func() time.Time
	rt    nexla.ResourceType
	id    int64
	keys  keys
	loads *viewkit.Loads

	w, h    int
	loading bool
	loaded  bool
	err     error

	name, status string
	flowID       int64
	rels         []relation
	raw          bool      // showing the raw JSON
	readAt       time.Time // when the last load answered
	focusFields  bool      // movement keys scroll the fields instead of the related list

	fields  *components.KVPane
	nFields int
	related *components.Table
	pager   *components.Pager
}

// New builds the detail view of resource rt/id.
func New(d ui.Deps, rt nexla.ResourceType, id int64) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{
		d: d, th: d.Theme, now: d.Now, rt: rt, id: id, loads: viewkit.NewLoads(),
		keys: d.ScreenKeys.Detail,
	}
	s.fields = components.NewKVPane(s.th)
	s.related = components.NewTable(s.th, d.Keys, []components.Column{
		{Title: "RELATION", Width: 12}, {Title: "KIND", Width: 11}, {Title: "ID", Width: 7, Numeric: true},
		{Title: "NAME", MinWidth: 10}, {Title: "STATUS", Width: 8},
	})
	s.related.Sortable = false
	s.pager = components.NewPager(s.th, d.Keys)
	return s
}

// Init starts the load.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Close cancels in-flight requests.
func (s *Screen) Close() { s.loads.Close() }

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	s.loading = true
	return load(s.loads.Ctx(), s.d.API, s.rt, s.id, s.loads.Next(), s.d.AccessRole, s.now())
}

// Title is the breadcrumb label: "source 5012".
func (s *Screen) Title() string { return s.rt.Singular() + " " + strconv.FormatInt(s.id, 10) }

// CapturesInput is always false: the detail view has no text field.
func (s *Screen) CapturesInput() bool { return false }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	if s.raw {
		// In raw mode the same key goes back to the fields: say so.
		fields := s.keys.Raw
		fields.SetHelp(fields.Help().Key, "fields")
		return []keymap.Action{fields, s.keys.Wrap, g.PageDown, g.Back}
	}
	return append([]keymap.Action{g.Enter, s.keys.Focus, s.keys.Raw, s.keys.Logs, g.Runbook}, append(s.actionHelp(), g.Back)...)
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
		{g.Enter, s.keys.Focus, s.keys.Raw, s.keys.Wrap, s.keys.Logs, g.Refresh, g.Runbook, g.CopyID, g.OpenURL},
		s.actionHelp(),
	}
}

// Selected is the resource the view shows (for copy and the runbook).
func (s *Screen) Selected() (ui.Selection, bool) {
	flow := s.flowID
	if s.rt == nexla.Flows {
		flow = s.id
	}
	return ui.Selection{RT: s.rt, ID: s.id, Name: s.name, FlowID: flow}, true
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case detailLoadedMsg:
		if !s.loads.Latest(msg.ticket) {
			return s, nil
		}
		s.apply(msg)
		return s, s.pager.LayoutCmd() // a wrapped raw view re-wraps the new text
	case components.PagerLaidOutMsg:
		s.pager.Update(msg)
	case ui.RefreshMsg:
		return s, s.reload()
	case tea.KeyPressMsg:
		// LayoutCmd: a wrap toggled now, or a resize since, that is too
		// long to compute inside Update.
		return s, tea.Batch(s.key(msg), s.pager.LayoutCmd())
	case tea.MouseWheelMsg:
		if s.raw {
			s.pager.Update(msg)
		} else {
			s.related.Update(msg)
		}
	}
	return s, nil
}

func (s *Screen) apply(msg detailLoadedMsg) {
	s.loading = false
	if msg.err != nil {
		s.err = msg.err
		return
	}
	s.err, s.loaded, s.readAt = nil, true, s.now()
	s.name, s.status, s.flowID, s.rels = msg.name, msg.status, msg.flowID, msg.rels
	s.fields.SetPairs(msg.fields)
	s.nFields = len(msg.fields)
	s.pager.SetText(msg.raw)
	rows := make([]components.Row, len(s.rels))
	for i, r := range s.rels {
		rows[i] = components.Row{
			Key:   string(r.RT) + "/" + strconv.FormatInt(r.ID, 10),
			Cells: []string{r.Label, r.RT.Singular(), strconv.FormatInt(r.ID, 10), viewkit.Or(r.Name, "-"), viewkit.Or(r.Status, "-")},
			Tones: []components.Tone{components.ToneMuted, 0, components.ToneMuted, 0, statusTone(r.Status)},
			Data:  i,
		}
	}
	s.related.SetRows(rows)
	s.focusFields = len(rows) == 0
	s.layout()
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	switch {
	case key.Matches(msg, s.keys.Raw.Binding):
		s.raw = !s.raw
		return nil
	case key.Matches(msg, g.Refresh.Binding):
		return s.reload()
	case key.Matches(msg, s.keys.Logs.Binding):
		if s.rt == nexla.DataCredentials {
			return ui.Toast(ui.ToastInfo, "a credential has no logs: open a source or destination that uses it")
		}
		return ui.Navigate(ui.Route{Kind: ui.RouteLogs, RT: s.rt, ID: s.id})
	}
	if cmd, ok := s.actionKey(msg); ok {
		return cmd
	}
	if s.raw {
		if key.Matches(msg, s.keys.Wrap.Binding) {
			s.pager.ToggleWrap()
		} else {
			s.pager.Update(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, s.keys.Focus.Binding):
		s.focusFields = !s.focusFields
		if len(s.rels) == 0 {
			s.focusFields = true
		}
	case key.Matches(msg, g.Enter.Binding):
		if r, ok := s.related.SelectedRow(); ok && !s.focusFields {
			rel := s.rels[r.Data.(int)]
			return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: rel.RT, ID: rel.ID})
		}
	case s.focusFields:
		switch {
		case key.Matches(msg, g.Up.Binding):
			s.fields.Scroll(-1)
		case key.Matches(msg, g.Down.Binding):
			s.fields.Scroll(1)
		case key.Matches(msg, g.PageUp.Binding):
			s.fields.Scroll(-s.h)
		case key.Matches(msg, g.PageDown.Binding):
			s.fields.Scroll(s.h)
		}
	default:
		s.related.Update(msg)
	}
	return nil
}

var (
	_ ui.Screen     = (*Screen)(nil)
	_ ui.Selectable = (*Screen)(nil)
)
