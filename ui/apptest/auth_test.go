package apptest

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// An access token that expires mid-session fills the pane with what to do
// (renew it or use a service key; r retries) and the header says "auth ✗
// token expired", never "API down" nor an empty org.
func TestExpiredAccessTokenShowsTheAuthPage(t *testing.T) {
	t.Parallel()
	r := startAppWith(t, 80, 24, setup{client: func(t *testing.T, env *simtest.Env) nexla.API {
		return fixedHost(t, env, nexla.Settings{AccessToken: env.Login(t)}, nil)
	}})
	r.ready()
	r.env.Sim.ExpireTokens()
	r.press("r")
	f := r.waitText("Access token expired", "access token expired: set NEXLA_SERVICE_KEY", "r to retry", "auth ✗ token expired")
	if strings.Contains(f, "API ✗ down") || strings.Contains(f, "0 flows") {
		t.Fatalf("an expired token must not read as an outage or an empty org:\n%s", f)
	}
	r.finish()
}

// An API that stops answering mid-session is "API ✗ down" in the header,
// not an authentication problem, and the screen keeps what it read.
func TestAPIDownIsNotAnAuthProblem(t *testing.T) {
	t.Parallel()
	var down atomic.Bool
	r := startAppWith(t, 80, 24, setup{client: func(t *testing.T, env *simtest.Env) nexla.API {
		return fixedHost(t, env, nexla.Settings{ServiceKey: env.Sim.ServiceKey()}, down.Load,
			nexla.WithRetry(1, time.Millisecond, time.Millisecond)) // the outage is seen at once
	}})
	r.ready()
	down.Store(true)
	r.press("r")
	f := r.waitText("API ✗ down")
	if strings.Contains(f, "auth ✗") || strings.Contains(f, "Authentication failed") {
		t.Fatalf("an outage must not read as bad credentials:\n%s", f)
	}
}
