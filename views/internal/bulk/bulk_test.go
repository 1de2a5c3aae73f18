package bulk

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The results screen at both sizes: counts, what to do next, one row per
// flow with its result and why.
func TestResultsGolden(t *testing.T) {
	run := &Run{Action: "pause", Origin: "marked", Checkpoint: "/home/oncall/.local/state/nexla-tui/batches/pause-0123456789ab.jsonl",
		Flows: []viewkit.MarkedFlow{{ID: 800110}, {ID: 800113}, {ID: 800116}}, Kept: true,
		Items: []batch.Item{
			{ID: 800110, Name: "Partner Orders Reconciliation", State: batch.Applied},
			{ID: 800113, Name: "Warehouse Telemetry", State: batch.Failed, Error: "PUT /flows/800113/pause: 500 Internal Server Error"},
			{ID: 800116, Name: "HR Headcount Sync", State: batch.Unchanged, Note: "already PAUSED when re-read: nothing sent"},
		}}
	s := NewResults(viewtest.Deps(nil), run, nil)
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		viewtest.GoldenFrame(t, "results", sz.W, sz.H, s.View())
	}
	if sel, ok := s.Selected(); !ok || sel.RT != nexla.Flows || sel.ID != 800110 {
		t.Fatalf("selection %+v", sel)
	}
}

// The dialog warns about a rate-limited flow first, in the words of every
// pause dialog (runbook.Preflight: Nexla would refuse to activate it again),
// then lists every flow.
func TestAskWarnsAboutRateLimitedFlows(t *testing.T) {
	d := viewtest.Deps(nil)
	d.StateDir = t.TempDir()
	out := viewtest.Run(Ask(d, true, "marked", []viewkit.MarkedFlow{
		{ID: 1, Name: "a", Status: nexla.StatusActive}, {ID: 2, Name: "b", Status: nexla.StatusRateLimited}}))
	m := out[0].(ui.MutateMsg).Mutation
	e := m.Confirm.Effects
	if len(e) != 4 || !strings.HasPrefix(e[0], "WARNING: flow \"b\" (id 2) is RATE_LIMITED") || !strings.Contains(e[0], "once paused, the flow would stay paused") ||
		!strings.Contains(e[1], "(id 1): ACTIVE -> PAUSED") || !strings.HasPrefix(e[3], "checkpoint: ") {
		t.Fatalf("effects:\n%s", strings.Join(e, "\n"))
	}
}

// A batch interrupted before it ran every flow resumes from its
// checkpoint: the flows done are not sent again; the rest are re-read and
// sent once. Counted in the simulator's mutation record.
func TestInterruptedBatchResumesFromCheckpoint(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	fr, err := api.ListFlows(context.Background(), nexla.FlowListOptions{FlowsOnly: true, AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	var flows []viewkit.MarkedFlow
	for _, f := range fr.Flows {
		if f.Status == nexla.StatusActive && len(flows) < 4 {
			flows = append(flows, viewkit.MarkedFlow{ID: f.ID, Status: f.Status})
		}
	}
	d := viewtest.Deps(api)
	d.StateDir = t.TempDir()
	// Every pause of the last flow is refused until the drill is lifted.
	last := flows[len(flows)-1].ID
	if err := sm.SetFaults(sim.Faults{Drills: sim.Drills{Refuse: []sim.Refusal{{Status: 503, Method: "PUT", Path: "/flows/" + itoa(last) + "/pause"}}}}); err != nil {
		t.Fatal(err)
	}
	m := viewtest.Run(Ask(d, true, "marked", flows))[0].(ui.MutateMsg).Mutation
	run := m.Tag.(*Run)
	if _, err := m.Call(context.Background()); err == nil || !run.Kept {
		t.Fatalf("one refused: err %v, checkpoint kept %v", err, run.Kept)
	}
	if err := sm.SetFaults(sim.Faults{}); err != nil {
		t.Fatal(err)
	}
	m = viewtest.Run(Ask(d, true, "marked", flows))[0].(ui.MutateMsg).Mutation
	run = m.Tag.(*Run)
	if _, err := m.Call(context.Background()); err != nil || !run.Resumed || run.Kept {
		t.Fatalf("resume: err %v, resumed %v, kept %v", err, run.Resumed, run.Kept)
	}
	applied := map[string]int{}
	for _, x := range sm.Mutations(0) {
		if x.Applied {
			applied[x.Path]++
		}
	}
	for _, f := range flows {
		if n := applied["/flows/"+itoa(f.ID)+"/pause"]; n != 1 {
			t.Errorf("flow %d paused %d times, want once", f.ID, n)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
