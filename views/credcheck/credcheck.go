// Package credcheck is the credential runbook (t on a credential): probe it
// now, its stored verified status and when, who changed it last (the audit
// log), and the flows it breaks (nexla/blast). Each part is read on its own
// and shown as what it is: a part that failed says so, never "fine".
package credcheck

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// part is one read of the runbook and its answer.
type part[T any] struct {
	done bool
	val  T
	err  error
}

// Screen is the credential runbook.
type Screen struct {
	d     ui.Deps
	keys  keymap.Detail // probe, blast radius, access: the detail's keys
	id    int64
	loads *viewkit.Loads
	pager *components.Pager
	w, h  int

	cred  part[*nexla.Credential]
	probe part[*nexla.ProbeResult]
	audit part[[]nexla.AuditEntry]
	flows part[nb.Radius]
	// health is each flow's verdict from the session's shared check (no
	// call of its own), as the tree and the blast radius say it.
	health *viewkit.FlowHealths
}

// New builds the runbook of credential id.
func New(d ui.Deps, id int64) *Screen {
	d = viewkit.WithDefaults(d)
	return &Screen{d: d, keys: d.ScreenKeys.Detail, id: id, loads: viewkit.NewLoads(), pager: components.NewPager(d.Theme, d.Keys),
		health: viewkit.NewFlowHealths(d)}
}

type partMsg struct {
	ticket viewkit.Ticket
	apply  func(s *Screen)
}

// Init reads every part at once and follows the session's health check.
func (s *Screen) Init() tea.Cmd { return tea.Batch(s.reload(), s.health.Follow(s.d, false)) }

// Close cancels the reads in flight (and the check, when made here).
func (s *Screen) Close() {
	s.loads.Close()
	s.health.Close()
}

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	ctx, t := s.loads.NextCancelling()
	api, id, role := s.d.API, s.id, s.d.AccessRole
	s.cred, s.probe, s.audit, s.flows = part[*nexla.Credential]{}, part[*nexla.ProbeResult]{}, part[[]nexla.AuditEntry]{}, part[nb.Radius]{}
	s.render()
	return tea.Batch(
		func() tea.Msg {
			c, err := api.GetCredential(ctx, id, false)
			return partMsg{t, func(s *Screen) { s.cred = part[*nexla.Credential]{true, c, err} }}
		},
		probeNow(ctx, api, id, t),
		func() tea.Msg {
			a, err := api.AuditLog(ctx, nexla.DataCredentials, id, nexla.AuditOptions{Page: 1, PerPage: 20})
			return partMsg{t, func(s *Screen) { s.audit = part[[]nexla.AuditEntry]{true, a, err} }}
		},
		func() tea.Msg {
			fr, err := api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: role})
			var r nb.Radius
			if err == nil {
				r = nb.OfCredential(fr, id)
			}
			return partMsg{t, func(s *Screen) { s.flows = part[nb.Radius]{true, r, err} }}
		})
}

func probeNow(ctx context.Context, api nexla.API, id int64, t viewkit.Ticket) tea.Cmd {
	return func() tea.Msg {
		p, err := api.ProbeCredential(ctx, id)
		return partMsg{t, func(s *Screen) { s.probe = part[*nexla.ProbeResult]{true, p, err} }}
	}
}

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case partMsg:
		if s.loads.Latest(msg.ticket) {
			msg.apply(s)
			s.render()
		}
	case viewkit.HealthProgressMsg:
		changed, next := s.health.Progress(msg)
		if changed {
			s.render()
		}
		return s, next
	case ui.RefreshMsg:
		return s, tea.Batch(s.reload(), s.health.Follow(s.d, true))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Probe.Binding):
			s.probe = part[*nexla.ProbeResult]{}
			s.render()
			return s, probeNow(s.loads.Ctx(), s.d.API, s.id, s.loads.Current())
		case key.Matches(msg, s.keys.Blast.Binding):
			return s, ui.Navigate(ui.Route{Kind: ui.RouteBlast, RT: nexla.DataCredentials, ID: s.id})
		case key.Matches(msg, s.keys.Access.Binding):
			return s, ui.Navigate(ui.Route{Kind: ui.RouteAccess, RT: nexla.DataCredentials, ID: s.id})
		case key.Matches(msg, s.d.Keys.Enter.Binding):
			return s, ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: nexla.DataCredentials, ID: s.id})
		}
		s.pager.Update(msg)
	case tea.MouseWheelMsg:
		s.pager.Update(msg)
	}
	return s, nil
}

