package flows

import (
	"context"
	"strconv"
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

// What names the target in the outcome toast: "flow 100" or "nexset 7001".
func (a action) What() string {
	if a.Whole {
		return "flow " + strconv.FormatInt(a.FlowID, 10)
	}
	return a.RT.Singular() + " " + strconv.FormatInt(a.ID, 10)
}

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
func runAction(api nexla.API, act action) func(context.Context) error {
	return func(ctx context.Context) error {
		var err error
		switch {
		case act.Whole && act.Pause:
			_, err = api.PauseFlow(ctx, act.FlowID, true)
		case act.Whole:
			_, err = api.ActivateFlow(ctx, act.FlowID, true)
		case act.Pause:
			err = api.PauseResource(ctx, act.RT, act.ID)
		default:
			err = api.ActivateResource(ctx, act.RT, act.ID)
		}
		return err
	}
}
