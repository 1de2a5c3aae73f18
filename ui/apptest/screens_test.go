package apptest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// A first run without credentials explains the environment variables and
// offers the demo; d connects to the simulator and shows the flows tree.
func TestFirstRunOnboardingThenDemo(t *testing.T) {
	t.Parallel()
	for _, s := range sizes {
		t.Run(sizeName(s.w, s.h), func(t *testing.T) {
			t.Parallel()
			r := startAppWith(t, s.w, s.h, setup{firstRun: true})
			r.waitText("NEXLA_SERVICE_KEY", "NEXLA_API_URL")
			r.snapshot("onboarding")
			r.press("d")
			f := r.waitText("profile demo", "36 flows", "with issues", "Flow: ", "API ● 0s", "alerts 1h", "starting the demo")
			r.expireToasts("starting the demo")
			if strings.Contains(f, "NEXLA_SERVICE_KEY") {
				t.Fatalf("the onboarding text outlived the demo start:\n%s", f)
			}
			r.finish()
		})
	}
}

// A refused service key fills the pane with an authentication error that
// says what to set, and the key itself appears nowhere on screen.
func TestRefusedServiceKeyShowsAuthError(t *testing.T) {
	t.Parallel()
	const badKey = "0123456789abcdef0123456789abcdef"
	for _, s := range sizes {
		t.Run(sizeName(s.w, s.h), func(t *testing.T) {
			t.Parallel()
			r := startAppWith(t, s.w, s.h, setup{client: func(t *testing.T, env *simtest.Env) nexla.API {
				return fixedHostClient(t, env, badKey)
			}})
			f := r.waitText("Authentication failed", "API: http://nexla.sim.test/nexla-api", "retry")
			if strings.Contains(f, badKey) || strings.Contains(f, badKey[:8]) {
				t.Fatalf("the refused key is on screen:\n%s", f)
			}
			if r.env.Sim.ServiceKey() == badKey {
				t.Fatal("the 'bad' key is the simulator's own: the test proves nothing")
			}
			r.finish()
		})
	}
}

// `:` with a prefix and tab extends to the common prefix and lists the
// candidates; the frame is taken with the command line open.
func TestCommandLineCompletion(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		r.ready()
		r.press(":")
		r.typeText("de")
		r.press("tab")
		f := r.waitText(":destination")
		if !strings.Contains(f, "destinations") {
			t.Fatalf("the candidates are not listed:\n%s", f)
		}
		r.finish()
	})
}

// Below 60x15 the app says how big the terminal is and must be; growing
// it back brings the tree without a restart.
func TestTooSmallThenBack(t *testing.T) {
	t.Parallel()
	eachSize(t, func(t *testing.T, r *appRun) {
		w, h := r.w, r.h
		r.ready()
		r.resize(50, 12)
		r.waitFor("the too-small message", func(f string) bool {
			flat := strings.Join(strings.Fields(f), " ")
			return strings.Contains(flat, "50x12") && strings.Contains(flat, "60x15")
		})
		r.snapshot("too_small")
		r.resize(w, h)
		r.waitFor("the tree at full size", func(f string) bool {
			return strings.Contains(f, "36 flows") && !strings.Contains(f, "too small")
		})
		r.finish()
	})
}

// fixedHostClient is a real client whose base URL names a fixed host, so the
// URL the error pane shows is the same on every run, while every request
// still reaches the simulator's httptest server over TCP.
func fixedHostClient(t *testing.T, env *simtest.Env, key string) nexla.API {
	t.Helper()
	return fixedHost(t, env, nexla.Settings{ServiceKey: key}, nil)
}

// fixedHost is a client with settings s (its URL replaced) whose requests
// reach the simulator under the fixed host; while down reports true its
// connections are refused, as when the API stops answering.
func fixedHost(t *testing.T, env *simtest.Env, s nexla.Settings, down func() bool, opts ...nexla.Option) *nexla.Client {
	t.Helper()
	u, err := url.Parse(env.Root)
	if err != nil {
		t.Fatal(err)
	}
	dialer := &net.Dialer{}
	hc := &http.Client{Transport: &http.Transport{
		// Each request dials, so an outage is seen by the next one.
		DisableKeepAlives: down != nil,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			if down != nil && down() {
				return nil, errors.New("connection refused")
			}
			return dialer.DialContext(ctx, network, u.Host)
		},
	}}
	s.BaseURL = "http://nexla.sim.test/nexla-api"
	c, err := nexla.New(s, append([]nexla.Option{nexla.WithHTTPClient(hc)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
