package resources

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

func loaded(t *testing.T, api nexla.API, rt nexla.ResourceType, d func(*ui.Deps)) *Screen {
	t.Helper()
	deps := viewtest.Deps(api)
	if d != nil {
		d(&deps)
	}
	s := New(deps, rt)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	if !s.loaded {
		t.Fatalf("not loaded: %v", s.err)
	}
	return s
}

func selectedID(s *Screen) int64 {
	sel, _ := s.Selected()
	return sel.ID
}

func TestProgressShowsLoadedOfTotal(t *testing.T) {
	s := New(viewtest.Deps(fakeapi.Org(viewtest.Clock)), nexla.DataSources)
	s.SetSize(100, 10)
	s.reload()
	s.Update(batchMsg{ticket: s.loads.Current(), recs: []record{sourceRecord(nexla.Source{Common: nexla.Common{ID: 1, Name: "a"}}, s.fam.Columns, viewtest.Clock)}, loaded: 4200, total: 10000})
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "loading 4,200 / 10,000") {
		t.Fatalf("progress missing:\n%s", v)
	}
	if !strings.Contains(v, "▶") {
		t.Fatal("rows must show while the listing is still loading")
	}
}

func TestStaleBatchIsDropped(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataSources, nil)
	old := s.loads.Current()
	s.reload()
	s.Update(batchMsg{ticket: old, recs: make([]record, 3), done: true})
	if len(s.recs) != 2 || len(s.incoming) != 0 {
		t.Fatalf("a batch from an older listing must be ignored: %d rows", len(s.recs))
	}
}

func TestRefreshKeepsRowsUntilComplete(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	api.PageSize = 1
	s := loaded(t, api, nexla.DataSets, nil)
	s.reload()
	one := nexsetRecord(api.Nexsets[0], s.fam.Columns, viewtest.Clock)
	s.Update(batchMsg{ticket: s.loads.Current(), recs: []record{one}, loaded: 1, total: 3})
	if len(s.recs) != 3 || !strings.Contains(viewtest.Plain(s.View()), "refreshing: loading 1 / 3") {
		t.Fatalf("refresh should keep the 3 old rows and show progress:\n%s", viewtest.Plain(s.View()))
	}
	s.Update(batchMsg{ticket: s.loads.Current(), loaded: 1, total: 1, done: true})
	if len(s.recs) != 1 {
		t.Fatalf("a complete refresh replaces the rows: %d", len(s.recs))
	}
}

func TestSortCyclesColumnsAndFlips(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataSinks, nil)
	viewtest.Press(t, s, "s") // by id ascending
	if selectedID(s) != 9001 {
		t.Fatalf("id ascending starts at 9001, got %d", selectedID(s))
	}
	viewtest.Press(t, s, "S", "g")
	if selectedID(s) != 9010 {
		t.Fatalf("id descending starts at 9010, got %d", selectedID(s))
	}
	viewtest.Press(t, s, "s", "g") // by name ascending: billing-bq first
	if selectedID(s) != 9010 || !strings.Contains(viewtest.Plain(s.View()), "NAME↑") {
		t.Fatalf("name ascending: got %d\n%s", selectedID(s), viewtest.Plain(s.View()))
	}
	viewtest.Press(t, s, "s", "s", "s", "g") // status, connector, updated (owner is hidden at 80 columns)
	if !strings.Contains(viewtest.Plain(s.View()), "sorted by updated ascending") {
		t.Fatalf("status line should name the sort:\n%s", viewtest.Plain(s.View()))
	}
}

func TestFilterMatchesLoadedRows(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataSets, nil)
	viewtest.Press(t, s, "/", "e", "r", "r", "enter")
	if m, total := s.table.Counts(); m != 1 || total != 3 || selectedID(s) != 7002 {
		t.Fatalf("/err: %d of %d, selected %d", m, total, selectedID(s))
	}
	if !strings.Contains(viewtest.Plain(s.View()), "filter: err (1/3") {
		t.Fatalf("filter line:\n%s", viewtest.Plain(s.View()))
	}
}

