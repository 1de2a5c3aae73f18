// Package access is the accessors pane (`:access`, u from the detail and
// the runbook): who has access to a flow, source, nexset, destination or
// credential (users, teams, the org), with their roles and where the
// access comes from; grant (+), change the role (e) and revoke (-), each
// confirmed through the shell's one mutation path, refused in read-only,
// and followed by a re-read of the list.
package access

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// mode is what the pane's bottom line is doing.
type mode int

const (
	browsing mode = iota
	granting      // typing "<who> <role>"
	changing      // typing the selected accessor's new role
)

// Screen is the accessors pane of one resource.
type Screen struct {
	d     ui.Deps
	keys  keymap.Access
	rt    nexla.ResourceType
	id    int64
	loads *viewkit.Loads

	loading bool
	err     error
	list    []nexla.Accessor
	orgID   int64 // the caller's org, for an ORG grant

	mode    mode
	input   components.LineInput
	problem string // why the typed line was not accepted

	table *components.Table
	w, h  int
}

var columns = []components.Column{
	{Title: "TYPE", Width: 5}, {Title: "WHO", MinWidth: 18}, {Title: "ID", Width: 8, Numeric: true},
	{Title: "ROLES", Width: 22}, {Title: "FROM", MinWidth: 20},
}

// New builds the pane for resource rt/id.
func New(d ui.Deps, rt nexla.ResourceType, id int64) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{d: d, keys: d.ScreenKeys.Access, rt: rt, id: id, loads: viewkit.NewLoads()}
	s.table = components.NewTable(d.Theme, d.Keys, columns)
	s.table.Sortable = false
	return s
}

type loadedMsg struct {
	ticket viewkit.Ticket
	list   []nexla.Accessor
	orgID  int64
	err    error
}

// Init reads the accessors.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Close cancels the read in flight.
func (s *Screen) Close() { s.loads.Close() }

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	ctx, t := s.loads.NextCancelling()
	s.loading = true
	api, rt, id := s.d.API, s.rt, s.id
	return func() tea.Msg {
		list, err := api.Accessors(ctx, rt, id)
		var org int64
		if err == nil {
			if me, werr := api.WhoAmI(ctx); werr == nil && me.Org != nil {
				org = me.Org.ID
			}
		}
		return loadedMsg{ticket: t, list: list, orgID: org, err: err}
	}
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if s.loads.Latest(msg.ticket) {
			s.loading, s.err = false, msg.err
			if msg.err == nil {
				s.list, s.orgID = msg.list, msg.orgID
				s.table.SetRows(s.rows())
			}
		}
	case ui.RefreshMsg:
		return s, s.reload()
	case tea.KeyPressMsg:
		if s.mode != browsing {
			return s, s.typing(msg)
		}
		return s, s.key(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		s.table.Update(msg)
	}
	return s, nil
}

func (s *Screen) rows() []components.Row {
	rows := make([]components.Row, len(s.list))
	for i, a := range s.list {
		tone := components.ToneNone
		if hasRole(a, "owner") || hasRole(a, "admin") {
			tone = components.ToneAccent
		}
		rows[i] = components.Row{Key: a.Type + "/" + strconv.FormatInt(a.ID, 10) + "/" + a.Who(), Data: i,
			Cells: []string{a.Type, viewkit.Or(a.Who(), "-"), idText(a.ID), strings.Join(a.AccessRoles, ","), s.from(a)},
			Tones: []components.Tone{components.ToneMuted, 0, components.ToneMuted, tone, components.ToneMuted}}
	}
	return rows
}

// from says where an accessor's access comes from.
func (s *Screen) from(a nexla.Accessor) string {
	var out string
	switch strings.ToUpper(a.Type) {
	case "USER":
		out = "granted to this user"
	case "TEAM":
		out = "every member of the team"
	case "ORG":
		out = "everyone in the org"
	default:
		out = "-"
	}
	if s.rt == nexla.Flows {
		out += ", on the flow's origin"
	}
	if !a.AccessRoleExpiresAt.IsZero() {
		out += ", until " + viewkit.Stamp(a.AccessRoleExpiresAt.Time, nil)
	}
	return out
}

