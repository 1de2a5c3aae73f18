package blast

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The blast radius of a credential on the simulator lists exactly the
// flows nexla/blast finds in the same listing, each with what ties it in;
// p without marks asks one confirmation for every flow listed, and with
// one mark for that flow alone. Nothing is sent by asking.
func TestBlastOfCredentialListsItsFlowsAndAsksOnce(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	const cred = 3005
	fr, err := api.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	want := nb.OfCredential(fr, cred)
	if len(want.Flows) < 2 {
		t.Fatalf("credential %d breaks %d flows in the seed", cred, len(want.Flows))
	}
	d := viewtest.Deps(api)
	d.AccessRole = "collaborator"
	s := New(d, nexla.DataCredentials, cred)
	viewtest.Feed(t, s, s.Init())
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		view := viewtest.Plain(s.View())
		viewtest.GoldenFrame(t, "credential_"+strconv.Itoa(cred), sz.W, sz.H, s.View())
		if sz.W < 100 {
			continue
		}
		for _, f := range want.Flows {
			if !strings.Contains(view, strconv.FormatInt(f.ID, 10)) {
				t.Errorf("flow %d is missing:\n%s", f.ID, view)
			}
		}
	}
	out := viewtest.Press(t, s, "p")
	m, ok := out[0].(ui.MutateMsg)
	if !ok || len(m.Mutation.Confirm.Effects) < len(want.Flows)+1 ||
		!strings.Contains(m.Mutation.Confirm.Resource, "that credential 3005 breaks") {
		t.Fatalf("p without marks: %#v", out)
	}
	viewtest.Press(t, s, "space")
	if s.Marked() != 1 {
		t.Fatalf("space marked %d", s.Marked())
	}
	m = viewtest.Press(t, s, "a")[0].(ui.MutateMsg)
	if !strings.HasPrefix(m.Mutation.Confirm.Title, "Activate 1 flow") {
		t.Fatalf("a with one mark: %+v", m.Mutation.Confirm)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("asking sent %+v", got)
	}
}
