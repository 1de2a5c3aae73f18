package runbook

import (
	"testing"
	"time"
)

// snapshotCheck is a running check holding n judged rows, built in place
// (no run): Snapshot's sharing is about its own bookkeeping only.
func snapshotCheck(rowsEvery time.Duration, n int) *HealthCheck {
	h := &HealthCheck{o: HealthOptions{RowsEvery: rowsEvery}}
	for i := range n {
		h.checked = append(h.checked, checkedFlow{row: FlowHealth{FlowID: int64(i + 1), Cause: CauseHealthy}})
		h.final = append(h.final, true)
	}
	h.version = n
	return h
}

// While a check runs, readers polling it within RowsEvery share one sorted
// copy of the rows (the tree and `:health` each held their own, about 10 MB
// at 30,000 flows), with current counts; once the check is complete, every
// snapshot has every row. Without RowsEvery, every change is sorted anew.
func TestSnapshotsShareTheSortedRowsWhileRunning(t *testing.T) {
	h := snapshotCheck(time.Hour, 3)
	first := h.Snapshot()
	h.checked = append(h.checked, checkedFlow{row: FlowHealth{FlowID: 4, Cause: CauseHealthy}})
	h.final = append(h.final, true)
	h.version++
	second := h.Snapshot()
	if &second.Rows[0] != &first.Rows[0] || second.Version != first.Version {
		t.Fatal("a snapshot within RowsEvery sorted the rows again")
	}
	if second.Total != 4 || second.Checked != 4 {
		t.Fatalf("counts %d / %d, want the current 4 / 4", second.Checked, second.Total)
	}
	h.complete = true
	h.version++
	if done := h.Snapshot(); len(done.Rows) != 4 || done.Version == first.Version {
		t.Fatalf("complete: %d rows (version %d), want all 4 sorted anew", len(done.Rows), done.Version)
	}

	every := snapshotCheck(0, 3)
	a := every.Snapshot()
	every.version++
	if b := every.Snapshot(); &b.Rows[0] == &a.Rows[0] {
		t.Fatal("without RowsEvery a changed check kept its old rows")
	}
}
