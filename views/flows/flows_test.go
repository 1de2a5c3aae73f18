package flows

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// loaded builds a flows screen over the fake org and delivers its first load.
func loaded(t *testing.T, api *fakeapi.API, w, h int, real ...nexla.API) *Screen {
	t.Helper()
	var use nexla.API = api
	if len(real) > 0 {
		use = real[0]
	}
	s := New(viewtest.Deps(use))
	s.SetSize(w, h)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded {
		t.Fatalf("screen did not load: %v", s.err)
	}
	if len(real) == 0 {
		// The fake org's tests address rows by the server's order (flow 100
		// first); the health ranking is tested on the simulator (rank_test.go).
		s.setSort(treeSort{mode: sortServer})
	}
	return s
}

func TestTreeFlattensFlowsDepthFirstWithRunMetrics(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	nodes := buildTree(api.Flows, api.Flows.Metrics.Runs, true)
	var got []string
	for _, n := range nodes {
		got = append(got, strings.Repeat(".", n.Depth)+n.Label())
	}
	want := []string{"source orders-s3", ".nexset orders-clean", "..destination orders-snowflake", "..nexset orders-errors",
		"...destination orders-dlq", "source billing-pg", ".nexset billing-raw", "..destination billing-bq"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tree order:\n got %v\nwant %v", got, want)
	}
	origin := nodes[0]
	if origin.LastRunID != 8812 || origin.Errors != 3 || origin.Records != 1200 || origin.Connector != "s3" {
		t.Fatalf("origin should carry the latest run (8812, 3 errors, s3): %+v", origin)
	}
	if origin.Subtree != 4 || origin.FlowName != "orders" || nodes[1].Status != "ACTIVE" || nodes[5].Status != "PAUSED" {
		t.Fatalf("subtree/status wrong: %+v / %+v", origin, nodes[5])
	}
}

// A refresh while a load is in flight starts no second one (the load in
// flight answers it): at 30,000 flows a load outlasts the 30 s refresh,
// and a new listing per tick stacked up until none ever ended.
func TestRefreshWhileLoadingKeepsTheLoadInFlight(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := New(viewtest.Deps(api))
	s.SetSize(80, 24)
	first := viewtest.Run(s.Init())
	if cmd := s.reload(); cmd != nil {
		t.Fatal("a refresh during a load started a second load")
	}
	_, cmd := s.Update(ui.RefreshMsg{})
	for _, m := range viewtest.Run(cmd) {
		if _, ok := m.(flowsLoadedMsg); ok {
			t.Fatal("the refresh message started a second load")
		}
	}
	s.Update(first[0])
	if !s.loaded || len(s.nodes) == 0 || s.loading {
		t.Fatalf("the load in flight was not applied: loaded %v, %d nodes, loading %v", s.loaded, len(s.nodes), s.loading)
	}
}

// A load that a mutation may have outdated (confirmed while it ran) is not
// applied: it is read again, and that answer is.
func TestLoadOutdatedByAMutationIsReadAgain(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := New(viewtest.Deps(api))
	s.SetSize(80, 24)
	first := viewtest.Run(s.Init())
	s.Update(ui.MutationConfirmedMsg{})
	_, again := s.Update(first[0])
	if len(s.nodes) != 0 || again == nil {
		t.Fatalf("the outdated load was applied (%d nodes) or not read again", len(s.nodes))
	}
	var reread []tea.Msg
	for _, m := range viewtest.Run(again) {
		if _, ok := m.(flowsLoadedMsg); ok {
			reread = append(reread, m)
		}
	}
	if len(reread) != 1 {
		t.Fatalf("%d loads after the outdated one", len(reread))
	}
	s.Update(reread[0])
	if !s.loaded || len(s.nodes) == 0 {
		t.Fatal("the load read again was not applied")
	}
}

func TestEnterOpensDetailOfTheSelectedResource(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), 80, 24)
	out := viewtest.Press(t, s, "j", "enter")
	nav, ok := out[0].(ui.NavigateMsg)
	if !ok || nav.Route != (ui.Route{Kind: ui.RouteDetail, RT: nexla.DataSets, ID: 7001}) {
		t.Fatalf("enter on the first nexset: %#v", out)
	}
	sel, _ := s.Selected()
	if sel.ID != 7001 || sel.FlowID != 100 || sel.Name != "orders-clean" {
		t.Fatalf("selection: %+v", sel)
	}
}

