package health

import (
	"testing"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// The overview's rows keep no copy of the verdicts and no cells: each
// points at its flow's row in the check's snapshot (a FlowHealth boxed in
// Data was a 350-byte copy per flow) and is drawn only when shown.
func TestHealthRowsPointIntoTheSnapshot(t *testing.T) {
	s, _ := loaded(t, 160, 48)
	rows := s.table.Rows()
	if len(rows) == 0 || len(rows) != len(s.snap.Rows) {
		t.Fatalf("%d table rows for %d verdicts", len(rows), len(s.snap.Rows))
	}
	for i, r := range rows {
		h, ok := r.Data.(*rb.FlowHealth)
		if !ok || h != &s.snap.Rows[i] {
			t.Fatalf("row %d is not the snapshot's row %d", i, i)
		}
		if r.Cells != nil || r.FilterKey == "" {
			t.Fatalf("row %d keeps cells %q (filter key %q)", i, r.Cells, r.FilterKey)
		}
	}
	if sel, ok := s.Selected(); !ok || sel.ID != s.snap.Rows[0].FlowID {
		t.Fatalf("selected %+v, want the worst flow %d", sel, s.snap.Rows[0].FlowID)
	}
}
