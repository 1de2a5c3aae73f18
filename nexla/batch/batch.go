// Package batch applies one change (pause, activate) to many items with
// bounded concurrency and a per-item result, and keeps a checkpoint so an
// interrupted or partly failed batch resumes where it stopped. It never
// re-sends blindly: an item of a resumed batch that is not known done is
// re-read first, and one already in the wanted state is done without a send
// (the client settles a lost answer within one call the same way, see
// nexla.Outcome).
package batch

import (
	"context"
	"sync"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// State is where an item stands.
type State string

// The states of an item.
const (
	// Pending: nothing sent yet in this batch.
	Pending State = "pending"
	// Applied: sent, and the server applied it (Note says how, when the
	// answer was lost).
	Applied State = "applied"
	// Unchanged: already in the wanted state when read; nothing was sent.
	Unchanged State = "unchanged"
	// Failed: not known applied (Error says why); a resume re-reads it.
	Failed State = "failed"
)

// Done reports a state that needs nothing more.
func (s State) Done() bool { return s == Applied || s == Unchanged }

// Item is one target of the batch and its result.
type Item struct {
	ID    int64  `json:"id"`
	Name  string `json:"name,omitempty"`
	State State  `json:"state"`
	// Note is the client's Outcome note (a lost answer and how it was
	// settled), or why nothing was sent.
	Note  string `json:"note,omitempty"`
	Error string `json:"error,omitempty"`
}

// Target is what the batch changes.
type Target interface {
	// InState re-reads item id: is it already in the wanted state?
	InState(ctx context.Context, id int64) (bool, error)
	// Apply sends the change once; a lost answer is the client's to settle.
	Apply(ctx context.Context, id int64) (nexla.Outcome, error)
}

// Runner runs a batch.
type Runner struct {
	Target      Target
	Concurrency int // at least 1
	// Journal receives every result as it is known (nil: none kept).
	Journal *Journal
}

// Run brings every item that is not done to the wanted state and returns
// the items with their results, in the order given. With reread (a resumed
// batch), an item not done is re-read before anything is sent: it may have
// been applied by the run that stopped. A fresh batch's Pending items were
// read by its plan, so they are sent directly; its Failed ones (the plan
// could not read them) are left as they are. Run stops starting items when ctx
// ends; those stay Pending. The error is the journal's, if it could not be
// written (the batch stops then: without it a resume could not be trusted).
func (r Runner) Run(ctx context.Context, items []Item, reread bool) ([]Item, error) {
	out := append([]Item(nil), items...)
	n := max(r.Concurrency, 1)
	jobs := make(chan int)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex
	var journalErr error
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				it := r.one(ctx, out[i], reread)
				mu.Lock()
				out[i] = it
				if r.Journal != nil && journalErr == nil {
					if err := r.Journal.Record(it); err != nil {
						journalErr = err
						cancel()
					}
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range out {
		if out[i].State.Done() || (out[i].State == Failed && !reread) {
			continue
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return out, journalErr
}

// one settles a single item.
func (r Runner) one(ctx context.Context, it Item, reread bool) Item {
	if ctx.Err() != nil {
		return it // stopped before this one started: still Pending/Failed
	}
	it.Note, it.Error = "", ""
	if reread {
		done, err := r.Target.InState(ctx, it.ID)
		switch {
		case err != nil:
			it.State, it.Error = Failed, "re-reading before a retry failed, nothing sent: "+err.Error()
			return it
		case done:
			it.State, it.Note = Unchanged, "found in the wanted state on re-reading (applied before the interruption, or by someone else): not sent again"
			return it
		}
	}
	o, err := r.Target.Apply(ctx, it.ID)
	switch {
	case err == nil:
		it.State, it.Note = Applied, o.Note
	default:
		it.State, it.Error = Failed, err.Error()
		if nexla.IsOutcomeUnknown(err) || ctx.Err() != nil {
			it.Note = "may have been applied: a resume re-reads it before sending anything"
		}
	}
	return it
}