func TestCollapseHidesSubtreeAndExpandRestores(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), 80, 24)
	if _, total := s.table.Counts(); total != 8 {
		t.Fatalf("expanded tree should show 8 rows, got %d", total)
	}
	viewtest.Press(t, s, "z")
	if _, total := s.table.Counts(); total != 4 {
		t.Fatalf("folding flow 100 should leave 4 rows, got %d", total)
	}
	viewtest.Press(t, s, "l")
	if _, total := s.table.Counts(); total != 8 {
		t.Fatalf("expanding should restore 8 rows, got %d", total)
	}
	viewtest.Press(t, s, "j", "j", "j", "h") // on orders-errors, then to its parent
	if sel, _ := s.Selected(); sel.ID != 7002 {
		t.Fatalf("h on an open node folds it and stays: %+v", sel)
	}
	viewtest.Press(t, s, "h")
	if sel, _ := s.Selected(); sel.ID != 7001 {
		t.Fatalf("h on a folded node moves to the parent: %+v", sel)
	}
}

func TestFilterNarrowsAndEscClears(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), 80, 24)
	viewtest.Press(t, s, "/")
	if !s.CapturesInput() {
		t.Fatal("the open filter must capture input")
	}
	// Keys are debounced: only the last query's message is accepted.
	viewtest.Press(t, s, "b", "i", "l", "l", "enter")
	matched, _ := s.table.Counts()
	if matched != 3 {
		t.Fatalf("/bill should match the 3 billing nodes, got %d", matched)
	}
	if !strings.Contains(viewtest.Plain(s.View()), "bill") {
		t.Fatal("the filter line should show the query")
	}
	viewtest.Press(t, s, "/", "esc")
	if matched, _ := s.table.Counts(); matched != 8 {
		t.Fatalf("esc should clear the filter, got %d rows", matched)
	}
}

func TestPauseFlowAsksConfirmationNamingFlowAndDownstream(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, 80, 24)
	out := viewtest.Press(t, s, "j", "j", "p") // cursor inside flow 100: p pauses the whole flow
	cm, ok := out[0].(ui.MutateMsg)
	if !ok {
		t.Fatalf("p should ask for confirmation, got %#v", out)
	}
	m := cm.Mutation
	r := m.Confirm
	if r.Action != "pause" || !strings.Contains(r.Resource, `"orders"`) || !strings.Contains(r.Resource, "id 100") {
		t.Fatalf("request should name the flow and its id: %+v", r)
	}
	if len(r.Effects) != 5 || !strings.Contains(strings.Join(r.Effects, "\n"), "destination orders-snowflake (id 9001, now ACTIVE)") {
		t.Fatalf("effects should list the 5 nodes that change: %q", r.Effects)
	}
	if len(api.Recorded()) != 0 {
		t.Fatal("nothing may change before confirmation")
	}
	// Confirming: the rows show pending, then the call goes out and the tree reloads.
	call := viewtest.Confirm(t, s, m)
	if !strings.Contains(viewtest.Plain(s.View()), "pending…") {
		t.Fatalf("rows should show pending after confirmation:\n%s", viewtest.Plain(s.View()))
	}
	rest := viewtest.Feed(t, s, call)
	if got := api.Recorded(); len(got) != 1 || got[0] != "PauseFlow 100 all" {
		t.Fatalf("calls: %v", got)
	}
	toast, _ := rest[0].(ui.ToastMsg)
	if toast.Level != ui.ToastInfo || !strings.Contains(toast.Text, "paused flow 100") {
		t.Fatalf("success toast: %#v", rest)
	}
	if strings.Contains(viewtest.Plain(s.View()), "pending…") {
		t.Fatal("the reload should replace pending with the server's state")
	}
}

