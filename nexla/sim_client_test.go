package nexla_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// The client against the simulator: the wire shapes there are written from
// the server's renderers, independently of this package's models.
func newSimClient(t *testing.T, o sim.Options, opts ...nexla.Option) (*nexla.Client, *sim.Sim) {
	t.Helper()
	o.Frozen = true
	e := simtest.Start(t, o, opts...)
	return e.Client, e.Sim
}

func TestAgainstSimulator(t *testing.T) {
	c, sm := newSimClient(t, sim.Options{Seed: 1})
	ctx := context.Background()
	me, err := c.WhoAmI(ctx)
	if err != nil || me.User.ID == 0 {
		t.Fatalf("whoami %+v %v", me, err)
	}
	flows, err := c.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true})
	if err != nil || len(flows.Flows) == 0 {
		t.Fatalf("flows: %v (%d)", err, len(flows.Flows))
	}
	srcs, err := c.ListSources(ctx, nexla.ListOptions{PerPage: 3})
	if err != nil || len(srcs) < len(flows.Flows)/2 {
		t.Fatalf("sources: %d, %v", len(srcs), err)
	}
	for i := 1; i < len(srcs); i++ {
		if srcs[i].ID == srcs[i-1].ID {
			t.Fatalf("duplicate source %d across pages", srcs[i].ID)
		}
	}
	for _, sc := range sm.Scenarios() {
		if sc.FlowID == 0 {
			continue
		}
		fr, err := c.GetFlow(ctx, sc.FlowID, nexla.FlowGetOptions{})
		if err != nil || len(fr.Flows) != 1 {
			t.Fatalf("scenario %s flow %d: %v", sc.Key, sc.FlowID, err)
		}
		if sc.SourceID != 0 {
			if _, err := c.GetSource(ctx, sc.SourceID, true); err != nil {
				t.Errorf("scenario %s source: %v", sc.Key, err)
			}
			if _, err := c.FlowLogs(ctx, nexla.DataSources, sc.SourceID, nexla.LogOptions{From: sm.Now().Add(-72 * time.Hour)}); err != nil {
				t.Errorf("scenario %s logs: %v", sc.Key, err)
			}
			if _, err := c.RunSummary(ctx, nexla.DataSources, sc.SourceID, nexla.RunSummaryOptions{}); err != nil {
				t.Errorf("scenario %s run summary: %v", sc.Key, err)
			}
		}
		if sc.CredentialID != 0 {
			_, err := c.ProbeCredential(ctx, sc.CredentialID)
			var ae *nexla.APIError
			switch {
			case sc.Key == "credential_unreadable":
				// The caller may not read it: 403 with an empty body (§9 #14).
				if !errors.As(err, &ae) || ae.Status != 403 {
					t.Errorf("scenario %s probe: %v, want a 403 call error", sc.Key, err)
				}
			case err != nil:
				t.Errorf("scenario %s probe: %v", sc.Key, err)
			}
		}
		if sc.NexsetID != 0 {
			if _, err := c.NexsetSamples(ctx, sc.NexsetID, nexla.SampleOptions{Count: 3}); err != nil {
				t.Errorf("scenario %s samples: %v", sc.Key, err)
			}
		}
	}
	if _, err := c.Notifications(ctx, nexla.NotificationOptions{}); err != nil {
		t.Errorf("notifications: %v", err)
	}
}

func TestSimulatorExpiredTokenReauth(t *testing.T) {
	c, sm := newSimClient(t, sim.Options{Seed: 2})
	ctx := context.Background()
	if _, err := c.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	sm.ExpireTokens()
	if _, err := c.WhoAmI(ctx); err != nil {
		t.Fatalf("after the server expired our token: %v", err)
	}
	if n := sm.FaultCounts()["tokens_issued"]; n != 2 {
		t.Fatalf("tokens issued %d, want 2", n)
	}
}

func TestSimulatorReadOnlyAndBadKey(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 3, Frozen: true})
	sm, ro := e.Sim, e.ReadOnlyClient(t)
	flowID := sm.Scenarios()[0].FlowID
	before := sm.FlowStatus(flowID)
	if _, _, err := ro.PauseFlow(context.Background(), flowID, true); !errors.Is(err, nexla.ErrReadOnly) {
		t.Fatalf("pause: %v", err)
	}
	if sm.FlowStatus(flowID) != before {
		t.Fatal("read-only pause changed the flow")
	}
	if _, _, err := e.Client.PauseFlow(context.Background(), flowID, true); err != nil || sm.FlowStatus(flowID) != nexla.StatusPaused {
		t.Fatalf("pause: %v, status %s", err, sm.FlowStatus(flowID))
	}
	bad, _ := nexla.New(nexla.Settings{BaseURL: e.URL, ServiceKey: "not-the-key-123456"})
	if _, err := bad.WhoAmI(context.Background()); !nexla.IsAuth(err) {
		t.Fatalf("bad key: %v", err)
	}
}
