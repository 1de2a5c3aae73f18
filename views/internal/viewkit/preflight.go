package viewkit

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
)

// AskPreflighted is the Cmd of a pause or activate key on one flow or one
// resource: it asks the shell for m with the preflight's notes and warnings
// in its dialog (runbook.Preflight: the same sentences as the runbook's
// dialog). When the preflight reads the audit log (the activation of a
// paused target), the read runs in the Cmd, never in Update, bounded by
// runbook.PreflightTimeout, and the dialog opens when it is over; a failed
// or slow read opens it all the same, its note saying why. A screen left
// meanwhile (ctx, the screen's, cancelled) gets no dialog. In read-only
// mode nothing is read: the shell refuses the mutation as any other.
func AskPreflighted(ctx context.Context, d ui.Deps, p runbook.Preflight, m ui.Mutation) tea.Cmd {
	if ui.MutationsRefused(d) || !p.NeedsAudit() {
		return ui.Mutate(withNotes(m, p.Notes("")))
	}
	api, now := d.API, NowOr(d.Now)
	return func() tea.Msg {
		n := p.Read(ctx, api, now())
		if ctx.Err() != nil {
			return nil // the screen that asked was closed
		}
		return ui.MutateMsg{Mutation: withNotes(m, n)}
	}
}

func withNotes(m ui.Mutation, n runbook.PreflightNotes) ui.Mutation {
	m.Confirm.Notes = append(m.Confirm.Notes[:len(m.Confirm.Notes):len(m.Confirm.Notes)], n.Notes...)
	m.Confirm.Warnings = append(m.Confirm.Warnings[:len(m.Confirm.Warnings):len(m.Confirm.Warnings)], n.Warnings...)
	return m
}