// render lays the parts out as text for the pager.
func (s *Screen) render() {
	th := s.d.Theme
	var b strings.Builder
	head := func(t string) { b.WriteString("\n" + th.Title.Render(t) + "\n") }
	pending := func() { b.WriteString(th.Muted.Render("  reading…") + "\n") }
	failed := func(err error) {
		b.WriteString("  " + th.Error.Render("could not read: ") + viewkit.ErrText(err) + "\n")
	}

	name := "credential " + strconv.FormatInt(s.id, 10)
	if s.cred.done && s.cred.err == nil && s.cred.val != nil {
		name += ` "` + viewkit.Clean(s.cred.val.Name) + `" (` + viewkit.Or(viewkit.Clean(s.cred.val.CredentialsType), "type unknown") + ")"
	}
	b.WriteString(th.Title.Render("Runbook · "+name) + "\n")

	head("Probe now")
	switch p := s.probe; {
	case !p.done:
		b.WriteString(th.Muted.Render("  probing…") + "\n")
	case p.err != nil:
		b.WriteString("  " + th.Error.Render("the probe could not run: ") + viewkit.ErrText(p.err) + "\n")
	case p.val.OK:
		b.WriteString("  " + th.OK.Render(th.Glyphs.OK+" OK") + ": the server reached the source with this credential\n")
	default:
		b.WriteString("  " + th.Error.Render(th.Glyphs.Error+" FAILED "+strconv.Itoa(p.val.HTTPStatus)) + " " + viewkit.Clean(p.val.Message) + "\n")
	}

	head("Stored verified status")
	switch c := s.cred; {
	case !c.done:
		pending()
	case c.err != nil:
		failed(c.err)
	case c.val.VerifiedStatus == "":
		b.WriteString("  never verified\n")
	default:
		st := viewkit.Clean(c.val.VerifiedStatus)
		if c.val.Verified() {
			st = th.OK.Render(st)
		} else {
			st = th.Error.Render(st)
		}
		// When first: a long status is cut at the terminal's edge, the time must not be.
		when := "verified at an unknown time (no verified_at)"
		if !c.val.VerifiedAt.IsZero() {
			when = "verified " + viewkit.Stamp(c.val.VerifiedAt.Time, s.d.Now().Location()) + " (" + viewkit.Ago(s.d.Now(), c.val.VerifiedAt.Time) + ")"
		}
		b.WriteString("  " + when + ": " + st + "\n")
	}

	head("Last changed")
	switch a := s.audit; {
	case !a.done:
		pending()
	case a.err != nil:
		failed(a.err)
	case len(a.val) == 0:
		b.WriteString("  the audit log lists no change\n")
	default:
		e := a.val[0]
		who := e.OwnerEmail
		if e.User != nil && e.User.Email != "" {
			who = e.User.Email
		}
		what := strings.Join(e.ChangeSummary, ", ")
		b.WriteString("  " + viewkit.Or(viewkit.Clean(e.Event), "change") + " by " + viewkit.Or(viewkit.Clean(who), "someone unnamed") + " · " +
			viewkit.Stamp(e.CreatedAt.Time, s.d.Now().Location()) + " (" + viewkit.Ago(s.d.Now(), e.CreatedAt.Time) + ")")
		if what != "" {
			b.WriteString(" · " + viewkit.Clean(what))
		}
		b.WriteString("\n")
	}

	head("Flows it breaks")
	if s.flows.done && s.flows.err == nil && len(s.flows.val.Flows) > 0 {
		ids := make([]int64, len(s.flows.val.Flows))
		for i, fl := range s.flows.val.Flows {
			ids[i] = fl.ID
		}
		b.WriteString("  " + s.health.Count(th, ids) + "\n")
	}
	switch f := s.flows; {
	case !f.done:
		pending()
	case f.err != nil:
		failed(f.err)
	case len(f.val.Flows)+len(f.val.Unresolved) == 0:
		b.WriteString("  no flow you can see uses it\n")
	default:
		flows := slices.Clone(f.val.Flows)
		viewkit.RankByHealth(s.health, flows, func(fl nb.Flow) int64 { return fl.ID })
		for _, fl := range flows {
			word, glyph, tone := s.health.Verdict(th.Glyphs, fl.ID)
			b.WriteString("  " + components.ToneStyle(th, tone).Render(glyph+" "+word) + "  flow " + strconv.FormatInt(fl.ID, 10) + ` "` +
				viewkit.Clean(fl.Name) + `" ` + viewkit.Or(fl.Status, "status unknown") + "\n")
		}
		for _, u := range f.val.Unresolved {
			b.WriteString("  " + th.Warn.Render(th.Glyphs.Warn+" flow "+strconv.FormatInt(u.FlowID, 10)+": "+u.Kind.Singular()+" "+
				strconv.FormatInt(u.ID, 10)+" authenticates through group "+strconv.FormatInt(u.GroupID, 10)+
				", which could not be read: it may use this credential") + "\n")
		}
		b.WriteString("\n  " + th.Muted.Render(s.keys.Blast.Help().Key+" opens them to mark, pause or activate") + "\n")
	}
	s.pager.SetContent(b.String())
}

// View renders exactly w x h.
func (s *Screen) View() string { return viewkit.Fit(s.pager.View(), s.w, s.h) }

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) { s.w, s.h = w, h; s.pager.SetSize(w, h) }

// Title is the breadcrumb label.
func (s *Screen) Title() string { return "Runbook credential " + strconv.FormatInt(s.id, 10) }

// CapturesInput is false: no text field.
func (s *Screen) CapturesInput() bool { return false }

// ShortHelp lists the keys that apply.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{s.keys.Probe, s.keys.Blast, s.keys.Access, g.Enter, g.Refresh, g.Back}
}

// FullHelp lists every key.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{{g.Up, g.Down, g.PageUp, g.PageDown}, {s.keys.Probe, s.keys.Blast, s.keys.Access, g.Enter, g.Refresh, g.CopyID}}
}

// Selected is the credential (for y/Y).
func (s *Screen) Selected() (ui.Selection, bool) {
	name := ""
	if s.cred.val != nil {
		name = s.cred.val.Name
	}
	return ui.Selection{RT: nexla.DataCredentials, ID: s.id, Name: name}, true
}

var (
	_ ui.Screen     = (*Screen)(nil)
	_ ui.Selectable = (*Screen)(nil)
)
