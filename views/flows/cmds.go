package flows

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// flowsLoadedMsg carries one GET /flows result. seq drops stale results: a
// refresh issued after this load was started makes it obsolete.
type flowsLoadedMsg struct {
	token *screenToken
	seq   int
	resp  *nexla.FlowResponse
	err   error
	at    time.Time
}

// screenToken identifies one screen instance, so a message meant for one
// flows screen is ignored by another one deeper in the stack.
type screenToken struct{ _ byte }

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
func (a action) Verb() string {
	if a.Pause {
		return "pause"
	}
	return "activate"
}

// actionConfirmedMsg comes back from the confirm modal's OnConfirm: only then
// does the row show pending and the call go out.
type actionConfirmedMsg struct {
	token *screenToken
	act   action
}

// actionDoneMsg is the outcome of the mutating call.
type actionDoneMsg struct {
	token *screenToken
	act   action
	err   error
}

// loadFlows builds the load Cmd from copied values only.
// accessRole is sent as access_role: without it Nexla lists only the flows
// the caller owns.
func loadFlows(ctx context.Context, api nexla.API, tok *screenToken, seq int, accessRole string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		resp, err := api.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, AccessRole: accessRole})
		return flowsLoadedMsg{token: tok, seq: seq, resp: resp, err: err, at: now()}
	}
}

// runAction performs a confirmed pause/activate.
func runAction(ctx context.Context, api nexla.API, tok *screenToken, act action) tea.Cmd {
	return func() tea.Msg {
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
		return actionDoneMsg{token: tok, act: act, err: err}
	}
}
