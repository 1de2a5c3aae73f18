package runbook_test

import (
	"context"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// throttledProbes is the real client whose probe calls fail the way our own
// rate limit does: the call fails, the credential is not known to be broken.
type throttledProbes struct{ nexla.API }

func (throttledProbes) ProbeCredential(context.Context, int64) (*nexla.ProbeResult, error) {
	return nil, &nexla.APIError{Kind: nexla.KindRateLimit, Method: "GET", Path: "/data_credentials/1/probe", Status: 429, RetryAfter: time.Second}
}

// A probe call that fails (429) must not make a healthy flow's credential
// look expired: the step says the call failed, the top finding stays healthy.
func TestFailedProbeCallIsNotAFailingCredential(t *testing.T) {
	s, c := newSim(t, sim.Faults{})
	var healthy sim.Scenario
	for _, sc := range s.Scenarios() {
		if sc.Key == "healthy" {
			healthy = sc
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, f := runbook.Diagnose(ctx, throttledProbes{c}, runbook.Target{RT: nexla.Flows, ID: healthy.FlowID}, opts(s))
	for id, p := range f.Probes {
		if p.HTTPStatus == 429 || (!p.OK && p.HTTPStatus != 0) {
			t.Errorf("probe of credential %d recorded as a credential failure: %+v", id, p)
		}
	}
	if len(r.Findings) == 0 || r.Findings[0].Cause == runbook.CauseCredentialExpired {
		t.Fatalf("a throttled probe call was diagnosed as %+v", r.Findings)
	}
}
