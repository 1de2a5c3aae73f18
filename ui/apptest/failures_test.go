package apptest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// emptyOrg are counts that would read as an empty org over a failed load.
var emptyOrg = regexp.MustCompile(`(^|[^0-9,])0 (rows|flows|nodes|with issues)|\bno (flows|rows)\b`)

// flat joins a frame's words with single spaces, so a wrapped error reads
// as one sentence.
func flat(frame string) string { return strings.Join(strings.Fields(frame), " ") }

// At 80x24, in the whole app over real HTTP, every screen a user reaches
// while its calls fail (503 past the retries, an empty 200, a refused
// token) says what failed and how to retry, and none reads as an empty
// org; then a failed refresh of the flows tree says so first on its line.
func TestFailedLoadsAreNeverCalmAt80x24(t *testing.T) {
	t.Parallel()
	var proxy *simtest.FaultProxy
	r := startAppWith(t, 80, 24, setup{client: func(t *testing.T, env *simtest.Env) nexla.API {
		proxy = env.Faulty(t, simtest.NoFault, "")
		return proxy.Client(t)
	}})
	r.ready()
	steps := []struct {
		fault       simtest.Fault
		match, line string
		says        []string
	}{
		{simtest.Unavailable, "/data_sources", "sources", []string{"Could not load sources", "503: Service Unavailable"}},
		{simtest.EmptyAnswer, "/data_sets", "nexsets", []string{"Could not load nexsets", "200 with an empty body"}},
		{simtest.TokenRefused, "/data_sinks", "destinations", []string{"Could not load destinations", "401: Invalid or expired token"}},
		{simtest.Unavailable, "/data_credentials", "credentials", []string{"Could not load credentials", "503: Service Unavailable"}},
		// The session shares one health check, already complete from the
		// tree's start: its rows are kept, and the refresh's failure shown.
		{simtest.TokenRefused, "/flows", "health", []string{"check failed", "401"}},
		{simtest.EmptyAnswer, "/data_sources/10013", "source 10013", []string{"Could not load source 10013", "200 with an empty body"}},
		{simtest.TokenRefused, "/flows", "flow 800041", []string{"Could not load flow 800041", "401: Invalid or expired token"}},
		{simtest.TokenRefused, "/flows", "runbook", []string{"cannot read the flow", "401: Invalid or expired token"}}, // of flow 800041
		{simtest.Unavailable, "/flows", "flows", []string{"refresh failed", "GET /flows"}},
	}
	for _, st := range steps {
		proxy.Set(st.fault, st.match)
		r.command(st.line)
		if st.line == "flows" || st.line == "health" {
			r.press("r") // the screen still shows the first load's data: refresh it
		}
		f := r.waitFor(":"+st.line+" failing with "+string(st.fault), func(f string) bool {
			for _, s := range append(st.says, "r to retry") {
				if !strings.Contains(flat(f), s) {
					return false
				}
			}
			return true
		})
		checkSize(t, f, 80, 24)
		if m := emptyOrg.FindString(flat(f)); m != "" {
			t.Errorf(":%s failing with %s reads as an empty org (%q):\n%s", st.line, st.fault, m, f)
		}
	}
}
