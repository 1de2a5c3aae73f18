package flows

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// treeNode is one flow node, resolved against the side-loads once per load
// so that rendering and movement never touch the raw response again. Every
// string is already sanitized.
type treeNode struct {
	NodeID    int64
	FlowID    int64 // origin node id: the flow's id
	Depth     int
	RT        nexla.ResourceType
	ID        int64 // resource id (0 when the node names none)
	Name      string
	Status    string
	Runtime   string
	Connector string
	LastRunID int64
	LastRunAt time.Time
	Records   int64
	Errors    int64
	Counts    counts // on origin rows: whether Records/Errors are known
	Children  int    // direct children
	Parent    int    // index of the parent in the flat slice, -1 for origins
	Subtree   int    // nodes below this one (for skipping collapsed subtrees)
	FlowName  string
	// Problem is the node's own trouble; on an origin row it is the worst
	// of the whole flow, so a folded or scrolled-past flow still shows it.
	Problem problem
	// FailErrors are the errors the flow's latest run reported at this node
	// when the health check says it failed here ("failing at"); 0 otherwise.
	FailErrors int64
	filterKey  string // lower-cased name, id, status, connector: precomputed once
	rowKey     string // the table row's key ("node/<id>"): the cursor follows it
}

// counts says what an origin row's Records and Errors stand for.
type counts uint8

const (
	countsNoRun   counts = iota // the metrics name no run of this flow (never ran, or not reported)
	countsKnown                 // the flow's newest run in the metrics
	countsUnknown               // the metrics could not be read: not zero, unknown
)

// problem ranks what is wrong with a node or flow, worst last.
type problem uint8

const (
	problemNone   problem = iota
	problemPaused         // the whole flow is paused: nothing runs, by choice
	problemWarn           // rate limited, or part of an active flow paused
	problemError          // the last run had errors
)

// ownProblem is what the node alone shows.
func ownProblem(n treeNode) problem {
	switch {
	case n.Errors > 0:
		return problemError
	case n.Status == nexla.StatusRateLimited:
		return problemWarn
	case n.Status == nexla.StatusPaused:
		return problemPaused
	}
	return problemNone
}

// markProblems sets each node's own problem and lifts the worst of every
// flow onto its origin. A paused node inside a flow whose origin is active
// is a warning (data stops part-way), not "paused".
func markProblems(nodes []treeNode) {
	for i := range nodes {
		nodes[i].Problem = ownProblem(nodes[i])
	}
	for i := 0; i < len(nodes); i++ {
		if nodes[i].Depth != 0 {
			continue
		}
		origin := &nodes[i]
		worst := origin.Problem
		for k := i + 1; k <= i+origin.Subtree; k++ {
			p := nodes[k].Problem
			if p == problemPaused && origin.Status != nexla.StatusPaused {
				p = problemWarn
			}
			worst = max(worst, p)
		}
		origin.Problem = worst
		i += origin.Subtree
	}
}

// HasChildren reports whether the node can be expanded.
func (n treeNode) HasChildren() bool { return n.Children > 0 }

// Label is "<kind> <name>" as the tree shows it.
func (n treeNode) Label() string {
	name := n.Name
	if name == "" {
		name = "(unnamed)"
	}
	return n.RT.Singular() + " " + name
}

// runMetric is the latest run of one flow from include_run_metrics.
type runMetric struct {
	RunID   int64
	At      time.Time
	Records int64
	Errors  int64
	counts  counts
}

// latestRuns keeps, per origin node, the metric with the highest run id
// (ties broken by reporting date): that is the run the on-call cares about.
func latestRuns(ms []nexla.FlowRunMetric) map[int64]runMetric {
	out := make(map[int64]runMetric, len(ms))
	addRuns(out, ms)
	return out
}

// addRuns folds one listing page's metrics into the latest run per flow.
func addRuns(out map[int64]runMetric, ms []nexla.FlowRunMetric) {
	for _, m := range ms {
		cur, ok := out[m.OriginNodeID]
		if ok && (m.RunID < cur.RunID || (m.RunID == cur.RunID && !m.ReportingDate.After(cur.At))) {
			continue
		}
		out[m.OriginNodeID] = runMetric{RunID: m.RunID, At: m.ReportingDate.Time, Records: m.Records, Errors: m.Errors}
	}
}

// buildTree is the tree of one whole listing with its run metrics; metricsOK
// false marks every flow's counts unknown.
func buildTree(resp *nexla.FlowResponse, metrics []nexla.FlowRunMetric, metricsOK bool) []treeNode {
	if resp == nil {
		return nil
	}
	var b treeBuilder
	b.add(resp, len(resp.Flows))
	return b.finish(latestRuns(metrics), metricsOK)
}

// treeBuilder flattens a flows listing page by page, each page's flows
// resolved against that page's side-loads (the server side-loads, per page,
// what its flows use; the health check reads pages the same way). A load
// keeps the nodes, never the listing: merged, it was about 100 MB at 30,000
// flows, alive beside the tree until the tree was built.
type treeBuilder struct{ nodes []treeNode }