func TestEnterOpensDetail(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataCredentials, nil)
	// Failing credentials sort first: 302 (403), then 303 (never verified), then 301.
	out := viewtest.Press(t, s, "j", "enter")
	if nav, ok := out[0].(ui.NavigateMsg); !ok || nav.Route != (ui.Route{Kind: ui.RouteDetail, RT: nexla.DataCredentials, ID: 303}) {
		t.Fatalf("enter: %#v", out)
	}
}

func TestPauseSourceConfirmsThenCallsAndRefreshes(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, nexla.DataSources, nil)
	out := viewtest.Press(t, s, "p")
	m := out[0].(ui.MutateMsg).Mutation
	r := m.Confirm
	if r.Action != "pause" || !strings.Contains(r.Resource, `source "orders-s3" (id 5012)`) || len(r.Effects) != 1 {
		t.Fatalf("request: %+v", r)
	}
	call := viewtest.Confirm(t, s, m)
	if !strings.Contains(viewtest.Plain(s.View()), "pending…") {
		t.Fatal("row should show pending")
	}
	rest := viewtest.Feed(t, s, call)
	if got := api.Recorded(); len(got) != 1 || got[0] != "PauseResource data_sources 5012" {
		t.Fatalf("calls %v", got)
	}
	if toast := rest[0].(ui.ToastMsg); !strings.Contains(toast.Text, "paused source 5012") {
		t.Fatalf("toast %#v", toast)
	}
}

func TestReadOnlyAndCredentialsRefuseWithReason(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, nexla.DataSinks, func(d *ui.Deps) { d.ReadOnly = true })
	if text, ok := viewtest.Refusal(ui.Deps{ReadOnly: true}, viewtest.Press(t, s, "a")); !ok || !strings.Contains(text, "read-only") {
		t.Fatalf("read-only refusal: %q", text)
	}
	c := loaded(t, api, nexla.DataCredentials, nil)
	if toast := viewtest.Press(t, c, "p")[0].(ui.ToastMsg); !strings.Contains(toast.Text, "not paused or activated") {
		t.Fatalf("credential toast: %#v", toast)
	}
	if len(api.Recorded()) != 0 {
		t.Fatal("no call may go out")
	}
}

func TestListErrorShowsInlinePanel(t *testing.T) {
	s := New(viewtest.Deps(fakeapi.Org(viewtest.Clock)), nexla.DataSources)
	s.SetSize(80, 24)
	s.reload()
	s.Update(batchMsg{ticket: s.loads.Current(), done: true, err: &nexla.APIError{Kind: nexla.KindAuthorization, Method: "GET", Path: "/data_sources", Status: 403, Message: "forbidden"}})
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "Could not load sources") || !strings.Contains(v, "forbidden") {
		t.Fatalf("inline error:\n%s", v)
	}
}

func TestGoldenFakeOrg(t *testing.T) {
	for _, rt := range []nexla.ResourceType{nexla.DataSources, nexla.DataSets, nexla.DataSinks, nexla.DataCredentials} {
		for _, sz := range viewtest.Sizes {
			s := loaded(t, fakeapi.Org(viewtest.Clock), rt, nil)
			s.SetSize(sz.W, sz.H)
			viewtest.GoldenFrame(t, "fake_"+rt.Singular(), sz.W, sz.H, s.View())
		}
	}
}

func TestEscClearsAppliedFilterBeforeGoingBack(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataSets, nil)
	viewtest.Press(t, s, "/", "e", "r", "r", "enter")
	if !s.InterceptBack() {
		t.Fatal("with a filter applied, esc belongs to the screen")
	}
	viewtest.Press(t, s, "esc")
	if m, _ := s.table.Counts(); m != 3 || s.InterceptBack() {
		t.Fatalf("esc should clear the filter: %d rows, intercept %v", m, s.InterceptBack())
	}
}

