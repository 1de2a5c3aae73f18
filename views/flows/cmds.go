package flows

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// flowsLoadedMsg carries one GET /flows result. The ticket drops stale
// results: a refresh issued after this load was started makes it obsolete.
type flowsLoadedMsg struct {
	ticket viewkit.Ticket
	resp   *nexla.FlowResponse
	err    error
	at     time.Time
}

// action is a pause or activate the user asked for.
type action struct {
	Pause  bool
	Whole  bool // the whole flow (PUT /flows/{id}/pause?all=1) vs one resource (PUT /{rt}/{id}/pause)
	FlowID int64
	NodeID int64
	RT     nexla.ResourceType
	ID     int64
	Name   string
}

// Verb is "pause" or "activate".
func (a action) Verb() string { return viewkit.Verb(a.Pause) }

// The confirm modal's answer and the call's outcome.
type (
	actionConfirmedMsg = viewkit.Confirmed[action]
	actionDoneMsg      = viewkit.Done[action]
)

// loadFlows builds the load Cmd from copied values only.
// accessRole is sent as access_role: without it Nexla lists only the flows
// the caller owns.
func loadFlows(ctx context.Context, api nexla.API, ticket viewkit.Ticket, accessRole string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		resp, err := api.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, AccessRole: accessRole})
		return flowsLoadedMsg{ticket: ticket, resp: resp, err: err, at: now()}
	}
}

// runAction is the call of a confirmed pause/activate.
func runAction(api nexla.API, act action) func(context.Context) (nexla.Outcome, error) {
	return func(ctx context.Context) (o nexla.Outcome, err error) {
		switch {
		case act.Whole && act.Pause:
			_, o, err = api.PauseFlow(ctx, act.FlowID, true)
		case act.Whole:
			_, o, err = api.ActivateFlow(ctx, act.FlowID, true)
		case act.Pause:
			o, err = api.PauseResource(ctx, act.RT, act.ID)
		default:
			o, err = api.ActivateResource(ctx, act.RT, act.ID)
		}
		return o, err
	}
}
