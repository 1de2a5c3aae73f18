package apptest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
)

// openCredential opens :credentials with the filter on credential id and
// the cursor on its row.
func (r *appRun) openCredential(id int64) {
	r.command("credentials")
	r.waitText("Credentials · ")
	r.press("/")
	r.typeText(strconv.FormatInt(id, 10))
	r.press("enter")
	r.waitText("filter: " + strconv.FormatInt(id, 10) + " (1/")
}

// B marks every flow a credential breaks (the demo's 3005: the 14 of its
// blast radius) and the header counts the marks on every screen that has
// them: the credentials table, health, the blast radius. p on the blast
// radius's marks then pauses each of the 14 once, behind one confirmation.
func TestMarkEveryFlowACredentialBreaksThenPause(t *testing.T) {
	t.Parallel()
	r := startApp(t, 160, 48)
	r.ready()
	r.openCredential(3005)
	r.press("B")
	r.waitText("marked 14 flows that credential 3005 breaks", "│ 14 marked │")
	r.press("esc")
	r.waitFor("the filter cleared, the marks kept", func(f string) bool {
		return !strings.Contains(f, "filter: ") && strings.Contains(f, "│ 14 marked │")
	})

	r.command("health")
	f := r.waitText("Health · ")
	if strings.Contains(f, " marked │") {
		t.Fatalf("health has no marks yet, the header counts some:\n%s", f)
	}
	r.press("space")
	r.waitText("│ 1 marked │")

	r.command("blast 3005")
	f = r.waitText("Blast radius of credential 3005 · 14 flows", "HEALTH")
	if strings.Contains(f, " marked │") || strings.Contains(f, "checking…") {
		t.Fatalf("the blast radius opened with marks, or without the health check's verdicts:\n%s", f)
	}
	r.press("B")
	r.waitText("│ 14 marked │", "p/a: the marked flows")
	r.press("p")
	f = r.waitText("Pause 14 flows", "> No <")
	if m := r.env.Sim.Mutations(0); len(m) != 0 {
		t.Fatalf("sent before confirming: %+v", m)
	}
	// The flows to be paused: the radius's, less those already paused.
	fr, err := r.env.Client.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, fl := range nb.OfCredential(fr, 3005).Flows {
		if r.env.Sim.FlowStatus(fl.ID) != nexla.StatusPaused {
			want["/flows/"+strconv.FormatInt(fl.ID, 10)+"/pause"] = true
		}
	}
	r.confirm()
	r.waitText("Pause results", strconv.Itoa(len(want))+" applied", "0 failed")
	applied := map[string]int{}
	for _, m := range r.env.Sim.Mutations(0) {
		if m.Applied {
			applied[m.Path]++
		}
	}
	for path := range want {
		if applied[path] != 1 {
			t.Errorf("%s applied %d times, want once", path, applied[path])
		}
	}
	if len(applied) != len(want) {
		t.Errorf("applied %v, want exactly %v", applied, want)
	}
	r.finish()
}

// Read-only: B still marks (it changes nothing), and p on the marks is
// refused with the one sentence before any dialog; nothing reaches the
// simulator.
func TestMarkEveryFlowACredentialBreaksReadOnlyRefusesPause(t *testing.T) {
	t.Parallel()
	r := startAppWith(t, 160, 48, setup{readOnly: true})
	r.ready()
	r.openCredential(3005)
	r.press("B")
	r.waitText("marked 14 flows that credential 3005 breaks", "│ 14 marked │")
	r.press("p")
	f := r.waitText("read-only: pause is disabled")
	if strings.Contains(f, "Pause 14 flows") {
		t.Fatalf("a dialog opened in read-only:\n%s", f)
	}
	if m := r.env.Sim.Mutations(0); len(m) != 0 {
		t.Fatalf("read-only sent %+v", m)
	}
	r.finish()
}
