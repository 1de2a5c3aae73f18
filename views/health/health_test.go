package health

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

func loaded(t *testing.T, w, h int) (*Screen, *sim.Sim) {
	t.Helper()
	e, d := viewtest.IncidentOrg(t, false)
	scr := New(d).(*Screen)
	scr.SetSize(w, h)
	viewtest.Feed(t, scr, scr.Init())
	if scr.loading || scr.err != nil {
		t.Fatalf("load: loading=%v err=%v", scr.loading, scr.err)
	}
	return scr, e.Sim
}

func TestHealthScreenWorstFirstGolden(t *testing.T) {
	for _, size := range viewtest.Sizes {
		scr, _ := loaded(t, size.W, size.H)
		v := scr.View()
		viewtest.GoldenFrame(t, "health", size.W, size.H, v)
		// The ISSUE column names the cause for people at every size.
		if p := viewtest.Plain(v); !strings.Contains(p, "Credential expired:") || !strings.Contains(p, "Stale data:") {
			t.Fatalf("ISSUE titles missing at %dx%d:\n%s", size.W, size.H, p)
		}
	}
	scr, _ := loaded(t, 160, 48)
	if first := scr.rows[0]; first.Healthy() || first.Severity != rb.SeverityCritical {
		t.Fatalf("worst flow should come first: %+v", first)
	}
}

func TestEnterOpensTheFlowsRunbook(t *testing.T) {
	scr, _ := loaded(t, 160, 48)
	want := scr.rows[0].FlowID
	_, cmd := scr.Update(viewtest.Key("enter"))
	msgs := viewtest.Run(cmd)
	nav, ok := msgs[0].(ui.NavigateMsg)
	if !ok || nav.Route != (ui.Route{Kind: ui.RouteRunbook, RT: nexla.Flows, ID: want}) {
		t.Fatalf("enter gave %+v, want the runbook of flow %d", msgs, want)
	}
	scr.Update(viewtest.Key("/"))
	for _, r := range "zzzz-no-such-flow" {
		scr.Update(viewtest.Key(string(r)))
	}
	scr.Update(viewtest.Key("enter"))
	scr.table.SetFilter(scr.filter.Query())
	if m, _ := scr.table.Counts(); m != 0 {
		t.Fatalf("filter kept %d rows", m)
	}
	if !strings.Contains(viewtest.Plain(scr.View()), "zzzz-no-such-flow") {
		t.Fatal("the applied filter should show on screen")
	}
}

// Narrowing the screen drops FLOW, ERR% and CREDENTIAL for ISSUE, and
// widening brings them back, on the same rows and cursor.
func TestNarrowScreenKeepsTheIssueColumn(t *testing.T) {
	scr, _ := loaded(t, 160, 48)
	scr.Update(viewtest.Key("down"))
	scr.SetSize(80, 24)
	head := strings.Split(viewtest.Plain(scr.View()), "\n")[1]
	if strings.Contains(head, "CREDENTIAL") || !strings.Contains(head, "ISSUE") {
		t.Fatalf("narrow header %q", head)
	}
	scr.SetSize(160, 48)
	head = strings.Split(viewtest.Plain(scr.View()), "\n")[1]
	if !strings.Contains(head, "CREDENTIAL") || !strings.Contains(head, "ERR%") {
		t.Fatalf("wide header %q", head)
	}
	if sel, _ := scr.Selected(); sel.ID != scr.rows[1].FlowID {
		t.Fatalf("cursor moved to flow %d across resizes", sel.ID)
	}
}

// A click selects the row under the pointer: line 0 is the status line,
// line 1 the header, line 2 the first row.
func TestClickSelectsRowUnderStatusLine(t *testing.T) {
	scr, _ := loaded(t, 160, 48)
	v := strings.Split(viewtest.Plain(scr.View()), "\n")
	scr.Update(tea.MouseClickMsg{X: 12, Y: 4, Button: tea.MouseLeft})
	sel, _ := scr.Selected()
	if !strings.Contains(v[4], strconv.FormatInt(sel.ID, 10)) {
		t.Fatalf("clicked line 4 %q but selected flow %d", v[4], sel.ID)
	}
}

// With a filter applied the cursor row stays on screen: the table is sized
// for the filter line too. (The table was sized when the filter opened and
// View then cut a line off it: the cursor on the last row was hidden.)
func TestCursorRowVisibleWithTheFilterApplied(t *testing.T) {
	scr, _ := loaded(t, 80, 12)
	viewtest.Press(t, scr, "/", "e", "enter")
	if m, _ := scr.table.Counts(); m < 12 {
		t.Fatalf("the test needs more matches than lines, got %d", m)
	}
	for i := 0; i < 3; i++ {
		viewtest.Press(t, scr, "G")
		sel, ok := scr.Selected()
		if !ok {
			t.Fatal("no selection")
		}
		v := viewtest.Plain(scr.View())
		viewtest.CheckSize(t, scr.View(), 80, 12)
		if !strings.Contains(v, sel.Name[:min(len(sel.Name), 10)]) {
			t.Fatalf("the cursor row (flow %q) is not on screen:\n%s", sel.Name, v)
		}
		viewtest.Press(t, scr, "g")
	}
}
