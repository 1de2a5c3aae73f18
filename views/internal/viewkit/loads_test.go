package viewkit

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

func TestOnlyTheLatestLoadOfTheSameScreenIsLatest(t *testing.T) {
	a, b := NewLoads(), NewLoads()
	first := a.Next()
	second := a.Next()
	if a.Latest(first) || !a.Latest(second) {
		t.Fatal("an older load's ticket must not be latest")
	}
	if b.Next(); b.Latest(second) {
		t.Fatal("another screen's ticket with the same number must not be latest")
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

func TestAskCallDoneCarryTheActionToItsOwnScreenOnly(t *testing.T) {
	l, other := NewLoads(), NewLoads()
	cm := Ask(l, ui.ConfirmRequest{Action: "pause"}, 42)().(ui.ConfirmMsg)
	conf := cm.Request.OnConfirm().(Confirmed[int])
	if !conf.For(l) || conf.For(other) || conf.Act != 42 {
		t.Fatalf("confirmed %+v", conf)
	}
	boom := errors.New("boom")
	var called context.Context
	d := Call(l, 7, func(ctx context.Context) (nexla.Outcome, error) { called = ctx; return nexla.Outcome{}, boom })().(Done[int])
	if called != l.Ctx() {
		t.Fatal("a confirmed call runs on the screen's context")
	}
	if !d.For(l) || d.For(other) || d.Act != 7 || d.Err != boom {
		t.Fatalf("done %+v", d)
	}
}

func TestFailedToastCarriesTheServerMessageOrTheReadOnlyReason(t *testing.T) {
	msg := Failed("pause", "flow 5", &nexla.APIError{Kind: nexla.KindValidation, Status: 400, Message: "rate \x1b]52;c;x\x07limited"})().(ui.ToastMsg)
	if msg.Level != ui.ToastError || !strings.HasPrefix(msg.Text, "could not pause flow 5: ") || strings.Contains(msg.Text, "\x1b") {
		t.Fatalf("failure toast %+v", msg)
	}
	ro := Failed("pause", "flow 5", nexla.ErrReadOnly)().(ui.ToastMsg)
	if ro.Text != Disabled("pause") {
		t.Fatalf("read-only toast %q", ro.Text)
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
