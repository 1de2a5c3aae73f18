package apptest

import (
	"context"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// boxText is the frame's words with the dialog's borders dropped, so a
// wrapped note reads as one sentence.
func boxText(frame string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ").Replace(frame)), " ")
}

// filterTo filters the screen to name (the cursor lands on its first row).
func (r *appRun) filterTo(name string) {
	r.press("/")
	r.typeText(name)
	r.press("enter")
	r.settle()
}

// The flows tree's dialogs say what the runbook's say (one preflight):
// pausing the rate-capped flow warns that Nexla would refuse to activate it
// again, and activating the paused flow says who paused it and when, read
// from the audit log. Goldens of both dialogs at both sizes.
func TestTreeDialogsWarnAndSayWhoPausedIt(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		ctx := context.Background()
		for _, c := range []struct{ scenario, key, title, says string }{
			{"rate_limited", "p", "Pause flow", "once paused, the flow would stay paused"},
			{"flow_not_running", "a", "Activate flow", "paused by "},
		} {
			fr, err := r.env.Client.GetFlow(ctx, r.env.Scenario(t, c.scenario).FlowID, nexla.FlowGetOptions{})
			if err != nil || len(fr.Flows) == 0 {
				t.Fatalf("%s: %v", c.scenario, err)
			}
			r.filterTo(fr.Flows[0].Name)
			r.press(c.key)
			f := r.waitText(c.title, "> No <")
			if !strings.Contains(boxText(f), c.says) {
				t.Errorf("%s: the dialog lacks %q:\n%s", c.scenario, c.says, f)
			}
			r.snapshot(c.scenario)
			r.press("esc")
			r.waitFor("the dialog closed", func(f string) bool { return !strings.Contains(f, "> No <") })
			r.press("esc")
			r.waitFor("the filter cleared", func(f string) bool { return !strings.Contains(f, "filter: ") })
		}
		r.finish()
	})
}

// The sources table's activate dialog of the paused source says who paused
// it and when, as the tree's and the runbook's do.
func TestTableActivateDialogSaysWhoPausedIt(t *testing.T) {
	t.Parallel()
	r := startApp(t, 80, 24)
	openTable(t, r, "sources", "Sources", nexla.DataSources)
	src, err := r.env.Client.GetSource(context.Background(), r.env.Scenario(t, "flow_not_running").SourceID, false)
	if err != nil {
		t.Fatal(err)
	}
	r.filterTo(src.Name)
	r.press("a")
	f := r.waitText("Activate source", "> No <", "paused by ")
	if !strings.Contains(boxText(f), " ago (") {
		t.Errorf("the dialog does not say when:\n%s", f)
	}
	r.finish()
}
