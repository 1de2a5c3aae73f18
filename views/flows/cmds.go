package flows

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// flowsLoadedMsg carries one load: the tree of the flows with, from a second
// listing, their run metrics joined. The ticket drops stale results: a refresh issued after this
// load was started makes it obsolete.
type flowsLoadedMsg struct {
	ticket viewkit.Ticket
	nodes  []treeNode // the tree, built off the Update loop
	err    error
	// metricsErr: the metrics call failed or answered in a shape we cannot
	// read; the flows still show, their counts unknown.
	metricsErr error
	at         time.Time
}

// errMetricsUnreadable is a metrics answer that is not the documented array.
var errMetricsUnreadable = errors.New("the run metrics came in an unexpected shape")

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

// loadFlows builds the load Cmd from copied values only. The flows are
// listed without include_run_metrics, which makes the server drop never-run
// and shared-nexset flows and fail the whole answer when its metrics service
// fails (contract §9 #2-3); the metrics come from a second listing at the
// same time (flows_only: no side-loads twice) and are joined by origin node
// id. Both are read page by page: the tree keeps its nodes and the latest
// run per flow, never either listing (together about 130 MB at 30,000
// flows). accessRole is sent as access_role: without it Nexla lists only
// the flows the caller owns.
func loadFlows(ctx context.Context, api nexla.API, ticket viewkit.Ticket, accessRole string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		runs := map[int64]runMetric{}
		unreadable := false
		var metricsErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			metricsErr = nexla.EachFlowPage(ctx, api, nexla.FlowListOptions{IncludeRunMetrics: true, FlowsOnly: true, AccessRole: accessRole},
				func(p *nexla.FlowResponse, _ int) {
					unreadable = unreadable || p.Metrics.Unreadable
					addRuns(runs, p.Metrics.Runs)
				})
		}()
		var tree treeBuilder
		err := nexla.EachFlowPage(ctx, api, nexla.FlowListOptions{AccessRole: accessRole}, tree.add)
		<-done
		if metricsErr == nil && unreadable {
			metricsErr = errMetricsUnreadable
		}
		msg := flowsLoadedMsg{ticket: ticket, err: err, metricsErr: metricsErr, at: now()}
		if err == nil {
			msg.nodes = tree.finish(runs, metricsErr == nil)
		}
		return msg
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