func hasRole(a nexla.Accessor, role string) bool {
	for _, r := range a.AccessRoles {
		if strings.EqualFold(r, role) {
			return true
		}
	}
	return false
}

func idText(id int64) string {
	if id == 0 {
		return "-"
	}
	return strconv.FormatInt(id, 10)
}

func (s *Screen) selected() (nexla.Accessor, bool) {
	r, ok := s.table.SelectedRow()
	if !ok {
		return nexla.Accessor{}, false
	}
	i, _ := r.Data.(int)
	if i < 0 || i >= len(s.list) {
		return nexla.Accessor{}, false
	}
	return s.list[i], true
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	g := s.d.Keys
	switch {
	case key.Matches(msg, s.keys.Grant.Binding):
		s.mode, s.problem = granting, ""
		s.input = components.LineInput{Prompt: "grant: "}
	case key.Matches(msg, s.keys.Change.Binding):
		a, ok := s.selected()
		if !ok {
			return nil
		}
		s.mode, s.problem = changing, ""
		s.input = components.LineInput{Prompt: "new role for " + a.Type + " " + viewkit.Clean(viewkit.Or(a.Who(), idText(a.ID))) + ": "}
	case key.Matches(msg, s.keys.Revoke.Binding):
		if a, ok := s.selected(); ok {
			return s.revoke(a)
		}
	case key.Matches(msg, g.Refresh.Binding):
		return s.reload()
	default:
		s.table.Update(msg)
	}
	return nil
}

// typing edits the bottom line; enter asks the mutation, esc drops it.
func (s *Screen) typing(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		s.mode, s.problem = browsing, ""
		return nil
	case "enter":
		line := s.input.Value()
		if s.mode == changing {
			a, ok := s.selected()
			if !ok {
				s.mode = browsing
				return nil
			}
			role := strings.ToLower(strings.TrimSpace(line))
			if !validRole(role) {
				s.problem = "unknown role " + strconv.Quote(line) + ": want one of " + strings.Join(Roles, ", ")
				return nil
			}
			s.mode = browsing
			return s.change(a, role)
		}
		a, err := parseGrant(line)
		if err != nil {
			s.problem = err.Error()
			return nil
		}
		if a.Type == "ORG" {
			if s.orgID == 0 {
				s.problem = "the org's id is not known (the identity read failed): grant the org with the CLI"
				return nil
			}
			a.ID = s.orgID
		}
		s.mode = browsing
		return s.grant(a)
	}
	s.input.Update(msg)
	s.problem = ""
	return nil
}

func validRole(r string) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// resource names the pane's resource for the dialog: "flow 800110".
func (s *Screen) resource() string { return s.rt.Singular() + " " + strconv.FormatInt(s.id, 10) }

func who(a nexla.Accessor) string {
	w := a.Type + " " + viewkit.Or(a.Who(), "")
	if a.ID != 0 {
		w += " (id " + strconv.FormatInt(a.ID, 10) + ")"
	}
	return strings.TrimSpace(w)
}

func (s *Screen) grant(a nexla.Accessor) tea.Cmd {
	role := a.AccessRoles[0]
	req := ui.ConfirmRequest{Title: "Grant access", Resource: s.resource(), Action: "grant " + role,
		Effects: []string{who(a) + " gets the " + role + " role on " + s.resource()}}
	return s.mutate(req, "granted "+role+" on "+s.resource()+" to "+who(a), func(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64) (nexla.Outcome, error) {
		_, o, err := api.AddAccessors(ctx, rt, id, []nexla.Accessor{a})
		return o, err
	})
}

func (s *Screen) change(a nexla.Accessor, role string) tea.Cmd {
	target := nexla.Accessor{Type: a.Type, ID: a.ID, Email: a.Email, Name: a.Name, AccessRoles: []string{role}}
	req := ui.ConfirmRequest{Title: "Change access role", Resource: s.resource(), Action: "change the role to " + role,
		Effects: []string{who(a) + ": " + viewkit.Or(strings.Join(a.AccessRoles, ","), "no role") + " -> " + role + " on " + s.resource()}}
	if hasRole(a, "owner") && role != "owner" {
		req.Effects = append(req.Effects, "WARNING: "+who(a)+" stops being an owner")
	}
	return s.mutate(req, "changed the role of "+who(a)+" on "+s.resource()+" to "+role, func(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64) (nexla.Outcome, error) {
		_, o, err := api.AddAccessors(ctx, rt, id, []nexla.Accessor{target})
		return o, err
	})
}

