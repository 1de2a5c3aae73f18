package blast

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/flows"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
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

// healthCells maps each row's flow id to its HEALTH cell, in row order.
func healthCells(s *Screen) (ids []int64, words map[int64]string) {
	words = map[int64]string{}
	for _, r := range s.table.Rows() {
		id := r.Data.(int64)
		ids = append(ids, id)
		words[id] = r.Cells[3]
	}
	return ids, words
}

// The blast radius shows each flow's health from the session's shared
// check (the one the flows tree reads: the tree's HEALTH word for a flow is
// the blast radius's), worst first in the check's order, never blank.
func TestBlastHealthIsTheSharedChecksVerdictWorstFirst(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	d := viewtest.Deps(api)
	d.Health = rb.NewHealthShare(rb.HealthOptions{Options: rb.Options{Now: d.Now}})
	t.Cleanup(d.Health.Close)
	tree := flows.New(d)
	viewtest.Feed(t, tree, tree.Init())
	s := New(d, nexla.DataCredentials, 3005)
	viewtest.Feed(t, s, s.Init())
	snap := d.Health.Current(api).Snapshot()
	if !snap.Complete || snap.Err != nil {
		t.Fatalf("the shared check: complete=%v err=%v", snap.Complete, snap.Err)
	}
	at := map[int64]int{}
	for i, r := range snap.Rows {
		at[r.FlowID] = i
	}
	ids, words := healthCells(s)
	if len(ids) != 14 {
		t.Fatalf("credential 3005 breaks %d flows on screen, want 14", len(ids))
	}
	tree.SetSize(160, 48)
	treeView := viewtest.Plain(tree.View())
	notOK := 0
	for k, id := range ids {
		i, ok := at[id]
		if !ok {
			t.Fatalf("flow %d is not in the shared check", id)
		}
		want, _, _ := viewkit.HealthVerdict(d.Theme.Glyphs, snap, &snap.Rows[i], true)
		if words[id] != want {
			t.Errorf("flow %d: HEALTH %q, the shared check says %q", id, words[id], want)
		}
		if k > 0 && at[ids[k-1]] > i {
			t.Errorf("flow %d (rank %d) listed after flow %d (rank %d): not worst first", id, i, ids[k-1], at[ids[k-1]])
		}
		if want != "ok" {
			notOK++
		}
	}
	if notOK == 0 {
		t.Fatal("every flow credential 3005 breaks reads ok: the seed's failing flows are missing")
	}
	// The tree says the same word on the flow's row.
	worst, said := snap.Rows[at[ids[0]]], false
	for _, line := range strings.Split(treeView, "\n") {
		said = said || strings.Contains(line, worst.Name) && strings.Contains(line, " "+words[ids[0]]+" ")
	}
	if !said {
		t.Errorf("no row of the tree says %q for flow %q:\n%s", words[ids[0]], worst.Name, treeView)
	}
}

// Before the check has judged a flow its HEALTH reads "checking…", never
// a blank or "ok", and the status line claims no count.
func TestBlastHealthSaysCheckingUntilJudged(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := New(viewtest.Deps(api), nexla.DataCredentials, 3005)
	viewtest.Feed(t, s, s.reload()) // the listing only: the check never answers
	s.SetSize(160, 48)
	_, words := healthCells(s)
	if len(words) != 14 {
		t.Fatalf("%d rows", len(words))
	}
	for id, w := range words {
		if w != viewkit.VerdictPending {
			t.Errorf("flow %d reads %q before the check judged it", id, w)
		}
	}
	if v := viewtest.Plain(s.View()); strings.Contains(v, "with issues") || strings.Contains(v, " ok ") {
		t.Errorf("a count or an ok before any verdict:\n%s", v)
	}
}

// `:consumers ID`: the flows a shared nexset feeds, each with its health;
// B marks them all.
func TestConsumersOfSharedNexsetWithHealth(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	fr, err := api.ListFlows(context.Background(), nexla.FlowListOptions{AccessRole: "collaborator"})
	if err != nil {
		t.Fatal(err)
	}
	var nexset int64
	var want []nb.Flow
	for _, f := range fr.Flows {
		if f.SharedDataSetID != 0 {
			nexset = f.SharedDataSetID
			want = nb.ConsumersOfNexset(fr, nexset)
			break
		}
	}
	if nexset == 0 || len(want) == 0 {
		t.Fatal("the seed has no consumer of a shared nexset")
	}
	s := New(viewtest.Deps(api), nexla.DataSets, nexset)
	viewtest.Feed(t, s, s.Init())
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		viewtest.GoldenFrame(t, "consumers_"+strconv.FormatInt(nexset, 10), sz.W, sz.H, s.View())
	}
	_, words := healthCells(s)
	for _, f := range want {
		if w, ok := words[f.ID]; !ok || w == "" || w == viewkit.VerdictPending {
			t.Errorf("consumer flow %d: health %q (listed %v)", f.ID, w, ok)
		}
	}
	out := viewtest.Press(t, s, "B")
	if s.Marked() != len(want) || len(out) != 1 || !strings.Contains(out[0].(ui.ToastMsg).Text, "fed by shared nexset") {
		t.Fatalf("B marked %d of %d: %#v", s.Marked(), len(want), out)
	}
}

// B on the blast radius marks every flow the credential breaks, with no
// read of its own; p then asks for exactly those.
func TestBlastAffectedKeyMarksEveryFlowListed(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	s := New(viewtest.Deps(api), nexla.DataCredentials, 3005)
	viewtest.Feed(t, s, s.reload())
	out := viewtest.Press(t, s, "B")
	if s.Marked() != 14 || len(out) != 1 || !strings.Contains(out[0].(ui.ToastMsg).Text, "marked 14 flows that credential 3005 breaks") {
		t.Fatalf("B: %d marked, %#v", s.Marked(), out)
	}
	m := viewtest.Press(t, s, "p")[0].(ui.MutateMsg)
	if !strings.HasPrefix(m.Mutation.Confirm.Title, "Pause 14 flows") || !strings.Contains(m.Mutation.Confirm.Resource, "marked") {
		t.Fatalf("p after B: %+v", m.Mutation.Confirm)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("marking and asking sent %+v", got)
	}
}

// A radius that could not be read is unknown, not empty: B marks nothing
// and says the listing failed, never "breaks no flow".
func TestBlastAffectedKeyOnAFailedListingSaysSo(t *testing.T) {
	d, _ := viewtest.Faulty(t, simtest.Unavailable, "/flows")
	s := New(d, nexla.DataCredentials, 3005)
	viewtest.Feed(t, s, s.reload())
	out := viewtest.Press(t, s, "B")
	if s.Marked() != 0 || len(out) != 1 {
		t.Fatalf("B on a failed listing: %d marked, %#v", s.Marked(), out)
	}
	if toast := out[0].(ui.ToastMsg); toast.Level != ui.ToastError || !strings.Contains(toast.Text, "could not be read") ||
		strings.Contains(toast.Text, "breaks no flow") {
		t.Fatalf("toast %+v", toast)
	}
}