// add flattens a page's flows depth-first (children sorted by node id, as
// the server sends them). total is the listing's flow count (0: unknown).
func (b *treeBuilder) add(resp *nexla.FlowResponse, total int) {
	first := b.nodes == nil
	if first {
		b.nodes = make([]treeNode, 0, len(resp.Flows)*4)
	}
	ix := resp.Index()
	for i := range resp.Flows {
		origin := &resp.Flows[i]
		flowID := origin.ID
		flowName := viewkit.Clean(ix.FlowName(*origin))
		var walk func(n *nexla.FlowNode, depth, parent int) int
		walk = func(n *nexla.FlowNode, depth, parent int) int {
			idx := len(b.nodes)
			b.nodes = append(b.nodes, resolveNode(ix, *n, flowID, flowName, depth, parent))
			kids := make([]*nexla.FlowNode, len(n.Children))
			for k := range n.Children {
				kids[k] = &n.Children[k]
			}
			sort.SliceStable(kids, func(a, b int) bool { return kids[a].ID < kids[b].ID })
			for _, k := range kids {
				walk(k, depth+1, idx)
			}
			b.nodes[idx].Children = len(kids)
			b.nodes[idx].Subtree = len(b.nodes) - idx - 1
			return idx
		}
		walk(origin, 0, -1)
	}
	if first && total > len(resp.Flows) && len(resp.Flows) > 0 {
		// Room for the rest of the listing at this page's nodes per flow,
		// and an eighth more: growing 100,000 nodes by appends copied them
		// over and over (160 MB allocated for a 26 MB tree).
		perFlow := float64(len(b.nodes)) / float64(len(resp.Flows))
		b.nodes = slices.Grow(b.nodes, int(float64(total-len(resp.Flows))*perFlow*9/8))
	}
}

// finish joins the run metrics to the origin rows (they are per flow, by
// origin node id) and marks every node's problem.
func (b *treeBuilder) finish(runs map[int64]runMetric, metricsOK bool) []treeNode {
	out := b.nodes
	for i := range out {
		if out[i].Depth != 0 {
			continue
		}
		run, ok := runs[out[i].FlowID]
		switch {
		case !metricsOK:
			run.counts = countsUnknown
		case ok:
			run.counts = countsKnown
		}
		joinRun(&out[i], run)
	}
	markProblems(out)
	return out
}

// joinRun puts a flow's latest run on its origin row.
func joinRun(t *treeNode, run runMetric) {
	t.Counts = run.counts
	if run.RunID != 0 {
		t.LastRunID = run.RunID
		t.LastRunAt = run.At
		t.Records = run.Records
		t.Errors = run.Errors
	}
}

func resolveNode(ix nexla.FlowIndex, n nexla.FlowNode, flowID int64, flowName string, depth, parent int) treeNode {
	rt, id := n.Resource()
	t := treeNode{
		NodeID: n.ID, FlowID: flowID, Depth: depth, RT: rt, ID: id, Parent: parent,
		Name:     viewkit.Clean(ix.NodeName(n)),
		Status:   viewkit.Clean(ix.NodeStatus(n)),
		Runtime:  viewkit.Clean(n.RuntimeStatus),
		FlowName: flowName,
	}
	switch rt {
	case nexla.DataSources:
		if s := ix.Sources[id]; s != nil {
			t.Connector = viewkit.Clean(s.ConnectorLabel())
			t.LastRunID = s.LastRunID
			if t.Runtime == "" {
				t.Runtime = viewkit.Clean(s.RuntimeStatus)
			}
		}
	case nexla.DataSets:
		if s := ix.Nexsets[id]; s != nil {
			t.Connector = viewkit.Clean(s.ConnectorType)
			if t.Runtime == "" {
				t.Runtime = viewkit.Clean(s.RuntimeStatus)
			}
		}
	case nexla.DataSinks:
		if s := ix.Destinations[id]; s != nil {
			t.Connector = viewkit.Clean(s.ConnectorLabel())
			if t.Runtime == "" {
				t.Runtime = viewkit.Clean(s.RuntimeStatus)
			}
		}
	}
	if depth == 0 && n.LastRunID != 0 {
		t.LastRunID = n.LastRunID // the run metrics, when they name a run, override it (joinRun)
	}
	var key [32]byte
	t.rowKey = string(strconv.AppendInt(append(key[:0], "node/"...), n.ID, 10)) // one allocation, not two
	t.filterKey = strings.ToLower(t.Name + " " + strconv.FormatInt(t.ID, 10) + " " + t.Status + " " + t.Connector + " " + t.RT.Singular())
	return t
}

// downstream lists the nodes at and below index i (its subtree) as labels,
// for the confirm dialog's "what changes" list.
func downstream(nodes []treeNode, i int) []string {
	if i < 0 || i >= len(nodes) {
		return nil
	}
	out := make([]string, 0, nodes[i].Subtree+1)
	for k := i; k <= i+nodes[i].Subtree; k++ {
		n := nodes[k]
		out = append(out, n.Label()+" (id "+strconv.FormatInt(n.ID, 10)+", now "+viewkit.Or(n.Status, "unknown")+")")
	}
	return out
}

// originIndex finds the origin row of the flow that row i belongs to.
func originIndex(nodes []treeNode, i int) int {
	for i >= 0 && i < len(nodes) && nodes[i].Parent >= 0 {
		i = nodes[i].Parent
	}
	return i
}
