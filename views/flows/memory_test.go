package flows

import (
	"context"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// The tree is built page by page (each page against its own side-loads)
// and keeps no listing: it must be the tree of the merged listings, node
// for node, on an org of several pages (300 generated flows and the demo's).
func TestLoadPageByPageIsTheTreeOfTheMergedListing(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: viewtest.Clock, Frozen: true, ExtraFlows: 300, ExtraFailing: 0.05})
	ctx := context.Background()
	whole, err := e.Client.ListFlows(ctx, nexla.FlowListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	metrics, err := e.Client.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, FlowsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want := buildTree(whole, metrics.Metrics.Runs, true)
	if len(whole.Flows) < 300 || len(metrics.Metrics.Runs) < 300 {
		t.Fatalf("the org is not several pages: %d flows, %d metrics", len(whole.Flows), len(metrics.Metrics.Runs))
	}
	msg := loadFlows(ctx, e.Client, viewkit.Ticket{}, "", func() time.Time { return viewtest.Clock })().(flowsLoadedMsg)
	if msg.err != nil || msg.metricsErr != nil {
		t.Fatalf("load: %v / %v", msg.err, msg.metricsErr)
	}
	if len(msg.nodes) != len(want) {
		t.Fatalf("%d nodes page by page, %d from the merged listing", len(msg.nodes), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(msg.nodes[i], want[i]) {
			t.Fatalf("node %d differs:\npage by page %+v\nmerged       %+v", i, msg.nodes[i], want[i])
		}
	}
}

// A page handed to the tree builder is garbage once added: the nodes hold
// copies of what they show, no pointer into the page (a weak pointer to
// the page goes nil after a collection).
func TestTreeBuilderKeepsNoPage(t *testing.T) {
	var b treeBuilder
	page := bigResponse(50)
	w := weak.Make(page)
	b.add(page, 50)
	page = nil
	runtime.GC()
	if w.Value() != nil {
		t.Fatal("the builder keeps the listing page alive")
	}
	if nodes := b.finish(nil, true); len(nodes) != 150 {
		t.Fatalf("%d nodes, want 150", len(nodes))
	}
}

// The table keeps one small row per visible node (key, filter key, index):
// cells are drawn only for the rows on screen, and what shows is the same.
func TestTreeRowsKeepNoCells(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	s := loaded(t, nil, 160, 48, api)
	rows := s.table.Rows()
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for _, r := range rows {
		if r.Cells != nil || r.Tones != nil || r.Prefix != "" || r.Key == "" || r.FilterKey == "" {
			t.Fatalf("row %q keeps cells %q, prefix %q (filter key %q)", r.Key, r.Cells, r.Prefix, r.FilterKey)
		}
	}
	name := s.row(rows[0].Data.(int)).Cells[0]
	if v := s.View(); !strings.Contains(v, name[:min(len(name), 12)]) {
		t.Fatalf("the first row's name %q is not drawn:\n%s", name, v)
	}
}

// Sorting the flows allocates its copy of the keys, not two keys per
// comparison (a func value's pointer arguments escape): at 30,000 flows
// that was about 900,000 allocations per health snapshot.
func TestOrderRootsAllocatesOnlyItsCopy(t *testing.T) {
	keys := make([]flowKey, 3000)
	for i := range keys {
		keys[i] = flowKey{origin: i, rank: (i * 7919) % 3000, name: "flow", errors: int64(i % 7)}
	}
	dst := make([]int, 0, len(keys))
	for _, mode := range []sortMode{sortHealth, sortName, sortErrors, sortLastRun} {
		allocs := testing.AllocsPerRun(3, func() { dst = orderRoots(keys, treeSort{mode: mode}, dst) })
		if allocs > 2 {
			t.Errorf("sort %v: %.0f allocations per sort of %d flows", mode, allocs, len(keys))
		}
	}
}

// The first page sizes the node slice for the whole listing (at its nodes
// per flow): later pages fit without the slice being copied again.
func TestTreeBuilderSizesTheTreeFromTheFirstPage(t *testing.T) {
	var b treeBuilder
	b.add(bigResponse(10), 100)
	sized := cap(b.nodes)
	if sized < 300 {
		t.Fatalf("after the first of 10 pages: room for %d nodes, want 300", sized)
	}
	for range 9 {
		b.add(bigResponse(10), 100)
	}
	if cap(b.nodes) != sized || len(b.nodes) != 300 {
		t.Fatalf("%d nodes in a slice regrown from %d to %d", len(b.nodes), sized, cap(b.nodes))
	}
}

// A fold hands the table 100,000 rows again without allocating per row
// (each row's index was boxed anew: 100,000 allocations per fold and per
// health poll).
func TestFoldAllocatesNoRowIndexes(t *testing.T) {
	s := New(viewtest.Deps(nil))
	s.SetSize(160, 48)
	s.loaded = true
	s.applyNodes(buildTree(bigResponse(33334), nil, true))
	z := viewtest.Key("z")
	if allocs := testing.AllocsPerRun(3, func() { s.Update(z) }); allocs > 100 {
		t.Fatalf("%.0f allocations per fold of %d nodes", allocs, len(s.nodes))
	}
}
