package runbook

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// At 80 columns the detail pane wraps at word boundaries, so the answer of
// a step (a failed probe's message, the successful run's numbers) is never
// cut at the right edge; w switches to truncation and back.
func TestNarrowDetailWrapsInsteadOfCutting(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	s := open(t, d, nexla.Flows, sc.FlowID, 80, 24)
	s.Update(viewtest.Key("5"))
	v := viewtest.Plain(s.View())
	for _, want := range []string{"probe OK", "probe", "FAILED: 403 Access denied", "refresh token", "revoked)"} {
		if !strings.Contains(v, want) {
			t.Fatalf("step 5 at 80x24 lost %q:\n%s", want, v)
		}
	}
	s.Update(viewtest.Key("tab"))
	s.Update(viewtest.Key("w"))
	if v := viewtest.Plain(s.View()); strings.Contains(v, "probe OK") {
		t.Fatalf("w should switch the pane to truncated lines:\n%s", v)
	}
	s.Update(viewtest.Key("w"))
	s.Update(viewtest.Key("esc"))
	s.Update(viewtest.Key("4"))
	v = viewtest.Plain(s.View())
	for _, want := range []string{"successful", "records", "duration", "2026-11-22"} {
		if !strings.Contains(v, want) {
			t.Fatalf("step 4 at 80x24 lost %q:\n%s", want, v)
		}
	}
}

func TestDailyBarsScaleEachSeriesToItsMaximum(t *testing.T) {
	if got := bar(8, 8, 4); got != "████" {
		t.Errorf("full bar %q", got)
	}
	if got := bar(1, 8, 4); got != "▌   " {
		t.Errorf("an eighth of the maximum over 4 cells is half a cell: %q", got)
	}
	if got := bar(1, 1000, 4); got != "▏   " {
		t.Errorf("a tiny non-zero value must stay visible: %q", got)
	}
	if got := bar(0, 8, 4); got != "    " {
		t.Errorf("zero draws nothing: %q", got)
	}
	lines := dailyBars([]rb.DailyPoint{{Day: "2026-11-21", Records: 100, Errors: 0}, {Day: "2026-11-22", Records: 10, Errors: 5}}, 54)
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "11-21 ████████████") || !strings.Contains(lines[2], "██████████") {
		t.Fatalf("bars:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 54 {
			t.Fatalf("line of %d cells at width 54: %q", n, l)
		}
	}
}
