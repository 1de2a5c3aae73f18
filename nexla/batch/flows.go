package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Flows pauses or activates whole flows (all=1: from the origin, whatever
// node id names the flow), as the TUI's flow actions do.
type Flows struct {
	Client nexla.API
	Action string // "pause" or "activate"
}

// Key names a batch's default checkpoint: the action and a digest of its
// sorted flow ids, so asking for the same batch again (the same command, or
// the same marks in the TUI) finds it.
func Key(action string, ids []int64) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	h := sha256.New()
	for _, id := range s {
		fmt.Fprintf(h, "%d\n", id)
	}
	return action + "-" + hex.EncodeToString(h.Sum(nil))[:12]
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
