package batch

import (
	"context"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Flows pauses or activates whole flows (all=1: from the origin, whatever
// node id names the flow), as the TUI's flow actions do.
type Flows struct {
	Client *nexla.Client
	Action string // "pause" or "activate"
}

// InState reads the flow and checks every node of it.
func (f Flows) InState(ctx context.Context, id int64) (bool, error) {
	fr, err := f.Client.GetFlow(ctx, id, nexla.FlowGetOptions{})
	if err != nil {
		return false, err
	}
	return nexla.FlowInState(fr, id, true, f.Action)
}

// Apply sends PUT /flows/{id}/pause|activate?all=1 once.
func (f Flows) Apply(ctx context.Context, id int64) (nexla.Outcome, error) {
	call := f.Client.ActivateFlow
	if f.Action == "pause" {
		call = f.Client.PauseFlow
	}
	_, o, err := call(ctx, id, true)
	return o, err
}