func (s *Screen) revoke(a nexla.Accessor) tea.Cmd {
	target := nexla.Accessor{Type: a.Type, ID: a.ID, Email: a.Email, Name: a.Name}
	req := ui.ConfirmRequest{Title: "Revoke access", Resource: s.resource(), Action: "revoke",
		Effects: []string{who(a) + " loses every role (" + viewkit.Or(strings.Join(a.AccessRoles, ","), "none") + ") on " + s.resource()}}
	owners := 0
	for _, x := range s.list {
		if hasRole(x, "owner") {
			owners++
		}
	}
	if hasRole(a, "owner") && owners == 1 {
		req.Effects = append(req.Effects, "WARNING: this is the only owner listed")
	}
	return s.mutate(req, "revoked "+who(a)+" on "+s.resource(), func(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64) (nexla.Outcome, error) {
		_, o, err := api.RemoveAccessors(ctx, rt, id, []nexla.Accessor{target})
		return o, err
	})
}

// mutate hands the change to the shell: it refuses it in read-only mode,
// confirms it, runs it, and sends the pane a RefreshMsg after (a re-read).
func (s *Screen) mutate(req ui.ConfirmRequest, done string, call func(context.Context, nexla.API, nexla.ResourceType, int64) (nexla.Outcome, error)) tea.Cmd {
	api, rt, id := s.d.API, s.rt, s.id
	return ui.Mutate(ui.Mutation{Confirm: req, What: "the access to " + s.resource(), Done: done,
		Call: func(ctx context.Context) (nexla.Outcome, error) { return call(ctx, api, rt, id) }})
}

// View renders exactly w x h: the status line, the table, and the input
// line while typing.
func (s *Screen) View() string {
	th := s.d.Theme
	status := th.Title.Render("Access to "+s.resource()) + " · " + strconv.Itoa(len(s.list)) + " accessors"
	if s.loading {
		status += " · loading…"
	}
	body := s.table.View()
	if s.err != nil || (s.loading && s.list == nil) {
		body = viewkit.LoadNotice(th, s.d.Keys, "the accessors", s.err, s.w)
	}
	out := viewkit.FitLine(status, s.w) + "\n" + body
	if s.mode != browsing {
		bottom := s.input.View(s.w)
		if s.problem != "" {
			bottom = viewkit.FitLine(th.Error.Render(viewkit.Clean(s.problem)), s.w) + "\n" + bottom
		} else {
			hint := "role: " + strings.Join(Roles, "|") + " · enter asks for confirmation · esc cancels"
			if s.mode == granting {
				hint = "who role: an email, user ID, team ID or org, then " + hint
			}
			bottom = viewkit.FitLine(th.Muted.Render(hint), s.w) + "\n" + bottom
		}
		return viewkit.Fit(viewkit.Fit(out, s.w, max(s.h-2, 0))+"\n"+bottom, s.w, s.h)
	}
	return viewkit.Fit(out, s.w, s.h)
}

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.SetSize(w, max(h-3, 0)) // status line, and room for the input lines
}

// Title is the breadcrumb label.
func (s *Screen) Title() string { return "Access " + s.resource() }

// CapturesInput is true while a line is being typed.
func (s *Screen) CapturesInput() bool { return s.mode != browsing }

// ShortHelp lists the keys that apply.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{s.keys.Grant, s.keys.Change, s.keys.Revoke, g.Refresh, g.Back}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown}, {s.keys.Grant, s.keys.Change, s.keys.Revoke, g.Refresh, g.Back}}
}

// Selected is the resource of the pane (t opens its runbook, y copies its id).
func (s *Screen) Selected() (ui.Selection, bool) {
	return ui.Selection{RT: s.rt, ID: s.id}, true
}

var (
	_ ui.Screen     = (*Screen)(nil)
	_ ui.Selectable = (*Screen)(nil)
)
