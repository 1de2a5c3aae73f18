package notifications

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

func loaded(t *testing.T, w, h int) *Screen {
	t.Helper()
	_, d := viewtest.IncidentOrg(t, false)
	s := New(d)
	s.SetSize(w, h)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded || s.err != nil {
		t.Fatalf("load: loaded=%v err=%v", s.loaded, s.err)
	}
	return s
}

// The incident org's notifications, raised by its runs: newest first, the
// level, the resource and the message, relative and (wide) absolute times
// in the clock's zone.
func TestNotificationsGolden(t *testing.T) {
	for _, size := range viewtest.Sizes {
		s := loaded(t, size.W, size.H)
		v := s.View()
		viewtest.GoldenFrame(t, "notifications", size.W, size.H, v)
		p := viewtest.Plain(v)
		if !strings.Contains(p, "ERROR") || size.W >= wideFrom && !strings.Contains(p, "failed in run") {
			t.Fatalf("%dx%d: no ERROR notification shown:\n%s", size.W, size.H, p)
		}
		if size.W >= wideFrom && !strings.Contains(p, " UTC ") {
			t.Fatalf("the absolute time does not name its zone:\n%s", p)
		}
	}
	s := loaded(t, 160, 48)
	for i := 1; i < len(s.notes); i++ {
		if s.notes[i].At().After(s.notes[i-1].At()) {
			t.Fatalf("not newest first at %d: %s after %s", i, s.notes[i].At(), s.notes[i-1].At())
		}
	}
}

// l keeps one level at a time; / filters by resource; enter opens the
// runbook of the alert's resource.
func TestLevelFilterResourceFilterAndEnter(t *testing.T) {
	s := loaded(t, 160, 48)
	_, total := s.list.Table.Counts()
	s.Update(viewtest.Key("l")) // ERROR
	errs, _ := s.list.Table.Counts()
	if errs == 0 || errs >= total {
		t.Fatalf("ERROR only: %d of %d", errs, total)
	}
	for _, r := range s.list.Table.Rows() {
		if r.Cells[1] != "ERROR" {
			t.Fatalf("level filter let through %v", r.Cells)
		}
	}
	if !strings.Contains(viewtest.Plain(s.View()), "level ERROR (l)") {
		t.Fatal("the status line does not say which level is kept")
	}
	row, _ := s.list.Table.SelectedRow()
	res := row.Cells[2]
	s.Update(viewtest.Key("/"))
	for _, r := range res {
		s.Update(viewtest.Key(string(r)))
	}
	s.Update(viewtest.Key("enter"))
	s.list.Table.SetFilter(s.list.Filter.Query())
	if m, _ := s.list.Table.Counts(); m == 0 || m > errs {
		t.Fatalf("resource filter %q kept %d of %d", res, m, errs)
	}
	_, cmd := s.Update(viewtest.Key("enter"))
	msgs := viewtest.Run(cmd)
	nav, ok := msgs[0].(ui.NavigateMsg)
	sel, _ := s.Selected()
	if !ok || nav.Route.Kind != ui.RouteRunbook || nav.Route.ID != sel.ID || !sel.RT.HasFlow() {
		t.Fatalf("enter gave %+v (selection %+v)", msgs, sel)
	}
	if got := sel.RT.Singular() + " " + strconv.FormatInt(sel.ID, 10); got != res {
		t.Fatalf("enter opens %s, the row names %s", got, res)
	}
	for i := 1; i < len(levels); i++ {
		s.Update(viewtest.Key("l"))
	}
	if levels[s.level] != "" {
		t.Fatalf("l does not come back to every level: %q", levels[s.level])
	}
}

// A notification about a user or the org names no resource: enter says so.
func TestEnterOnAUserNotificationSaysWhyNothingOpens(t *testing.T) {
	s := loaded(t, 80, 24)
	s.notes = []nexla.Notification{{ID: 1, Level: "INFO", ResourceType: "USER", ResourceID: 7, Message: "welcome"}}
	s.setRows()
	_, cmd := s.Update(viewtest.Key("enter"))
	msgs := viewtest.Run(cmd)
	if toast, ok := msgs[0].(ui.ToastMsg); !ok || !strings.Contains(toast.Text, "names no flow or resource") {
		t.Fatalf("enter gave %+v", msgs)
	}
}
