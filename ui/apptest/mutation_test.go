package apptest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// putGate holds every PUT (pause, activate) at the server until released,
// so a test can press keys while a confirmed mutation is in flight.
type putGate struct {
	arrived, release chan struct{}
	once, freed      sync.Once
}

func newPutGate() *putGate {
	return &putGate{arrived: make(chan struct{}), release: make(chan struct{})}
}

func (g *putGate) open() { g.freed.Do(func() { close(g.release) }) }

// client serves the simulator through the gate and returns a real client for it.
func (g *putGate) client(t *testing.T, env *simtest.Env) nexla.API {
	h := env.Sim.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			g.once.Do(func() { close(g.arrived) })
			select {
			case <-g.release:
			case <-r.Context().Done():
				return // the client gave up: the change never reaches the org
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(g.open) // runs first: a failed test does not leave a handler blocked
	c, err := nexla.New(nexla.Settings{BaseURL: srv.URL + "/nexla-api", ServiceKey: env.Sim.ServiceKey()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// waitArrived waits until the confirmed PUT has reached the server.
func (g *putGate) waitArrived(t *testing.T) {
	t.Helper()
	select {
	case <-g.arrived:
	case <-time.After(waitLimit):
		t.Fatal("the confirmed PUT never reached the server")
	}
}

// A refresh (`r`) while the runbook's confirmed pause is in flight does not
// cancel it: the PUT completes, the flow is paused and the outcome is shown.
// (The runbook used to run the call on its load's context: `r` cancelled
// it and the answer was dropped without a word.)
func TestRunbookPauseSurvivesRefresh(t *testing.T) {
	t.Parallel()
	g := newPutGate()
	r := startAppWith(t, 80, 24, setup{client: g.client})
	r.ready()
	r.waitText("(id " + strconv.Itoa(firstFlowID) + ")")
	r.press("t")
	r.waitText("Runbook · ", `(id `+strconv.Itoa(firstFlowID)+`)`, "Healthy")
	r.settle()
	r.press("p")
	r.waitText("Pause flow", "> No <")
	r.confirm()
	g.waitArrived(t)
	r.press("r")
	r.settle()
	g.open()
	r.waitText("flow paused")
	if got := r.env.Sim.FlowStatus(firstFlowID); got != "PAUSED" {
		t.Fatalf("the simulator says %q after a confirmed pause", got)
	}
}

// esc leaves a table screen while its confirmed pause is in flight: the PUT
// still completes and its outcome is shown on the screen now visible.
func TestPauseSurvivesLeavingTheScreen(t *testing.T) {
	t.Parallel()
	g := newPutGate()
	r := startAppWith(t, 80, 24, setup{client: g.client})
	r.ready()
	r.command("sources")
	// The listing, not the typed command line's "sources": p on an empty
	// table selects nothing, and a quiet moment before the rows arrive
	// would let it through.
	r.waitText("Sources · 35 rows")
	r.settle()
	r.press("p")
	r.waitText("Pause source", "> No <")
	r.confirm()
	g.waitArrived(t)
	r.press("esc")
	r.waitText("36 flows")
	g.open()
	r.waitText("paused source ")
}
