package apptest

import (
	"strings"
	"testing"
)

// :notifications lists the alerts the runs raised, newest first; l keeps
// the ERRORs, and enter opens the runbook of the resource the alert names.
func TestNotificationsThenRunbookOfTheAlert(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		r.command("notifications")
		r.waitText("Notifications · ", "level all (l)", "updated just now")
		r.snapshot("list")
		r.press("l")
		f := r.waitText("level ERROR (l)")
		row := rowOf(f, "▶ ")
		if !strings.Contains(row, "ERROR") {
			t.Fatalf("l should keep the ERRORs:\n%s", f)
		}
		fields := strings.Fields(row)
		// "▶ 4m ago ERROR source 10004 ...": the resource is the 5th and 6th words.
		res := fields[4] + " " + fields[5]
		r.press("enter")
		// The failure point lists the resource's notifications: the alert
		// the engineer started from is in the runbook.
		f = r.waitFor("the runbook of "+res+" with its notifications", func(f string) bool {
			return strings.Contains(f, "runbook "+res) && strings.Contains(f, "notifications of "+fields[4])
		})
		if !strings.Contains(f, "Flows › notifications › runbook "+res) {
			t.Fatalf("the crumbs do not lead back to the notifications:\n%s", f)
		}
	})
}

// :actions lists what this session changed: the pause confirmed on the
// flows tree, when, and its outcome.
func TestActionsListsThisSessionsChanges(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		r.command("actions")
		r.waitText("Actions · this session", "nothing changed yet")
		r.press("esc")
		r.waitText("Flows · 36 flows")
		r.press("p")
		r.waitText("> No <")
		r.confirm()
		r.waitFor("PAUSED on the flow's row", func(f string) bool {
			row := treeSide(rowOf(f, "▶ "))
			return strings.Contains(row, "PAUSED") && !strings.Contains(row, "pending")
		})
		r.expireToasts("paused flow")
		r.command("actions")
		r.waitText("Actions · this session", "1 change, 0 failed", "pause", "done", "paused flow 800012")
		f := r.snapshot("after_pause")
		if r.w >= 120 && !strings.Contains(f, `flow "HubSpot Contacts" (id 800012)`) {
			t.Fatalf("the log does not name what was paused:\n%s", f)
		}
		r.finish()
	})
}
