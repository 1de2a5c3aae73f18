package runbook

import (
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func runsOf(outcomes string) []Run {
	// newest first: S success, P partial (4 errors in 4,600 records), F failed
	out := make([]Run, len(outcomes))
	for i, c := range outcomes {
		r := Run{ID: int64(len(outcomes) - i), Records: 4600}
		switch c {
		case 'P':
			r.Errors = 4
		case 'F':
			r.Records, r.Errors = 0, 1
		}
		r.Outcome = Classify(r.Records, r.Errors)
		out[i] = r
	}
	return out
}

func TestRecencyOf(t *testing.T) {
	for _, c := range []struct {
		runs        string
		trend       Trend
		failed, prt int
		share       string
	}{
		{"SSSSSSSSSS", TrendHealthy, 0, 0, "0%"},
		{"SSSSSFFFFF", TrendRecovered, 5, 0, "100%"}, // the "5/10 critical" that had recovered
		{"SFFFFSSSSS", TrendRecovering, 4, 0, "100%"},
		{"FSSSSSSSSS", TrendDegrading, 1, 0, "100%"},
		{"FFSSSSSSSS", TrendFailing, 2, 0, "100%"},
		{"PPPPSSSSSS", TrendFailing, 0, 4, "<0.1%"},   // 4 errors in 4,600 records is not a 100% error rate
		{"SSSFSFSFSS", TrendRecovering, 3, 0, "100%"}, // intermittent: good runs between failures are no recovery
		{"", TrendNoRuns, 0, 0, "0%"},
	} {
		rc := RecencyOf(runsOf(c.runs))
		if rc.Trend != c.trend || rc.Failed != c.failed || rc.Partial != c.prt || SharePct(rc.ErrorShare) != c.share {
			t.Errorf("%q: %s %d failed %d partial %s, want %s %d %d %s", c.runs, rc.Trend, rc.Failed, rc.Partial, SharePct(rc.ErrorShare), c.trend, c.failed, c.prt, c.share)
		}
	}
}

func TestCronEvery(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0 */15 * * * ?": 15 * time.Minute, "0 0 */2 * * ?": 2 * time.Hour, "0 0 2 * * ?": 24 * time.Hour,
		"*/5 * * * *": 5 * time.Minute, "@hourly": time.Hour, "0 0 1 1 MON ?": 0, "": 0, "garbage": 0,
	} {
		if got := cronEvery(in); got != want {
			t.Errorf("cronEvery(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSLAFor(t *testing.T) {
	s := SLAs{Default: SLA{MaxAge: 2 * time.Hour, MinSuccessRate: 0.8},
		Flows: []SLARule{{Match: "orders-*", SLA: SLA{MaxAge: 30 * time.Minute}}, {Match: "42", SLA: SLA{MinSuccessRate: 0.99}}}}
	if got := s.For("orders-eu", 1); got.MaxAge != 30*time.Minute || got.MinSuccessRate != 0.8 {
		t.Errorf("orders-eu: %+v", got)
	}
	if got := s.For("x", 42); got.MaxAge != 2*time.Hour || got.MinSuccessRate != 0.99 {
		t.Errorf("flow 42: %+v", got)
	}
}

// One word per flow for every screen and `health -o table`: what the flow
// is doing (paused, stale, its trend) before how bad its issue is.
func TestFlowHealthWord(t *testing.T) {
	for _, c := range []struct {
		h    FlowHealth
		want string
	}{
		{FlowHealth{Severity: SeverityInfo}, "ok"},
		{FlowHealth{Severity: SeverityCritical, Trend: TrendFailing}, "failing"},
		{FlowHealth{Severity: SeverityWarning, Trend: TrendRecovering}, "recovering"},
		{FlowHealth{Severity: SeverityWarning}, "warning"},
		{FlowHealth{Severity: SeverityCritical, Status: nexla.StatusPaused, Trend: TrendFailing}, "paused"},
		{FlowHealth{Severity: SeverityCritical, Stale: true}, "stale"},
		{FlowHealth{Severity: SeverityCritical, Err: "503", Status: nexla.StatusPaused}, "unknown"},
	} {
		if got := c.h.Word(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.h, got, c.want)
		}
	}
}
