package runbook

import (
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// A run longer than the SLA's max run duration is a finding that makes the
// flow unhealthy; without the SLA the same runs are healthy, and a per-flow
// rule (by name pattern) overrides the profile's threshold.
func TestMaxRunDurationIsAFinding(t *testing.T) {
	f := baseFacts()
	newest := f.RunMetrics[resKey{nexla.DataSources, 11}][0].RunID
	start := time.UnixMilli(newest).UTC()
	f.RunTimes[newest] = [2]time.Time{start, start.Add(50 * time.Minute)}
	if rep := Analyze(f); !rep.Healthy() || rep.Top().Cause != CauseHealthy {
		t.Fatalf("no SLA: a 50-minute run is fine, got %s", rep.Top().Cause)
	}
	f.Opts.SLA = SLAs{Default: SLA{MaxRunDuration: 30 * time.Minute}}
	rep := Analyze(f)
	if top := rep.Top(); rep.Healthy() || top.Cause != CauseSlowRun || top.Severity != SeverityWarning ||
		!strings.Contains(top.Sentence, "longer than the SLA's max run duration of 30m") || !strings.Contains(top.Sentence, "50m") {
		t.Fatalf("SLA 30m: healthy=%v top %s %q", rep.Healthy(), top.Cause, top.Sentence)
	}
	f.Opts.SLA.Flows = []SLARule{{Match: "ord*", SLA: SLA{MaxRunDuration: time.Hour}}}
	if rep := Analyze(f); !rep.Healthy() {
		t.Fatalf("the flow's own rule (1h) overrides the profile's 30m: %s %q", rep.Top().Cause, rep.Top().Sentence)
	}
}

// A run still going past the limit is a finding too (the flow PROCESSING,
// its newest run started, by its id, longer ago than the limit).
func TestRunStillGoingPastTheSLA(t *testing.T) {
	f := baseFacts()
	f.Origin.RuntimeStatus = nexla.RuntimeProcessing
	f.Opts.SLA = SLAs{Default: SLA{MaxRunDuration: 30 * time.Minute}}
	rep := Analyze(f)
	if top := rep.Top(); top.Cause != CauseSlowRun || !strings.Contains(top.Sentence, "has been going for 1h") {
		t.Fatalf("got %s %q", top.Cause, top.Sentence)
	}
	f.Origin.RuntimeStatus = "IDLE"
	if rep := Analyze(f); !rep.Healthy() {
		t.Fatalf("an idle flow's newest run is over: %s", rep.Top().Cause)
	}
}

// The health overview dates the failed run from the logs it read, so its
// row checks the max run duration as the runbook does; it also names the
// node the run failed at.
func TestHealthRowChecksRunDurationAndNamesTheFailingNode(t *testing.T) {
	f := singleRunFacts(4, transformLine)
	f.Opts.SLA = SLAs{Default: SLA{MaxRunDuration: 30 * time.Minute}}
	f.FailedLogs = append(f.FailedLogs, nexla.LogEntry{Timestamp: f.FailedRunID + int64(50*time.Minute/time.Millisecond),
		ResourceType: "DATASET", ResourceID: 22, Severity: "INFO", Log: "done", RunID: f.FailedRunID})
	h, _ := healthRow(f, nil, false)
	if !strings.Contains(strings.Join(h.Issues, "\n"), "longer than the SLA's max run duration of 30m") {
		t.Fatalf("issues %q", h.Issues)
	}
	if len(h.FailingAt) != 1 || h.FailingAt[0].RT != nexla.DataSets || h.FailingAt[0].ID != 22 || h.FailingAt[0].Errors != 40 {
		t.Fatalf("failing at %+v, want nexset 22 with 40 errors", h.FailingAt)
	}
}
