package cli

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// `nexla-tui flow ID` (source, nexset, destination, credential) reads the
// id before the TUI starts: an id the API does not know is said plainly with
// exit 2; a known one goes on to the TUI (which, without a terminal here,
// says it needs one: the check passed).
func TestOpenCommandsCheckTheIDBeforeTheTUI(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Frozen: true})
	e.SetEnv(t)
	sc := e.Scenario(t, "credential_expired")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"flow", "987654321"}, "flow 987654321 not found (the API answered 404)"},
		{[]string{"source", "987654321"}, "source 987654321 not found (the API answered 404)"},
		{[]string{"nexset", "987654321"}, "nexset 987654321 not found"},
		{[]string{"destination", "987654321"}, "destination 987654321 not found"},
		{[]string{"credential", "987654321"}, "credential 987654321 not found"},
		{[]string{"flow", "stripe"}, `flow "stripe": the id must be a positive number`},
		{[]string{"flow"}, "flow takes one id, e.g. nexla-tui flow 800012"},
		{[]string{"flow", strconv.FormatInt(sc.FlowID, 10)}, "the TUI needs a terminal"},
		{[]string{"source", strconv.FormatInt(sc.SourceID, 10)}, "the TUI needs a terminal"},
		{[]string{"credential", strconv.FormatInt(sc.CredentialID, 10)}, "the TUI needs a terminal"},
	} {
		code, out, errOut := runCLI(c.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: code %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
}
