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
	f := r.waitFor("the flows tree", func(f string) bool { return strings.Contains(f, "30 flows") })
	if crumbs := strings.Split(f, "\n")[1]; strings.TrimSpace(crumbs) != "Flows" {
		t.Fatalf("one esc after 25 :health should reach the root, crumbs %q", crumbs)
	}
}
