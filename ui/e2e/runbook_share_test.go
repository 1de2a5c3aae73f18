package e2e

import (
	"strings"
	"testing"
	"time"
)

// openRunbook starts the demo (seed 7: the incident org) and opens the
// runbook of flow 800012 (credential_expired) through `:flow` and `t`,
// waiting until every call is answered.
func openRunbook(t *testing.T) *tmux {
	t.Helper()
	m := startTmuxWith(t, tmuxOptions{Width: 120, Height: 40}, "demo", "--seed", "7", "--refresh", "0")
	m.waitUntil("the flows tree", func(s string) bool { return len(flowRow.FindAllString(s, -1)) >= 3 })
	m.key(":")
	for _, k := range strings.Split("flow 800012", "") {
		if k == " " {
			k = "Space"
		}
		m.key(k)
	}
	m.key("Enter")
	m.waitUntil("the flow's detail", func(s string) bool { return strings.Contains(s, "flow 800012") })
	m.key("t")
	m.waitUntil("the runbook, complete", func(s string) bool {
		return strings.Contains(s, "Runbook · flow") && strings.Contains(s, "calls answered")
	})
	return m
}

// In the run table (step 2), enter on a run opens that run's logs.
func TestRunTableEnterOpensTheRunsLogs(t *testing.T) {
	m := openRunbook(t)
	m.key("2")
	m.key("Tab")
	m.waitUntil("the run table", func(s string) bool { return strings.Contains(s, "outcome") && strings.Contains(s, "records") })
	m.key("G") // the last row: the oldest run
	m.key("Enter")
	m.waitUntil("the run's logs", func(s string) bool {
		return strings.Contains(s, "Logs · flow 800012 · run ") && strings.Contains(s, "lines") && strings.Contains(s, " SOURCE ")
	})
}

// y in the runbook copies the findings as Markdown with OSC 52; with
// set-clipboard on, tmux takes the sequence into its paste buffer.
func TestRunbookCopyReachesTheClipboardThroughTmux(t *testing.T) {
	m := openRunbook(t)
	if out, err := tmuxCmd("set-option", "-s", "set-clipboard", "on").CombinedOutput(); err != nil {
		t.Fatalf("set-clipboard on: %v: %s", err, out)
	}
	_ = tmuxCmd("delete-buffer").Run() // no buffer from an earlier test
	m.key("y")
	m.waitUntil("the copy toast", func(s string) bool { return strings.Contains(s, "copied the findings") })
	deadline := time.Now().Add(waitFor)
	for {
		out, _ := tmuxCmd("show-buffer").Output()
		buf := string(out)
		if strings.HasPrefix(buf, "# Runbook: flow 800012") && strings.Contains(buf, "**Credential expired**") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("tmux's buffer never held the findings; buffer:\n%s\nscreen:\n%s", buf, m.capture())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
