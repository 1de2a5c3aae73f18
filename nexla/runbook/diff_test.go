package runbook

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Processed records=100, errors=0, size=94162", "Processed records=<n>, errors=<n>, size=<n>"},
		{"run 1732270000000 started at 2026-11-22T10:00:00.123Z", "run <n> started at <ts>"},
		{"request 3f2a9c1e-7b4d-4e8a-9f00-12ab34cd56ef failed", "request <uuid> failed"},
		{"object 0xDEADBEEF and etag 9f86d081884c7d65 mismatch", "object <hex> and etag <hex> mismatch"},
		{"Transform error in record 48213: field 'amount': cannot convert 'N/A' to decimal",
			"Transform error in record <n>: field '<v>': cannot convert '<v>' to decimal"},
		{`409 Conflict: object "orders/2026-11-22.csv" already exists`, `<n> Conflict: object "<v>" already exists`},
		{"  spaces   collapse\tand trim  ", "spaces collapse and trim"},
		// Plain words that happen to be hex letters stay words.
		{"deadbeef accepted facade", "deadbeef accepted facade"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDiffLogsKeepsOnlyNewShapes(t *testing.T) {
	ok := []nexla.LogEntry{
		{Log: "Processed records=1000, errors=0, size=5000", Severity: "INFO"},
		{Log: "Run 1732270000000 finished in 41 s", Severity: "INFO"},
	}
	failed := []nexla.LogEntry{
		{Log: "Processed records=0, errors=40, size=0", Severity: "INFO"},
		{Log: "Run 1732273600000 finished in 3 s", Severity: "INFO"},
		{Log: "Connection timed out after 30000 ms reading from db1", Severity: "ERROR", ResourceType: "SOURCE"},
		{Log: "Connection timed out after 30000 ms reading from db2", Severity: "ERROR", ResourceType: "SOURCE"},
		{Log: "giving up", Severity: "WARNING"},
	}
	d := DiffLogs(failed, ok)
	if len(d) != 2 {
		t.Fatalf("want 2 new shapes (counts and run ids normalise away), got %d: %+v", len(d), d)
	}
	if d[0].Count != 2 || d[0].Resource != "SOURCE" || d[0].Example != failed[2].Log {
		t.Fatalf("most frequent first with its first example: %+v", d[0])
	}
	if d[0].Pattern != "Connection timed out after <n> ms reading from db<n>" {
		t.Fatalf("pattern %q", d[0].Pattern)
	}
}

func TestClassifyAndStats(t *testing.T) {
	for _, c := range []struct {
		rec, errs int64
		want      Outcome
	}{{10, 0, OutcomeSuccess}, {0, 0, OutcomeSuccess}, {0, 3, OutcomeFailed}, {7, 3, OutcomePartial}} {
		if got := Classify(c.rec, c.errs); got != c.want {
			t.Errorf("Classify(%d,%d)=%s want %s", c.rec, c.errs, got, c.want)
		}
	}
	runs := []Run{{ID: 5, Outcome: OutcomeFailed}, {ID: 4, Outcome: OutcomePartial}, {ID: 3, Outcome: OutcomeSuccess}, {ID: 2, Outcome: OutcomeFailed}}
	s := Stats(runs)
	if s.Failed != 3 || s.Partial != 1 || s.Streak != 2 || s.StreakStart.ID != 4 || s.LastSuccess.ID != 3 || s.OldestFailure.ID != 2 || s.ErrorRate != 0.75 {
		t.Fatalf("stats %+v", s)
	}
}
