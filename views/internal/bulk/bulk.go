// Package bulk is the TUI's bulk pause/activate of many flows (the marked
// ones, or every flow a credential breaks): one confirmation through the
// shell's one mutation path (ui.Mutation) that lists every flow and its
// effect, execution through nexla/batch with bounded concurrency and a
// checkpoint, and the per-item results screen.
package bulk

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Concurrency is how many changes are in flight at once (the headless
// commands' default).
const Concurrency = 8

// Run is one bulk action. The screen that asked gets it back as the
// mutation's Tag; the call fills Items, Resumed and Checkpoint before it
// returns, and the shell delivers MutationDoneMsg only after that, so the
// screen reads them once the call is over and never while it runs.
type Run struct {
	Action string // "pause" or "activate"
	// Origin says where the flows come from: "marked", "that credential 3005 breaks".
	Origin string
	Flows  []viewkit.MarkedFlow
	// Checkpoint is the batch's journal ("" when there is no state
	// directory: an interruption cannot be resumed).
	Checkpoint string

	Items   []batch.Item
	Resumed bool
	// Kept is true when the checkpoint stays for a resume (not every flow done).
	Kept bool
}

// Ask is the Cmd of p or a on a set of flows: one confirmation naming
// every flow, its state now and after, and the flows that cannot be
// re-activated; the shell refuses it in read-only mode before the dialog.
func Ask(d ui.Deps, pause bool, origin string, flows []viewkit.MarkedFlow) tea.Cmd {
	if len(flows) == 0 {
		return ui.Toast(ui.ToastWarn, "no flows to "+viewkit.Verb(pause))
	}
	flows = slices.Clone(flows)
	run := &Run{Action: viewkit.Verb(pause), Origin: origin, Flows: flows}
	ids := make([]int64, len(flows))
	for i, f := range flows {
		ids[i] = f.ID
	}
	if d.StateDir != "" {
		run.Checkpoint = filepath.Join(d.StateDir, "batches", batch.Key(run.Action, ids)+".jsonl")
	}
	n := Flows(len(flows))
	req := ui.ConfirmRequest{
		Title:    viewkit.Capitalize(run.Action) + " " + n,
		Resource: n + " " + origin,
		Action:   run.Action + " " + n,
		Effects:  effects(run),
	}
	api, now := d.API, viewkit.NowOr(d.Now)
	return ui.Mutate(ui.Mutation{Confirm: req, Tag: run, What: n,
		Done: viewkit.PastTense(pause) + " " + n + " " + origin,
		Call: func(ctx context.Context) (nexla.Outcome, error) { return run.execute(ctx, api, now()) }})
}

// AskMarked is p or a on the marked flows: one confirmation for all of
// them. ok is false when msg is neither key or nothing is marked, and the
// screen's own p/a applies (the node's flow, the listed flows).
func AskMarked(d ui.Deps, marks *viewkit.Marks, msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	pause := key.Matches(msg, d.Keys.Pause.Binding)
	if marks.Len() == 0 || !pause && !key.Matches(msg, d.Keys.Activate.Binding) {
		return nil, false
	}
	return Ask(d, pause, "marked", marks.Flows()), true
}

// effects are the dialog's lines: warnings first (never cut off), then every
// flow with its state now and after, then where the checkpoint goes.
func effects(run *Run) []string {
	wanted := nexla.StatusActive
	if run.Action == "pause" {
		wanted = nexla.StatusPaused
	}
	var warn, each []string
	for _, f := range run.Flows {
		name := `flow "` + viewkit.Clean(f.Name) + `" (id ` + strconv.FormatInt(f.ID, 10) + `)`
		// The preflight of every dialog, from the status as read (no audit
		// read per flow: who paused each is in its runbook).
		ref := runbook.ResourceRef{RT: nexla.Flows, ID: f.ID, Name: f.Name, Status: f.Status}
		p := runbook.Preflight{Pause: run.Action == "pause", FlowID: f.ID, Resources: []runbook.ResourceRef{ref}}
		for _, w := range p.Notes("").Warnings {
			warn = append(warn, "WARNING: "+w)
		}
		now := viewkit.Or(f.Status, "status unknown")
		switch f.Status {
		case wanted:
			each = append(each, name+": already "+wanted+" as last read (re-read first; not sent if still so)")
		default:
			each = append(each, name+": "+now+" -> "+wanted)
		}
	}
	tail := "checkpoint: none (no state directory): an interrupted batch cannot be resumed"
	if run.Checkpoint != "" {
		tail = "checkpoint: " + run.Checkpoint + " (every flow is re-read before it is sent; a failed one is re-read before any retry)"
	}
	return append(append(warn, each...), tail)
}

// execute runs the batch: from the checkpoint when one of this very batch
// exists (its done flows are not touched again), else fresh. Every flow not
// done is re-read before anything is sent, so a flow already in the wanted
// state, or one a stopped run applied, is never sent twice.
func (run *Run) execute(ctx context.Context, api nexla.API, now time.Time) (nexla.Outcome, error) {
	items := make([]batch.Item, len(run.Flows))
	for i, f := range run.Flows {
		items[i] = batch.Item{ID: f.ID, Name: f.Name, State: batch.Pending}
	}
	j, items, err := run.journal(items, now)
	if err != nil {
		return nexla.Outcome{}, err
	}
	r := batch.Runner{Target: batch.Flows{Client: api, Action: run.Action}, Concurrency: Concurrency, Journal: j}
	out, runErr := r.Run(ctx, items, true)
	done := 0
	for i := range out {
		if out[i].State.Done() {
			done++
		}
		if out[i].State == batch.Unchanged && !run.Resumed {
			out[i].Note = "already " + wantedState(run.Action) + " when re-read: nothing sent"
		}
	}
	run.Items = out
	if j != nil {
		if done == len(out) && runErr == nil {
			_ = j.Remove()
		} else {
			_ = j.Close()
			run.Kept = true
		}
	}
	switch {
	case runErr != nil:
		return nexla.Outcome{}, runErr
	case done < len(out):
		return nexla.Outcome{}, fmt.Errorf("%d of %d flows not done (the results screen says why for each)", len(out)-done, len(out))
	}
	return nexla.Outcome{}, nil
}

// journal opens the checkpoint: an existing one of this batch is resumed
// (its items replace the fresh plan), a missing one is created. A
// checkpoint that cannot be trusted stops the batch before anything is sent.
func (run *Run) journal(items []batch.Item, now time.Time) (*batch.Journal, []batch.Item, error) {
	if run.Checkpoint == "" {
		return nil, items, nil
	}
	if _, err := os.Lstat(run.Checkpoint); err == nil {
		h, loaded, err := batch.Load(run.Checkpoint)
		if err != nil {
			return nil, nil, fmt.Errorf("%v: nothing was sent (remove the file to start over)", err)
		}
		if h.Action != run.Action || len(loaded) != len(items) {
			return nil, nil, errors.New("the checkpoint " + run.Checkpoint + " is another batch: nothing was sent (remove it to start over)")
		}
		j, err := batch.Reopen(run.Checkpoint)
		if err != nil {
			return nil, nil, err
		}
		run.Resumed = true
		return j, loaded, nil
	}
	j, err := batch.Create(run.Checkpoint, batch.Header{Action: run.Action, Started: now, Items: items})
	if err != nil {
		return nil, nil, err
	}
	return j, items, nil
}

// Flows is "1 flow", "3 flows".
func Flows(n int) string {
	if n == 1 {
		return "1 flow"
	}
	return viewkit.Count(n) + " flows"
}

func wantedState(action string) string {
	if action == "pause" {
		return nexla.StatusPaused
	}
	return nexla.StatusActive
}

// Done turns a finished bulk action into its results screen; ok is false
// for any other mutation.
func Done(d ui.Deps, msg ui.MutationDoneMsg) (tea.Cmd, bool) {
	run, ok := msg.Tag.(*Run)
	if !ok {
		return nil, false
	}
	return ui.Show(NewResults(d, run, msg.Err)), true
}
