package viewkit

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/ui/components"
)

func TestOnlyTheLatestLoadOfTheSameScreenIsLatest(t *testing.T) {
	a := NewLoads()
	first := a.Next()
	second := a.Next()
	if a.Latest(first) || !a.Latest(second) {
		t.Fatal("an older load's ticket must not be latest")
	}
	if a.Current() != second {
		t.Fatal("Current should be the latest ticket")
	}
}

func TestNextCancellingStopsThePreviousLoadAndCloseStopsAll(t *testing.T) {
	l := NewLoads()
	old, _ := l.NextCancelling()
	cur, _ := l.NextCancelling()
	if old.Err() == nil || cur.Err() != nil {
		t.Fatalf("previous load ctx %v, current %v", old.Err(), cur.Err())
	}
	l.Close()
	if cur.Err() == nil || l.Ctx().Err() == nil {
		t.Fatal("Close must cancel the screen and its load")
	}
}

func TestPendingCellMarksOnlyPendingIDs(t *testing.T) {
	p := Pending{5: true}
	if c, tone := p.Cell(5, "ACTIVE", components.ToneOK); c != PendingLabel || tone != components.ToneAccent {
		t.Fatalf("pending cell %q %v", c, tone)
	}
	if c, tone := p.Cell(6, "ACTIVE", components.ToneOK); c != "ACTIVE" || tone != components.ToneOK {
		t.Fatalf("other cell %q %v", c, tone)
	}
}
