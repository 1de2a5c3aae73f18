package simtest_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

func TestEnvServesClientsEnvAndRawCalls(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 2, Frozen: true})
	ctx := context.Background()
	if me, err := e.Client.WhoAmI(ctx); err != nil || me.User.ID == 0 {
		t.Fatalf("whoami through %s: %+v %v", e.URL, me, err)
	}
	sc := e.Scenario(t, "credential_expired")
	if _, _, err := e.ReadOnlyClient(t).PauseFlow(ctx, sc.FlowID, true); !errors.Is(err, nexla.ErrReadOnly) {
		t.Errorf("read-only pause: %v", err)
	}
	if _, err := e.NewClient(t).GetFlow(ctx, sc.FlowID, nexla.FlowGetOptions{FlowsOnly: true}); err != nil {
		t.Errorf("second client: %v", err)
	}
	resp, body := e.Call(t, http.MethodGet, "/nexla-api/users/current", "")
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Errorf("raw call: %d %s", resp.StatusCode, body)
	}
	e.SetEnv(t)
	if os.Getenv("NEXLA_API_URL") != e.URL || os.Getenv("NEXLA_SERVICE_KEY") != e.Sim.ServiceKey() ||
		os.Getenv("NEXLA_ACCESS_TOKEN") != "" || os.Getenv("XDG_CONFIG_HOME") == "" {
		t.Errorf("SetEnv left %q %q", os.Getenv("NEXLA_API_URL"), os.Getenv("XDG_CONFIG_HOME"))
	}
}

func TestEnvServesTheOtherIdentities(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 2, Frozen: true})
	ctx := context.Background()
	for name, org := range map[string]int64{"collaborator": 7, "empty_org": 8} {
		me, err := e.ClientAs(t, name).WhoAmI(ctx)
		if err != nil || me.Org == nil || me.Org.ID != org || me.User.ID == 0 {
			t.Errorf("%s: whoami %+v %v", name, me, err)
		}
	}
	e.SetEnvAs(t, "empty_org")
	if os.Getenv("NEXLA_SERVICE_KEY") == e.Sim.ServiceKey() || os.Getenv("NEXLA_API_URL") != e.URL {
		t.Errorf("SetEnvAs left the demo key")
	}
}
