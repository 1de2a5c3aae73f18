package runbook

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// singleRunFacts is baseFacts as the health overview sees it after its log
// read: the newest n runs failed at nexset 22, whose failed run logged line;
// only that run's logs were read, no 7-day window, no probe.
func singleRunFacts(n int, line string) *Facts {
	f := baseFacts()
	delete(f.Probes, 100) // the overview judges credentials by verified_status
	ds := resKey{nexla.DataSets, 22}
	failRuns(f, ds, n, 0)
	f.SingleRunLogs = true
	f.FailedLogs = append(f.FailedLogs, nexla.LogEntry{Timestamp: f.FailedRunID + 1000, ResourceType: "DATASET", ResourceID: 22,
		Severity: "ERROR", Log: line, RunID: f.FailedRunID})
	return f
}

const transformLine = "Transform error in record 48213: field 'amount': cannot convert 'N/A' to decimal"

// One run's transform error names the cause when every recent failure
// happened at the nexset that logged it, with medium confidence (the runbook,
// with its window, says high).
func TestHealthRowNamesALogCauseWithLessConfidence(t *testing.T) {
	h, wantsAudit := healthRow(singleRunFacts(4, transformLine), nil, false)
	if h.Cause != CauseTransformError || h.Severity != SeverityCritical || h.Confidence != ConfidenceMedium {
		t.Fatalf("got %s %s %s, want transform_error critical medium; issues %q", h.Cause, h.Severity, h.Confidence, h.Issues)
	}
	if !strings.HasPrefix(h.Issues[0], "a transform fails: Transform error in record 48213") {
		t.Errorf("first issue %q", h.Issues[0])
	}
	// The transform rule cites the change that started the failures, so the
	// overview should read the audit logs for it, and then cite it.
	if !wantsAudit {
		t.Fatal("a transform error with no audit read should ask for the audit logs")
	}
	f := singleRunFacts(4, transformLine)
	audit(f, resKey{nexla.DataSets, 22}, 4.5, "transform")
	h, wantsAudit = healthRow(f, nil, true)
	if wantsAudit || !strings.Contains(h.Issues[0], "all since the transform changed on 2026-11-22 07:30") {
		t.Fatalf("with the audit read: wantsAudit=%v, issue %q", wantsAudit, h.Issues[0])
	}
	// Reading every run's logs, the runbook is more sure of the same cause.
	f = singleRunFacts(4, transformLine)
	f.SingleRunLogs = false
	if top := Analyze(f).Top(); top.Cause != CauseTransformError || top.Confidence != ConfidenceHigh {
		t.Fatalf("runbook: %s %s", top.Cause, top.Confidence)
	}
}

// When the failed runs failed at different resources, one run's lines cannot
// say they share a cause: the log rule drops to a low-confidence warning and
// the error rate is the cause, as the runbook would conclude from its window.
func TestHealthRowDoesNotGuessFromOneRunOfMixedFailures(t *testing.T) {
	f := singleRunFacts(3, transformLine)
	src := resKey{nexla.DataSources, 11}
	f.RunMetrics[src][6].Errors, f.RunMetrics[src][6].Records = 5, 0
	h, wantsAudit := healthRow(f, nil, false)
	if h.Cause != CauseHighErrorRate || h.Confidence != ConfidenceMedium {
		t.Fatalf("got %s %s, want high_error_rate medium; issues %q", h.Cause, h.Confidence, h.Issues)
	}
	if len(h.Issues) != 2 || !strings.HasPrefix(h.Issues[1], "a transform fails") {
		t.Errorf("the transform error should follow as a lesser issue: %q", h.Issues)
	}
	if wantsAudit {
		t.Error("the error-rate rule reads no config changes: no audit read is needed")
	}
	a := &analysis{f: f, r: &Report{Runs: mergeRuns(f.RunMetrics, nil, nil, 10)}}
	a.r.Stats = Stats(a.r.Runs)
	m := a.matchLogs(reTransf)
	if m.consistent() || m.confidence() != ConfidenceLow || !strings.Contains(strings.Join(m.evidence, "\n"), `3 of the 4 runs with errors of the last 10 had them at nexset "orders clean" (id 22)`) {
		t.Errorf("mixed failures: consistent=%v confidence=%s evidence %q", m.consistent(), m.confidence(), m.evidence)
	}
}

// A log line that does not say which resource logged it cannot be matched
// to where the runs failed: no cause is named from it.
func TestHealthRowIgnoresALineWithoutItsResource(t *testing.T) {
	f := singleRunFacts(4, transformLine)
	f.FailedLogs[0].ResourceID = 0
	if h, _ := healthRow(f, nil, false); h.Cause != CauseHighErrorRate {
		t.Fatalf("got %s, want high_error_rate; issues %q", h.Cause, h.Issues)
	}
}

// A timeout cites no config change, so it never costs an audit read.
func TestHealthRowAsksForAuditOnlyWhenTheCauseReadsChanges(t *testing.T) {
	h, wantsAudit := healthRow(singleRunFacts(4, "Connection timed out after 30000 ms reading from db.internal:5432"), nil, false)
	if h.Cause != CauseNetworkTimeout || wantsAudit {
		t.Fatalf("got %s, wantsAudit=%v", h.Cause, wantsAudit)
	}
}

// A paused flow whose newest status change in the audit was an activation
// (the pause itself not recorded) names nobody as having paused it; one
// whose newest change was the pause names who paused it.
func TestHealthRowNamesWhoPausedOnlyFromAPause(t *testing.T) {
	src := resKey{nexla.DataSources, 11}
	for _, c := range []struct {
		to, wantBy string
	}{{"ACTIVE", ""}, {"PAUSED", "ops@example.com"}} {
		f := baseFacts()
		f.Origin.Status = nexla.StatusPaused
		f.Audit[src] = append(f.Audit[src], nexla.AuditEntry{Event: "update", OwnerEmail: "ops@example.com",
			ObjectChanges: map[string]json.RawMessage{"status": json.RawMessage(`["X","` + c.to + `"]`)},
			CreatedAt:     nexla.Time{Time: testNow.Add(-time.Hour)}})
		h, _ := healthRow(f, nil, true)
		if h.PausedBy != c.wantBy || h.PausedAt.IsZero() != (c.wantBy == "") {
			t.Errorf("newest status change to %s: paused by %q at %s", c.to, h.PausedBy, h.PausedAt)
		}
	}
}
