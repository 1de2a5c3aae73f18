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

// flowsLoadedMsg carries one load: the flows and, from a second call, their
// run metrics. The ticket drops stale results: a refresh issued after this
// load was started makes it obsolete.
type flowsLoadedMsg struct {
	ticket  viewkit.Ticket
	resp    *nexla.FlowResponse
	err     error
	metrics []nexla.FlowRunMetric
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
// fails (contract §9 #2-3); the metrics come from a second call at the same
// time (flows_only: no side-loads twice) and are joined by origin node id.
// accessRole is sent as access_role: without it Nexla lists only the flows
// the caller owns.
func loadFlows(ctx context.Context, api nexla.API, ticket viewkit.Ticket, accessRole string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		var metrics *nexla.FlowResponse
		var metricsErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			metrics, metricsErr = api.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, FlowsOnly: true, AccessRole: accessRole})
		}()
		resp, err := api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: accessRole})
		<-done
		msg := flowsLoadedMsg{ticket: ticket, resp: resp, err: err, metricsErr: metricsErr, at: now()}
		switch {
		case metricsErr != nil:
		case metrics.Metrics.Unreadable:
			msg.metricsErr = errMetricsUnreadable
		default:
			msg.metrics = metrics.Metrics.Runs
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
