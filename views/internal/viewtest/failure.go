package viewtest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
)

// Faulty serves the demo org (as Sim does) through a fault proxy that fails
// with f every request whose path contains match, and returns Deps over a
// client of the proxy (retrying once, 1 ms later) and the proxy, whose Set
// changes the fault (simtest.NoFault: a healthy API again).
func Faulty(t testing.TB, f simtest.Fault, match string) (ui.Deps, *simtest.FaultProxy) {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 1, Start: Clock, Frozen: true})
	p := e.Faulty(t, f, match)
	return Deps(p.Client(t)), p
}

// calm are what a failed load must never read as: counts of an empty org.
var calm = regexp.MustCompile(`(^|[^0-9,])0 (rows|flows|nodes|with issues)|\bno (flows|rows)\b`)

// Flat is the plain text of a frame with its lines joined by single
// spaces, so a wrapped message reads as one sentence.
func Flat(view string) string { return strings.Join(strings.Fields(Plain(view)), " ") }

// CheckFailureShown fails unless view, a whole 80x24 frame of a screen whose
// load failed, shows each of says (what failed) and the retry key, and no
// count that would read as an empty org.
func CheckFailureShown(t *testing.T, view string, says ...string) {
	t.Helper()
	CheckSize(t, view, 80, 24)
	flat := Flat(view)
	for _, s := range append(says, "r to retry") {
		if !strings.Contains(flat, s) {
			t.Errorf("the frame does not say %q:\n%s", s, Plain(view))
		}
	}
	if m := calm.FindString(flat); m != "" {
		t.Errorf("a failed load reads as an empty org (%q):\n%s", m, Plain(view))
	}
}

// CheckFaultNamed fails unless the frame names the fault itself (the
// status, "empty body", "connection refused"), whole.
func CheckFaultNamed(t *testing.T, view string, f simtest.Fault) {
	t.Helper()
	flat := Flat(view)
	for _, e := range faultEvidence[f] {
		if strings.Contains(flat, e) {
			return
		}
	}
	t.Errorf("the frame does not name the fault (%s: any of %q):\n%s", f, faultEvidence[f], Plain(view))
}

// faultEvidence is what an error of each fault says. Unavailable and
// Unreachable may also read as the client's open circuit breaker, when
// earlier calls of the same screen tripped it.
var faultEvidence = map[simtest.Fault][]string{
	simtest.Unavailable:  {"503: Service Unavailable", breakerOpen},
	simtest.TokenRefused: {"401: Invalid or expired token"},
	simtest.EmptyAnswer:  {"200 with an empty body"},
	simtest.Unreachable:  {"connection refused", breakerOpen},
}

const breakerOpen = "API unavailable: too many consecutive failures"
