package apptest

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/ui"
)

// "Is it fixed now?" over the simulator: the runbook of a paused flow says
// who paused it in the activate dialog; once activated, the runbook's header
// says ACTIVE at once (it used to say PAUSED until the watched run ended).
// Leaving the runbook does not drop the watch of the next run: with the
// simulator's clock advanced, the outcome arrives as a toast on the screen
// now shown and as a terminal notification, in words that follow the
// evidence, and the runbook opened again shows the watch's timeline.
func TestWatchOfTheNextRunGoesOnAfterLeavingTheRunbook(t *testing.T) {
	t.Parallel()
	watches := ui.NewWatches()
	r := startAppWith(t, 160, 48, setup{watches: watches, terminal: ui.Terminal{Notify: ui.NotifyOSC9}})
	sc := r.env.Scenario(t, "flow_not_running")
	id := strconv.FormatInt(sc.FlowID, 10)
	r.ready()
	r.command("flow " + id)
	r.waitText("Flow "+id, "Related (")
	r.settle()
	r.press("t")
	runbookLoaded := func(f string) bool {
		return strings.Contains(f, "Runbook · ") && strings.Contains(f, "calls answered") && !strings.Contains(f, "in flight")
	}
	f := r.waitFor("the runbook", runbookLoaded)
	if !strings.Contains(f, "(id "+id+") PAUSED") {
		t.Fatalf("the scenario's flow should be paused:\n%s", f)
	}
	r.press("a")
	f = r.waitText("Activate flow", "> No <")
	flat := strings.Join(strings.Fields(strings.ReplaceAll(f, "│", " ")), " ")
	if !strings.Contains(flat, "Note: paused by ") || !strings.Contains(flat, " ago (") {
		t.Fatalf("the activate dialog does not say who paused the flow and when:\n%s", f)
	}
	r.confirm()
	r.waitText("(id " + id + ") ACTIVE")
	if rec, ok := watches.Get("flow " + id); !ok || !rec.Active() {
		t.Fatalf("no watch running after the activation: %+v", rec)
	}
	r.press("esc")
	r.waitFor("the runbook to be left", func(f string) bool { return !strings.Contains(f, "Runbook · ") })
	deadline := time.Now().Add(waitLimit)
	for {
		rec, _ := watches.Get("flow " + id)
		if rec.Done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the watch never ended: %+v", rec)
		}
		r.env.Sim.Advance(2 * time.Minute)
		r.timers.fire()
		time.Sleep(20 * time.Millisecond)
	}
	rec, _ := watches.Get("flow " + id)
	if !rec.Outcome.OK || !strings.HasPrefix(rec.Outcome.Verdict, "the next run succeeded (1 of 1 since the fix)") {
		t.Fatalf("verdict %+v", rec.Outcome)
	}
	f = r.waitText("the next run succeeded (1 of 1 since the fix)")
	if strings.Contains(f, "Runbook · ") || strings.Contains(f, "VERIFIED") {
		t.Fatalf("the outcome should reach the screen now shown, in plain words:\n%s", f)
	}
	r.press("t")
	r.waitFor("the runbook again", runbookLoaded)
	r.press("7")
	f = r.waitText("flow activated; watching for the next run", "the next run succeeded (1 of 1 since the fix)")
	if !strings.Contains(f, "run ") || !strings.Contains(f, "(id "+id+") ACTIVE") {
		t.Fatalf("the reopened runbook should show the watch's timeline:\n%s", f)
	}
	r.prog.Quit()
	r.prog.Final(t, waitLimit)
	if !strings.Contains(string(r.prog.Output()), "\x1b]9;nexla-tui the next run succeeded: ") {
		t.Fatal("no terminal notification of the outcome")
	}
}
