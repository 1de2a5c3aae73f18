package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
)

// bulkPlan is what a bulk change will do: every flow with its state as read
// (Unchanged: already there; Pending: to send; Failed: could not be read),
// and where its checkpoint lives.
type bulkPlan struct {
	items      []batch.Item
	checkpoint string
	resumed    bool
}

// bulkIDs reads the ids of the arguments and of --from-file, each once.
func bulkIDs(args []string, fromFile string) ([]int64, error) {
	words := append([]string(nil), args...)
	if fromFile != "" {
		b, err := os.ReadFile(fromFile)
		if err != nil {
			return nil, usageErr("--from-file: %v", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" {
				words = append(words, line)
			}
		}
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, w := range words {
		id, err := strconv.ParseInt(w, 10, 64)
		if err != nil || id <= 0 {
			return nil, usageErr("%q is not a flow id (a positive integer)", w)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// planBulk builds the plan: from the checkpoint on --resume, else from one
// flows listing (which also answers --credential) and a read of each flow
// the listing does not hold.
func planBulk(ctx context.Context, g *Globals, c *nexla.Client, action string, fl bulkFlags, ids []int64) (bulkPlan, error) {
	var fr *nexla.FlowResponse
	if !fl.resume || fl.credential != 0 {
		var err error
		fr, err = c.ListFlows(ctx, nexla.FlowListOptions{})
		if err != nil {
			return bulkPlan{}, &ExitError{Code: 2, Err: fmt.Errorf("reading flows: %w", err)}
		}
	}
	if fl.credential != 0 {
		r := blast.OfCredential(fr, fl.credential)
		for _, u := range r.Unresolved {
			fmt.Fprintf(g.IO.Err, "warning: %s %d (flow %d) authenticates through credentials group %d, which the listing did not include: it may use credential %d and is not in the batch\n",
				u.Kind.Singular(), u.ID, u.FlowID, u.GroupID, fl.credential)
		}
		for _, id := range r.FlowIDs() {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return bulkPlan{}, &ExitError{Code: 1, Err: fmt.Errorf("credential %d is used by no flow you can see", fl.credential)}
		}
	}
	path := fl.checkpoint
	if path == "" && len(ids) > 0 {
		path = statePath(g.Getenv, "batches/"+batch.Key(action, ids)+".jsonl")
	}
	if fl.resume {
		return resumePlan(action, path, ids)
	}
	if path != "" {
		if _, err := os.Lstat(path); err == nil {
			return bulkPlan{}, usageErr("a checkpoint of this batch exists (%s): add --resume to continue it, or remove it to start over", safefile.ShellQuote(path))
		}
	}
	items := readPlan(ctx, c, fr, action, ids, fl.concurrency)
	return bulkPlan{items: items, checkpoint: path}, nil
}

// resumePlan loads the checkpoint; ids given must be the batch's own.
func resumePlan(action, path string, ids []int64) (bulkPlan, error) {
	if path == "" {
		return bulkPlan{}, usageErr("--resume: no checkpoint path (set XDG_STATE_HOME or HOME, or pass --checkpoint FILE)")
	}
	h, items, err := batch.Load(path)
	if err != nil {
		return bulkPlan{}, usageErr("--resume: %v", err)
	}
	if h.Action != action {
		return bulkPlan{}, usageErr("--resume: the checkpoint %s is a %s batch, not %s", safefile.ShellQuote(path), h.Action, action)
	}
	if len(ids) > 0 {
		have := make([]int64, len(items))
		for i, it := range items {
			have[i] = it.ID
		}
		want := slices.Clone(ids)
		slices.Sort(have)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			return bulkPlan{}, usageErr("--resume: the checkpoint %s holds another set of flows (%d) than the ones named (%d)", safefile.ShellQuote(path), len(have), len(want))
		}
	}
	return bulkPlan{items: items, checkpoint: path, resumed: true}, nil
}

// readPlan reads each flow's state: from the listing when it holds the
// flow, else with its own read (concurrently, at most n at once).
func readPlan(ctx context.Context, c *nexla.Client, fr *nexla.FlowResponse, action string, ids []int64, n int) []batch.Item {
	items := make([]batch.Item, len(ids))
	ix := fr.Index()
	names := map[int64]string{}
	for _, root := range fr.Flows {
		names[root.ID] = ix.FlowName(root)
	}
	var missing []int
	for i, id := range ids {
		items[i] = batch.Item{ID: id, Name: names[id]}
		if _, listed := names[id]; !listed {
			missing = append(missing, i)
			continue
		}
		done, err := nexla.FlowInState(fr, id, true, action)
		items[i] = planned(items[i], done, err, action)
	}
	sem := make(chan struct{}, max(n, 1))
	var wg sync.WaitGroup
	for _, i := range missing {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			one, err := c.GetFlow(ctx, items[i].ID, nexla.FlowGetOptions{})
			if err != nil {
				items[i] = planned(items[i], false, err, action)
				return
			}
			for _, root := range one.Flows {
				items[i].Name = one.Index().FlowName(root)
				break
			}
			done, err := nexla.FlowInState(one, items[i].ID, true, action)
			items[i] = planned(items[i], done, err, action)
		}()
	}
	wg.Wait()
	return items
}

func planned(it batch.Item, done bool, err error, action string) batch.Item {
	switch {
	case err != nil:
		it.State, it.Error = batch.Failed, "could not read the flow, nothing sent: "+err.Error()
		if errors.Is(err, context.Canceled) {
			it.State, it.Error = batch.Pending, ""
		}
	case done:
		it.State, it.Note = batch.Unchanged, "already "+wantedWord(action)+": nothing to send"
	default:
		it.State = batch.Pending
	}
	return it
}

func wantedWord(action string) string {
	if action == "pause" {
		return nexla.StatusPaused
	}
	return nexla.StatusActive
}
