package apptest

import (
	"strconv"
	"strings"
	"testing"
)

// (4) :health ranks the seeded incidents worst first; enter opens the
// runbook of the worst one, and the frame is taken once every step has
// answered and the conclusion names the expired credential.
func TestHealthThenRunbookOfWorstFlow(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		sc := r.env.Scenario(t, "credential_expired")
		flowID := strconv.FormatInt(sc.FlowID, 10)
		r.ready()
		r.command("health")
		r.waitText("Health · 36 flows", "15 with issues")
		f := r.snapshot("overview")
		// At 80 columns the flow id column is dropped: the issue names the cause.
		if row := rowOf(f, "▶ "); !strings.Contains(row, "✗ failing") || !strings.Contains(row, "Credential expired") {
			t.Fatalf("the cursor is not on the credential-expired flow %s:\n%s", flowID, f)
		}
		r.press("enter")
		f = r.waitFor("the runbook's conclusion", func(f string) bool {
			return strings.Contains(f, "runbook flow "+flowID) && strings.Contains(f, "calls answered") &&
				!strings.Contains(f, "in flight") && !strings.Contains(f, "(so far)") &&
				strings.Contains(f, "Credential expired:")
		})
		if !strings.Contains(f, "(id "+flowID+")") {
			t.Fatalf("the runbook does not name flow %s:\n%s", flowID, f)
		}
		r.finish()
	})
}
