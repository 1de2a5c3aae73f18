package apptest

import (
	"strconv"
	"strings"
	"testing"
)

// runbookDone is true once the runbook of flowID has every answer and names
// its conclusion.
func runbookDone(flowID string) func(string) bool {
	return func(f string) bool {
		return strings.Contains(f, "runbook flow "+flowID) && strings.Contains(f, "calls answered") &&
			!strings.Contains(f, "in flight") && !strings.Contains(f, "(so far)") && strings.Contains(f, "Credential expired:")
	}
}

// `:800012` (the id an alert or a colleague pasted) finds what the id is and
// opens it where the page points: a flow's runbook.
func TestGotoBareIDOpensTheFlowsRunbook(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		sc := r.env.Scenario(t, "credential_expired")
		flowID := strconv.FormatInt(sc.FlowID, 10)
		r.ready()
		r.command(flowID)
		r.waitFor("the runbook's conclusion", runbookDone(flowID))
		r.expireToasts("looking up")
		r.finish()
	})
}

// The other shapes of `:`: a resource's bare id opens its detail, a pasted
// console URL opens what it names, `:flow <name>` finds the flow by name,
// and an id nobody has says so (never a silent nothing).
func TestGotoResourceIDURLAndFlowName(t *testing.T) {
	t.Parallel()
	r := startApp(t, 160, 48)
	sc := r.env.Scenario(t, "credential_expired")
	r.ready()
	r.command(strconv.FormatInt(sc.SourceID, 10))
	r.waitText("Flows › source "+strconv.FormatInt(sc.SourceID, 10), "HubSpot Contacts")
	r.press("esc")
	r.command("https://dataops.nexla.io/#/flows/" + strconv.FormatInt(sc.FlowID, 10) + "/nexsets/" + strconv.FormatInt(sc.NexsetID, 10))
	r.waitText("Flows › nexset " + strconv.FormatInt(sc.NexsetID, 10))
	r.press("esc")
	r.command("flow hubspot contacts")
	r.waitText("Flows › flow " + strconv.FormatInt(sc.FlowID, 10))
	r.press("esc")
	r.command("987654321")
	r.waitText("no flow, source, nexset, destination or credential you can see has id 987654321")
	r.command("https://dataops.nexla.io/#/dashboard")
	r.waitText("no flow or resource id in the URL")
}
