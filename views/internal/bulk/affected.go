package bulk

import (
	"context"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// "Mark all affected by a credential": the mark key Affected on a row
// marks every flow the credential of the row's resource breaks
// (nb.CredentialOf picks it, nb.OfCredential finds the flows), from one
// flows listing read off the update loop. p or a then act on the marks
// through Ask, as for marks made one by one.

// AffectedMsg is the answer of MarkAffected; the screen that asked hands
// it to ApplyAffected.
type AffectedMsg struct {
	Credential int64
	Flows      []viewkit.MarkedFlow
	// Unresolved are uses through a credentials group the listing did not
	// include: they may use the credential and are not marked.
	Unresolved int
	Err        error
}

// AffectedKey handles the Affected mark key: row is the resource under
// the cursor (ok false: no row). handled is false for any other key.
func AffectedKey(d ui.Deps, ctx context.Context, k keymap.Marks, msg tea.KeyPressMsg,
	row func() (rt nexla.ResourceType, id int64, ok bool)) (cmd tea.Cmd, handled bool) {
	if !key.Matches(msg, k.Affected.Binding) {
		return nil, false
	}
	rt, id, ok := row()
	if !ok || id <= 0 {
		return ui.Toast(ui.ToastWarn, "no row under the cursor: nothing marked"), true
	}
	if d.API == nil {
		return ui.Toast(ui.ToastWarn, "not connected: nothing marked"), true
	}
	return MarkAffected(ctx, d.API, d.AccessRole, rt, id), true
}

// MarkAffected reads the flows listing (with its side-loads: which
// credential each source and destination uses) and answers with every
// flow the credential of resource (rt, id) breaks.
func MarkAffected(ctx context.Context, api nexla.API, role string, rt nexla.ResourceType, id int64) tea.Cmd {
	return func() tea.Msg {
		fr, err := api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: role})
		if err != nil {
			return AffectedMsg{Err: err}
		}
		cred, err := nb.CredentialOf(fr, rt, id)
		if err != nil {
			return AffectedMsg{Err: err}
		}
		r := nb.OfCredential(fr, cred)
		out := AffectedMsg{Credential: cred, Unresolved: len(r.Unresolved)}
		for _, f := range r.Flows {
			out.Flows = append(out.Flows, viewkit.MarkedFlow{ID: f.ID, Name: f.Name, Status: f.Status})
		}
		return out
	}
}

// ApplyAffected marks the flows of msg and says how many; a failed read
// or a credential that breaks nothing marks nothing and says so.
func ApplyAffected(m *viewkit.Marks, msg AffectedMsg) tea.Cmd {
	if msg.Err != nil {
		return ui.Toast(ui.ToastError, "nothing marked: "+viewkit.ErrText(msg.Err))
	}
	cred := "credential " + strconv.FormatInt(msg.Credential, 10)
	may := ""
	if msg.Unresolved > 0 {
		may = " · " + strconv.Itoa(msg.Unresolved) + " more may use it through a credentials group the listing did not include (not marked: its blast radius lists them)"
	}
	if len(msg.Flows) == 0 {
		return ui.Toast(ui.ToastWarn, cred+" breaks no flow you can see: nothing marked"+may)
	}
	for _, f := range msg.Flows {
		m.Add(f)
	}
	level := ui.ToastInfo
	if may != "" {
		level = ui.ToastWarn
	}
	return ui.Toast(level, "marked "+Flows(len(msg.Flows))+" that "+cred+" breaks ("+viewkit.Count(m.Len())+" marked)"+may)
}