func TestClickSelectsRowUnderStatusLine(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataSets, nil)
	// line 0 status, line 1 header, line 2 first row, line 4 third row.
	s.Update(tea.MouseClickMsg{X: 10, Y: 4, Button: tea.MouseLeft})
	if selectedID(s) != 7010 {
		t.Fatalf("click on the third row selected %d", selectedID(s))
	}
	if p := s.Preview(); !strings.Contains(p, "name: billing-raw") || !strings.Contains(p, "owner: Ada Ops") {
		t.Fatalf("preview lists every column:\n%s", p)
	}
}

// Both directions keep equal keys in the server's order (the cached
// descending order is built from runs of the ascending one), and a new
// listing drops the cached orders.
func TestSortTiesKeepServerOrderBothWays(t *testing.T) {
	s := New(viewtest.Deps(fakeapi.Org(viewtest.Clock)), nexla.DataSources)
	s.SetSize(100, 10)
	s.reload()
	var recs []record
	for i, st := range []string{"PAUSED", "ACTIVE", "PAUSED", "ACTIVE", "ACTIVE"} {
		recs = append(recs, sourceRecord(nexla.Source{Common: nexla.Common{ID: int64(i + 1), Name: "s", Status: st}}, s.fam.Columns, viewtest.Clock))
	}
	s.Update(batchMsg{ticket: s.loads.Current(), recs: recs, loaded: 5, total: 5, done: true})
	ids := func() string {
		var out []string
		for _, r := range s.table.Rows() {
			out = append(out, r.Key)
		}
		return strings.Join(out, ",")
	}
	s.setSort(statusColumn, true)
	if got := ids(); got != "2,4,5,1,3" {
		t.Fatalf("ascending by status: %s", got)
	}
	s.setSort(statusColumn, false)
	if got := ids(); got != "1,3,2,4,5" {
		t.Fatalf("descending by status keeps ties in server order: %s", got)
	}
	s.reload()
	recs[0] = sourceRecord(nexla.Source{Common: nexla.Common{ID: 1, Name: "s", Status: "ACTIVE"}}, s.fam.Columns, viewtest.Clock)
	s.Update(batchMsg{ticket: s.loads.Current(), recs: recs, loaded: 5, total: 5, done: true})
	if got := ids(); got != "3,1,2,4,5" {
		t.Fatalf("a new listing must be re-sorted, not served from the cache: %s", got)
	}
}

// The credentials table puts failing credentials first (the one an on-call
// engineer is looking for), then never verified, then verified.
func TestCredentialsSortFailingFirst(t *testing.T) {
	s := loaded(t, fakeapi.Org(viewtest.Clock), nexla.DataCredentials, nil)
	var got []int64
	for _, r := range s.table.Rows() {
		got = append(got, s.recs[r.Data.(int)].ID)
	}
	if len(got) != 3 || got[0] != 302 || got[1] != 303 || got[2] != 301 {
		t.Fatalf("order %v, want [302 303 301] (failing, never verified, verified)", got)
	}
}

// Marks on a source table mark the row's flow; p with marks asks one bulk
// confirmation naming every marked flow.
func TestMarksOnSourcesAskOneBulkConfirmation(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := loaded(t, api, nexla.DataSources, nil)
	viewtest.Press(t, s, "space")
	if s.Marked() != 1 {
		t.Fatalf("space marked %d flows", s.Marked())
	}
	viewtest.Press(t, s, "M")
	n := s.Marked()
	out := viewtest.Press(t, s, "p")
	m, ok := out[0].(ui.MutateMsg)
	if !ok || !strings.Contains(m.Mutation.Confirm.Title, "Pause") || len(m.Mutation.Confirm.Effects) != n+1 {
		t.Fatalf("p with %d marks: %#v", n, out)
	}
	viewtest.Press(t, s, "U")
	if s.Marked() != 0 || len(api.Recorded()) != 0 {
		t.Fatalf("U left %d marks; calls %v", s.Marked(), api.Recorded())
	}
}
