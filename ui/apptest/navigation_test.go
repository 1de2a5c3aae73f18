package apptest

import (
	"strings"
	"testing"
)

// 25 `:health` then esc reaches the Flows tree: top-level routes replace
// the stack above the root, which is never dropped.
func TestTwentyFiveHealthCommandsThenEscReachFlows(t *testing.T) {
	t.Parallel()
	r := startApp(t, 80, 24)
	r.ready()
	for i := 0; i < 25; i++ {
		r.command("health")
	}
	r.waitText("Flows › health", "Health · ")
	r.press("esc")
	// waitFor fails with the frame if the crumbs never come down to the root.
	r.waitFor("one esc to reach the root", func(f string) bool {
		lines := strings.Split(f, "\n")
		return len(lines) > 2 && strings.TrimSpace(lines[1]) == "Flows" && strings.Contains(lines[2], "Flows · 36 flows")
	})
}
