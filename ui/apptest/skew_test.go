package apptest

import (
	"regexp"
	"strconv"
	"testing"
	"time"
)

// inFuture is a relative time ahead of now ("in 34m").
var inFuture = regexp.MustCompile(`\bin \d+[smhd]\b`)

// A jump host an hour behind the server (the server's Date header an hour
// ahead): relative times are measured on the server's clock, so the newest
// runs are minutes ago, never "in 34m", in the flows tree and the runbook.
func TestServerClockAheadShowsNoFutureTimes(t *testing.T) {
	t.Parallel()
	r := startAppWith(t, 160, 48, setup{skew: time.Hour})
	f := r.waitText("36 flows", "Flow: ", "alerts 1h")
	if m := inFuture.FindString(f); m != "" {
		t.Fatalf("the flows tree shows %q:\n%s", m, f)
	}
	sc := r.env.Scenario(t, "credential_expired")
	id := strconv.FormatInt(sc.FlowID, 10)
	r.command(id)
	f = r.waitFor("the runbook's conclusion", runbookDone(id))
	if m := inFuture.FindString(f); m != "" {
		t.Fatalf("the runbook shows %q:\n%s", m, f)
	}
}
