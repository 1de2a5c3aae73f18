package apptest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// firstFlowID is the origin of the first flow in the tree (seed 1): the
// worst by the health model (its credential expired, every run fails),
// which the tree opens on, as :health does.
const firstFlowID = 800012

// rowOf returns the line of frame that holds text (the tree or table row),
// or "".
func rowOf(frame, text string) string {
	for _, l := range strings.Split(frame, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

// treeSide cuts the preview pane off a row when it sits beside the tree.
func treeSide(row string) string {
	if i := strings.Index(row, "│"); i >= 0 {
		return row[:i]
	}
	return row
}

// (1) Start: the flows tree, its summary and the preview of the first flow.
func TestStartShowsFlowsTree(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		flows, err := r.env.Client.ListFlows(context.Background(), flowsOnly())
		if err != nil {
			t.Fatal(err)
		}
		want := strconv.Itoa(len(flows.Flows)) + " flows"
		f := r.waitText(want, "with issues", "Flow: ", "(id "+strconv.Itoa(firstFlowID)+")", "alerts 1h")
		if !strings.Contains(rowOf(f, "▶ "), "src HubSpot Contacts") {
			t.Fatalf("the cursor is not on the first flow's source:\n%s", f)
		}
		// At 80 columns the header's last item, the user, is cut.
		if !strings.Contains(f, "user Ril") || !strings.Contains(f, "org Acme Retail") {
			t.Fatalf("the header does not name the simulator's user and org:\n%s", f)
		}
		r.finish()
	})
}

// (6) p opens the confirm dialog with focus on No; Enter there cancels and
// the simulator still runs the flow; p then y pauses it, and the tree
// reloads from the server and shows PAUSED.
func TestPauseFlowNeedsConfirmation(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		r.waitText("(id " + strconv.Itoa(firstFlowID) + ")")
		if got := r.env.Sim.FlowStatus(firstFlowID); got != "ACTIVE" {
			t.Fatalf("the test needs an active first flow, the simulator says %q", got)
		}
		r.press("p")
		r.waitText("Pause flow", "> No <")
		f := r.snapshot("confirm")
		if !strings.Contains(f, `flow "HubSpot Contacts" (id 800012)`) {
			t.Fatalf("the dialog does not name the flow and its id:\n%s", f)
		}
		r.press("enter")
		r.waitFor("the dialog to close", func(f string) bool { return !strings.Contains(f, "> No <") })
		r.settle()
		if got := r.env.Sim.FlowStatus(firstFlowID); got != "ACTIVE" {
			t.Fatalf("Enter on No must not pause: the simulator says %q", got)
		}
		r.press("p")
		r.waitText("> No <")
		r.confirm()
		f = r.waitFor("PAUSED on the flow's row", func(f string) bool {
			row := treeSide(rowOf(f, "▶ "))
			return strings.Contains(row, "PAUSED") && !strings.Contains(row, "pending") &&
				strings.Contains(f, "Status: PAUSED")
		})
		if got := r.env.Sim.FlowStatus(firstFlowID); got != "PAUSED" {
			t.Fatalf("the screen says PAUSED but the simulator says %q:\n%s", got, f)
		}
		r.finish()
	})
}

// --read-only: the header carries the badge, p says why it is refused
// instead of asking, and the simulator still runs the flow.
func TestReadOnlyRefusesPause(t *testing.T) {
	t.Parallel()
	for _, s := range sizes {
		t.Run(sizeName(s.w, s.h), func(t *testing.T) {
			t.Parallel()
			r := startAppWith(t, s.w, s.h, setup{readOnly: true})
			// The badge comes right after the title, so no terminal width
			// that the app supports can cut it.
			if !strings.Contains(strings.Split(r.ready(), "\n")[0], "[READ-ONLY]") {
				t.Fatal("no whole [READ-ONLY] badge in the header")
			}
			r.press("p")
			f := r.waitText("read-only")
			if strings.Contains(f, "> No <") {
				t.Fatalf("read-only opened the confirm dialog:\n%s", f)
			}
			r.settle()
			if got := r.env.Sim.FlowStatus(firstFlowID); got != "ACTIVE" {
				t.Fatalf("read-only but the simulator says %q", got)
			}
			r.finish()
		})
	}
}

// (5) ? opens the full help over the flows tree.
func TestHelpOverlay(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		r.press("?")
		f := r.waitText("Global keys", "Flows keys", "debug log: /tmp/nexla-tui/debug.log")
		// 160x48 has room for the command list; at 80x24 the overlay
		// scrolls, says where it is, and G reaches the commands.
		if r.h >= 48 && !strings.Contains(f, ":sources") {
			t.Fatalf("the help at %dx%d lacks the command list:\n%s", r.w, r.h, f)
		}
		if r.h < 48 {
			if !strings.Contains(f, "lines 1-") {
				t.Fatalf("the scrolled help does not say where it is:\n%s", f)
			}
			r.press("G")
			f = r.waitText(":sources", ":quit", "debug log: /tmp/nexla-tui/debug.log")
		}
		r.finish()
	})
}

// flowsOnly lists every flow the way the tree does (collaborator: all the
// caller can see), without the resource bodies.
func flowsOnly() nexla.FlowListOptions {
	return nexla.FlowListOptions{FlowsOnly: true, AccessRole: "collaborator"}
}