func TestPauseOneResourceUsesResourceCall(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, 80, 24)
	out := viewtest.Press(t, s, "j", "P")
	m := out[0].(ui.MutateMsg).Mutation
	if r := m.Confirm; !strings.Contains(r.Resource, `nexset "orders-clean" (id 7001)`) || len(r.Effects) != 1 {
		t.Fatalf("single-resource request: %+v", r)
	}
	call := viewtest.Confirm(t, s, m)
	viewtest.Feed(t, s, call)
	if got := api.Recorded(); len(got) != 1 || got[0] != "PauseResource data_sets 7001" {
		t.Fatalf("calls: %v", got)
	}
}

// When the client recovered a lost answer, the toast says so (a warning, so
// it is read): the user learns the pause was confirmed by re-reading.
func TestPauseWhoseAnswerWasLostSaysHowItWasConfirmed(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	api.Outcome = nexla.Outcome{Recovery: nexla.ConfirmedByReread,
		Note: "applied; the answer was lost (HTTP 504), confirmed by re-reading flow 100"}
	s := loaded(t, api, 80, 24)
	m := viewtest.Press(t, s, "j", "j", "p")[0].(ui.MutateMsg).Mutation
	rest := viewtest.Feed(t, s, viewtest.Confirm(t, s, m))
	toast, _ := rest[0].(ui.ToastMsg)
	if toast.Level != ui.ToastWarn || !strings.Contains(toast.Text, "paused flow 100") ||
		!strings.Contains(toast.Text, "confirmed by re-reading flow 100") {
		t.Fatalf("toast: %#v", rest)
	}
}

func TestPauseFailureShowsServerMessage(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	api.Fail = &nexla.APIError{Kind: nexla.KindValidation, Method: "PUT", Path: "/flows/200/activate", Status: 400, Message: "Flow is rate limited"}
	s := loaded(t, api, 80, 24)
	viewtest.Press(t, s, "G")
	m := viewtest.Press(t, s, "a")[0].(ui.MutateMsg).Mutation
	call := viewtest.Confirm(t, s, m)
	out := viewtest.Feed(t, s, call)
	toast, _ := out[0].(ui.ToastMsg)
	if toast.Level != ui.ToastError || !strings.Contains(toast.Text, "Flow is rate limited") {
		t.Fatalf("failure toast should carry the server message: %#v", out)
	}
	if strings.Contains(viewtest.Plain(s.View()), "pending…") {
		t.Fatal("a failure must clear pending")
	}
}

func TestReadOnlyRefusesWithReason(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	d := viewtest.Deps(api)
	d.ReadOnly = true
	s := New(d)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	for _, k := range []string{"p", "a", "P", "A"} {
		out := viewtest.Press(t, s, k)
		text, ok := viewtest.Refusal(d, out)
		if !ok || !strings.Contains(text, "read-only") {
			t.Fatalf("%s in read-only mode should explain why: %#v", k, out)
		}
	}
	if len(api.Recorded()) != 0 {
		t.Fatal("read-only must not call the API")
	}
}

func TestViewIsExactlyTheGivenSize(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), 80, 24)
	for _, sz := range [][2]int{{80, 24}, {160, 48}, {40, 10}, {20, 3}} {
		s.SetSize(sz[0], sz[1])
		viewtest.CheckSize(t, s.View(), sz[0], sz[1])
	}
}

func TestLoadErrorShowsInlinePanel(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := New(viewtest.Deps(api))
	s.SetSize(80, 24)
	s.Update(flowsLoadedMsg{ticket: s.loads.Current(), err: &nexla.APIError{Kind: nexla.KindServer, Method: "GET", Path: "/flows", Status: 502, Message: "bad gateway"}})
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "Could not load flows") || !strings.Contains(v, "bad gateway") || !strings.Contains(v, "r to retry") {
		t.Fatalf("inline error panel:\n%s", v)
	}
}

func TestGoldenFakeOrg(t *testing.T) {
	for _, sz := range viewtest.Sizes {
		s := loaded(t, fakeapi.Org(viewtest.Clock), sz.W, sz.H)
		viewtest.Press(t, s, "j")
		viewtest.GoldenFrame(t, "fake", sz.W, sz.H, s.View())
	}
}
