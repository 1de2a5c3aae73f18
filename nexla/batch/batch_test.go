package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

var start = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

// pending lists the flows credential cred breaks, as a batch's items.
func pending(t *testing.T, e *simtest.Env, cred int64) []batch.Item {
	t.Helper()
	fr, err := e.Client.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	var items []batch.Item
	for _, f := range blast.OfCredential(fr, cred).Flows {
		if f.Status == nexla.StatusActive {
			items = append(items, batch.Item{ID: f.ID, Name: f.Name, State: batch.Pending})
		}
	}
	if len(items) < 5 {
		t.Fatalf("credential %d breaks only %d active flows", cred, len(items))
	}
	return items
}

// appliedPauses counts, per flow, the pauses the simulator applied.
func appliedPauses(e *simtest.Env) map[string]int {
	n := map[string]int{}
	for _, m := range e.Sim.Mutations(0) {
		if m.Applied {
			n[m.Path]++
		}
	}
	return n
}

// One item fails (the simulator refuses its PUT before applying); the
// checkpoint says so; the resume re-reads that item, sends it once, and
// leaves the others alone: every flow paused exactly once.
func TestFailureThenResumeChangesEachFlowOnce(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 1, Frozen: true, Start: start})
	items := pending(t, e, 3005)
	bad := items[2].ID
	if err := e.Sim.SetFaults(sim.Faults{Drills: sim.Drills{Refuse: []sim.Refusal{
		{Status: 500, Method: "PUT", Path: fmt.Sprintf("/flows/%d/pause", bad), Count: 1}}}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "state", "pause.jsonl")
	j, err := batch.Create(path, batch.Header{Action: "pause", Items: items})
	if err != nil {
		t.Fatal(err)
	}
	r := batch.Runner{Target: batch.Flows{Client: e.Client, Action: "pause"}, Concurrency: 4, Journal: j}
	got, err := r.Run(context.Background(), items, false)
	_ = j.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range got {
		want := batch.Applied
		if it.ID == bad {
			want = batch.Failed
		}
		if it.State != want {
			t.Errorf("flow %d: %s (%s), want %s", it.ID, it.State, it.Error, want)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("checkpoint mode: %v %v", fi, err)
	}

	h, saved, err := batch.Load(path)
	if err != nil || h.Action != "pause" || len(saved) != len(items) {
		t.Fatalf("load: %+v %d %v", h, len(saved), err)
	}
	failed := 0
	for _, it := range saved {
		if !it.State.Done() {
			failed++
		}
	}
	if failed != 1 {
		t.Fatalf("checkpoint holds %d items not done, want 1: %+v", failed, saved)
	}
	seqBefore := len(e.Sim.Mutations(0))

	j, err = batch.Reopen(path)
	if err != nil {
		t.Fatal(err)
	}
	r.Journal = j
	got, err = r.Run(context.Background(), saved, true)
	if err != nil {
		t.Fatal(err)
	}
	_ = j.Remove()
	for _, it := range got {
		if it.State != batch.Applied {
			t.Errorf("after resume flow %d: %s %s", it.ID, it.State, it.Error)
		}
	}
	if sent := e.Sim.Mutations(0)[seqBefore:]; len(sent) != 1 || sent[0].Path != fmt.Sprintf("/flows/%d/pause", bad) {
		t.Errorf("the resume sent %+v, want only the failed flow's pause", sent)
	}
	applied := appliedPauses(e)
	for _, it := range items {
		if n := applied[fmt.Sprintf("/flows/%d/pause", it.ID)]; n != 1 {
			t.Errorf("flow %d paused %d times, want exactly once", it.ID, n)
		}
	}
}

// A failed item that is in fact in the wanted state is not sent again.
func TestResumeRereadsBeforeRetrying(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 1, Frozen: true, Start: start})
	items := pending(t, e, 3005)[:3]
	if _, _, err := e.Client.PauseFlow(context.Background(), items[0].ID, true); err != nil {
		t.Fatal(err)
	}
	items[0].State, items[0].Error = batch.Failed, "no answer"
	items[1].State = batch.Applied
	e.Sim.ClearMutations()
	r := batch.Runner{Target: batch.Flows{Client: e.Client, Action: "pause"}, Concurrency: 2}
	got, err := r.Run(context.Background(), items, true)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].State != batch.Unchanged || !strings.Contains(got[0].Note, "not sent again") {
		t.Errorf("re-read item: %+v", got[0])
	}
	if got[1].State != batch.Applied {
		t.Errorf("done item changed: %+v", got[1])
	}
	sent := e.Sim.Mutations(0)
	if len(sent) != 1 || sent[0].Path != fmt.Sprintf("/flows/%d/pause", items[2].ID) {
		t.Errorf("sent %+v, want only the pending item", sent)
	}
}

// A read-only client sends nothing: every item fails with the read-only
// sentence and the mutation record stays empty.
func TestReadOnlySendsNothing(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 1, Frozen: true, Start: start})
	items := pending(t, e, 3005)
	r := batch.Runner{Target: batch.Flows{Client: e.ReadOnlyClient(t), Action: "pause"}, Concurrency: 4}
	got, err := r.Run(context.Background(), items, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range got {
		if it.State != batch.Failed || it.Error != nexla.ErrReadOnly.Error() {
			t.Errorf("%+v", it)
		}
	}
	if m := e.Sim.Mutations(0); len(m) != 0 {
		t.Errorf("read-only sent %+v", m)
	}
}

func TestLoadIgnoresATornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	j, err := batch.Create(path, batch.Header{Action: "activate", Items: []batch.Item{{ID: 1, State: batch.Pending}, {ID: 2, State: batch.Pending}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Record(batch.Item{ID: 1, State: batch.Applied}); err != nil {
		t.Fatal(err)
	}
	_ = j.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`{"id":2,"sta`)
	_ = f.Close()
	h, items, err := batch.Load(path)
	if err != nil || h.Action != "activate" || items[0].State != batch.Applied || items[1].State != batch.Pending {
		t.Fatalf("%+v %+v %v", h, items, err)
	}
	if err := os.WriteFile(path, []byte(`{"version":1,"action":"pause","items":[{"id":1}]}`+"\n"+`{"id":9,"state":"applied"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := batch.Load(path); err == nil || !strings.Contains(err.Error(), "not in the batch") {
		t.Errorf("an item outside the batch: %v", err)
	}
	if _, _, err := batch.Load(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing checkpoint loaded")
	}
}

// Items not started when the context ends stay pending (a resume does them).
func TestCancelLeavesThePendingPending(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 1, Frozen: true, Start: start})
	items := pending(t, e, 3005)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := batch.Runner{Target: batch.Flows{Client: e.Client, Action: "pause"}, Concurrency: 2}
	got, err := r.Run(ctx, items, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range got {
		if it.State != batch.Pending {
			t.Errorf("%+v", it)
		}
	}
	if m := e.Sim.Mutations(0); len(m) != 0 {
		t.Errorf("sent %+v after cancel", m)
	}
}
