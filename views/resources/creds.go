package resources

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// credColumn is the CRED column of sources and destinations.
const credColumn = 7

// credPending is the CRED cell until the flows listing says which
// credential each resource uses; credUnknown when that listing failed.
const (
	credPending = "…"
	credUnknown = "?"
)

// credsMsg is the credential of every source and destination of the org,
// from the flows side-load: the real list views of sources and sinks carry
// no data_credentials_id (contract §9 #5), so the CRED column is never read
// from the listing itself.
type credsMsg struct {
	ticket viewkit.Ticket
	byID   map[int64]nexla.FlowCredential
	err    error
}

// hasCredColumn: sources and destinations show the credential they use.
func hasCredColumn(rt nexla.ResourceType) bool {
	return rt == nexla.DataSources || rt == nexla.DataSinks
}

// loadCreds lists the flows (with side-loads) once per listing, beside the
// resource stream, for the CRED column and the preview.
func loadCreds(ctx context.Context, api nexla.API, rt nexla.ResourceType, ticket viewkit.Ticket, accessRole string) tea.Cmd {
	return func() tea.Msg {
		fr, err := api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: accessRole})
		if err != nil {
			return credsMsg{ticket: ticket, err: err}
		}
		return credsMsg{ticket: ticket, byID: fr.Credentials()[rt]}
	}
}

// setCred fills record r's CRED cell, sort key and filter text from what
// the flows listing said (or its failure); a resource no flow side-loads
// uses no credential we can name.
func setCred(r *record, byID map[int64]nexla.FlowCredential, failed bool) {
	if len(r.Cells) <= credColumn {
		return
	}
	fc := byID[r.ID]
	cell := fc.Label()
	if failed {
		cell = credUnknown
	}
	r.Cells[credColumn] = cell
	r.Keys[credColumn].n = max(fc.CredentialID, fc.GroupID)
	r.Filter = strings.ToLower(strings.Join(r.Cells, " "))
}

// applyCreds fills the CRED cells of every record shown or incoming.
func (s *Screen) applyCreds() {
	if s.creds == nil && s.credsErr == nil {
		return
	}
	for i := range s.recs {
		setCred(&s.recs[i], s.creds, s.credsErr != nil)
	}
	for i := range s.incoming {
		setCred(&s.incoming[i], s.creds, s.credsErr != nil)
	}
}
