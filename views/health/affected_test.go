package health

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// B on a health row (a flow) marks every flow the flow's credential
// breaks: on a flow of one of the demo's failing credentials (its other
// credentials verified), every flow of that credential's blast radius; p then asks for
// exactly those. On a flow whose two credentials are both verified (800001:
// 3003 and 3005) it marks nothing and names them. Nothing is sent.
func TestAffectedKeyOnHealthRowMarksTheFailingCredentialsFlows(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	fr, err := api.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	// The failing credential that breaks the most flows, and one of them.
	var cred, flow int64
	var want []nb.Flow
	for _, c := range []int64{3011, 3017} {
		fl := nb.OfCredential(fr, c).Flows
		if len(fl) <= len(want) {
			continue
		}
		for _, f := range fl {
			if got, err := nb.CredentialOf(fr, nexla.Flows, f.ID); err == nil && got == c {
				cred, flow, want = c, f.ID, fl
				break
			}
		}
	}
	if flow == 0 {
		t.Fatal("no flow of the seed stands for a failing credential")
	}
	s := New(viewtest.Deps(api)).(*Screen)
	s.SetSize(160, 48)
	viewtest.Feed(t, s, s.Init())
	press := func(id int64) string {
		t.Helper()
		if !s.table.SelectKey(strconv.FormatInt(id, 10)) {
			t.Fatalf("flow %d has no health row", id)
		}
		out := viewtest.Press(t, s, "B")
		if len(out) != 1 {
			t.Fatalf("B on flow %d: %#v", id, out)
		}
		return out[0].(ui.ToastMsg).Text
	}
	if toast := press(800001); !strings.Contains(toast, "uses credentials 3003, 3005") || s.Marked() != 0 {
		t.Fatalf("B on a flow with two verified credentials: %d marked, %q", s.Marked(), toast)
	}
	wantToast := "marked " + bulk.Flows(len(want)) + " that credential " + strconv.FormatInt(cred, 10) + " breaks"
	if toast := press(flow); !strings.Contains(toast, wantToast) || s.Marked() != len(want) {
		t.Fatalf("B on flow %d: %d marked, %q; want %q", flow, s.Marked(), toast, wantToast)
	}
	for _, f := range want {
		if !s.marks.Has(f.ID) {
			t.Errorf("flow %d (uses credential %d) is not marked", f.ID, cred)
		}
	}
	m, ok := viewtest.Press(t, s, "p")[0].(ui.MutateMsg)
	if !ok || m.Mutation.Confirm.Title != "Pause "+bulk.Flows(len(want)) {
		t.Fatalf("p after B: %#v", m)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("marking and asking sent %+v", got)
	}
}
