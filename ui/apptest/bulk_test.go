package apptest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// activeFlows are the first n active flows of the listing whose names no
// other flow's name contains (so a filter on the name finds that flow first).
func activeFlows(t *testing.T, r *appRun, n int) ([]int64, map[int64]string) {
	t.Helper()
	fr, err := r.env.Client.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	ix := fr.Index()
	names := map[int64]string{}
	for _, f := range fr.Flows {
		names[f.ID] = ix.FlowName(f)
	}
	unique := func(id int64) bool {
		for other, name := range names {
			if other != id && strings.Contains(strings.ToLower(name), strings.ToLower(names[id])) {
				return false
			}
		}
		return names[id] != ""
	}
	var out []int64
	for _, f := range fr.Flows {
		if f.Status == nexla.StatusActive && len(out) < n && unique(f.ID) {
			out = append(out, f.ID)
		}
	}
	if len(out) < n {
		t.Fatalf("the seed has %d active flows, want %d", len(out), n)
	}
	return out, names
}

// markFlow filters the tree to the flow's name, marks it with space (the
// cursor is on its origin row) and clears the filter.
func (r *appRun) markFlow(name string, marked int) {
	r.press("/")
	r.typeText(name)
	r.press("enter")
	r.settle()
	r.press("space")
	r.waitText(strconv.Itoa(marked) + " marked")
	r.press("esc")
	r.waitFor("the filter cleared", func(f string) bool { return !strings.Contains(f, "filter: ") })
}

// Marks then p: one confirmation lists every marked flow; the batch runs
// with one pause refused by the server; the results screen shows 2 applied
// and 1 failed; the simulator's mutation record shows each applied pause
// exactly once and the refused one not applied.
func TestBulkPauseOfMarkedFlowsWithOneFailing(t *testing.T) {
	t.Parallel()
	r := startApp(t, 160, 48)
	r.ready()
	ids, names := activeFlows(t, r, 3)
	for i, id := range ids {
		r.markFlow(names[id], i+1)
	}
	r.waitText("3 marked")
	refused := ids[1]
	if err := r.env.Sim.SetFaults(sim.Faults{Drills: sim.Drills{Refuse: []sim.Refusal{
		{Status: 500, Method: "PUT", Path: "/flows/" + strconv.FormatInt(refused, 10) + "/pause", Count: 1}}}}); err != nil {
		t.Fatal(err)
	}
	r.press("p")
	f := r.waitText("Pause 3 flows", "> No <")
	for _, id := range ids {
		if !strings.Contains(f, "(id "+strconv.FormatInt(id, 10)+"): ACTIVE ->") {
			t.Errorf("the dialog does not list flow %d and its effect:\n%s", id, f)
		}
	}
	if m := r.env.Sim.Mutations(0); len(m) != 0 {
		t.Fatalf("sent before confirming: %+v", m)
	}
	r.confirm()
	f = r.waitText("Pause results", "2 applied", "1 failed", "checkpoint kept")
	if !strings.Contains(rowOf(f, strconv.FormatInt(refused, 10)), "FAILED") {
		t.Errorf("the refused flow is not shown failed:\n%s", f)
	}
	applied := map[string]int{}
	for _, m := range r.env.Sim.Mutations(0) {
		if m.Applied {
			applied[m.Path]++
		}
	}
	for _, id := range ids {
		path := "/flows/" + strconv.FormatInt(id, 10) + "/pause"
		want := 1
		if id == refused {
			want = 0
		}
		if applied[path] != want {
			t.Errorf("%s applied %d times, want %d (record %+v)", path, applied[path], want, r.env.Sim.Mutations(0))
		}
	}

	// Back on the tree the marks are still there: p again resumes the
	// batch from its checkpoint; the two done flows are not touched, the
	// failed one is re-read and then paused, once.
	r.press("esc")
	r.waitText("3 marked")
	r.press("p")
	r.waitText("Pause 3 flows", "> No <")
	r.confirm()
	f = r.waitText("Pause results", "resumed from its checkpoint", "0 failed", "checkpoint is removed")
	applied = map[string]int{}
	for _, m := range r.env.Sim.Mutations(0) {
		if m.Applied {
			applied[m.Path]++
		}
	}
	for _, id := range ids {
		if n := applied["/flows/"+strconv.FormatInt(id, 10)+"/pause"]; n != 1 {
			t.Errorf("flow %d paused %d times over the two runs, want exactly once", id, n)
		}
	}
	_ = f
	r.finish()
}

// Read-only: the bulk action is refused by the shell with the one
// sentence, before any dialog, and nothing reaches the server.
func TestBulkPauseReadOnlySendsNothing(t *testing.T) {
	t.Parallel()
	r := startAppWith(t, 160, 48, setup{readOnly: true})
	r.ready()
	ids, names := activeFlows(t, r, 2)
	for i, id := range ids {
		r.markFlow(names[id], i+1)
	}
	r.waitText("2 marked")
	r.press("p")
	r.waitText("read-only: pause is disabled")
	if m := r.env.Sim.Mutations(0); len(m) != 0 {
		t.Fatalf("read-only sent %+v", m)
	}
	r.finish()
}
