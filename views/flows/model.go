// Package flows is the flows tree: every flow visible to the caller as
// origin source -> nexsets -> destinations, with status, runtime status,
// connector, last run and error count per node, and pause/activate of a
// whole flow (p/a) or of the one resource under the cursor (P/A).
package flows

import (
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// keys are the flows screen's own bindings (keymap.Flows, from Deps.ScreenKeys;
// the shared ones come from Deps.Keys).
type keys = keymap.Flows

// Screen is the flows tree.
type Screen struct {
	d     ui.Deps
	th    *theme.Theme
	now   func() time.Time
	keys  keys
	loads *viewkit.Loads

	w, h     int
	cols     []colID // columns shown at the current width
	colSpecs []components.Column
	loading  bool
	// staleSince: a mutation was confirmed or done while the load in
	// flight ran, so its answer may predate it and is read again.
	staleSince bool
	loaded     bool
	err        error
	loadedAt   time.Time
	// metricsErr: the last load's run metrics failed; flows show, counts unknown.
	metricsErr error

	nodes   []treeNode
	marks   *viewkit.Marks  // flows marked for a bulk action (marks.go)
	pending viewkit.Pending // node ids a confirmed action is changing
	version uint64          // bumped whenever rows are rebuilt, so the table's line cache refreshes
	tree    *components.FlatTree
	// folded[i] is true when the user folded node i; foldedIDs remembers it
	// by node id across refreshes.
	folded    []bool
	foldedIDs map[int64]bool
	// rows are the table's rows, one per visible node: only its key, filter
	// key and index. The table draws a row (drawRow) only when it comes on
	// screen: at 30,000 flows the cells of every node were about 75 MB.
	rows      []components.Row
	rowData   []any     // rowData[i] is i, boxed once per load: rows are rebuilt on every fold and health poll
	flows     []flowKey // origins in server order with their sort keys
	roots     []int     // origins in display order
	sort      treeSort
	visible   []int
	flowCount int

	// health is the shared org health check's verdicts (rank.go); share is
	// the session's check, own set when the screen made it (no Deps.Health).
	health        verdicts
	share         *rb.HealthShare
	own           bool
	healthWaiting bool // a WaitHealth Cmd is out for health.check
	issuesOnly    bool // only flows with issues (or not judged yet)

	// list is the filterable table; table and filter are its parts.
	list   viewkit.FilterTable
	table  *components.Table
	filter *components.FilterInput
}

// New builds the flows tree screen.
func New(d ui.Deps) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{
		d: d, th: d.Theme, now: d.Now, keys: d.ScreenKeys.Flows, loads: viewkit.NewLoads(),
		pending: viewkit.Pending{}, foldedIDs: map[int64]bool{},
		tree: components.NewFlatTree(nil, false),
	}
	s.cols = layoutFor(0)
	s.colSpecs = tableColumns(s.cols)
	s.list = viewkit.NewFilterTable(components.NewTable(s.th, d.Keys, s.colSpecs))
	s.table, s.filter = s.list.Table, s.list.Filter
	s.table.Sortable = false // a tree keeps its order; s sorts whole flows
	s.marks = viewkit.NewMarks()
	s.table.SetMarked(func(r *components.Row) bool { return s.marks.Has(s.rowFlow(r)) })
	s.table.SetDraw(s.drawRow)
	s.share, s.own = viewkit.HealthShare(d)
	return s
}

// Init starts the first load and follows the session's health check.
func (s *Screen) Init() tea.Cmd { return tea.Batch(s.reload(), s.startHealth()) }

// Close cancels in-flight requests; the shell calls it when the screen is
// popped. The session's shared check outlives the screen.
func (s *Screen) Close() {
	s.loads.Close()
	if s.own {
		s.share.Close()
	}
}

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	if s.loading {
		// One load at a time: at 30,000 flows a load outlasts the 30 s
		// refresh, and a new one per tick stacked listings that starved
		// each other so that none ever ended. The load in flight answers
		// this refresh; one that a mutation may have outdated is read again
		// when it ends (staleSince).
		return nil
	}
	s.loading, s.staleSince = true, false
	return loadFlows(s.loads.Ctx(), s.d.API, s.loads.Next(), s.d.AccessRole, s.now)
}

// Title is the breadcrumb label.
func (s *Screen) Title() string { return "Flows" }

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if cols := layoutFor(w); !slices.Equal(cols, s.cols) {
		s.cols = cols
		s.colSpecs = tableColumns(cols)
		s.table.SetColumns(s.colSpecs)
		s.invalidateRows()
	}
	s.list.SetSize(w, h)
}

// CapturesInput is true while the filter field has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc while a filter is applied: esc clears it first,
// the next esc goes back.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	return []keymap.Action{g.Enter, s.keys.Marks.Mark, s.keys.IssuesOnly, s.keys.Toggle, g.Filter, s.keys.SortNext, g.Pause, g.Activate, s.keys.PauseOne, g.Refresh}
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	return [][]keymap.Action{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
		{g.Enter, s.keys.Toggle, s.keys.Expand, s.keys.Collapse, g.Filter, s.keys.SortNext, s.keys.SortFlip, s.keys.IssuesOnly, g.Refresh},
		{g.Pause, g.Activate, s.keys.PauseOne, s.keys.ActivateOne, g.Runbook, g.CopyID},
		viewkit.MarkHelp(s.keys.Marks),
	}
}

// Selected is the node under the cursor.
func (s *Screen) Selected() (ui.Selection, bool) {
	n, ok := s.current()
	if !ok {
		return ui.Selection{}, false
	}
	return ui.Selection{RT: n.RT, ID: n.ID, Name: n.Name, FlowID: n.FlowID}, true
}

func (s *Screen) current() (treeNode, bool) {
	if i, ok := s.list.SelectedIndex(len(s.nodes)); ok {
		return s.nodes[i], true
	}
	return treeNode{}, false
}

// currentIndex is the node under the cursor, -1 for none.
func (s *Screen) currentIndex() int {
	i, _ := s.list.SelectedIndex(len(s.nodes))
	return i
}

// Preview summarises the selected node for the shell's preview pane.
func (s *Screen) Preview() string {
	n, ok := s.current()
	if !ok {
		return ""
	}
	var b strings.Builder
	line := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	line("Flow", n.FlowName+" (id "+strconv.FormatInt(n.FlowID, 10)+")")
	line("Node", n.Label()+" (id "+strconv.FormatInt(n.ID, 10)+", node "+strconv.FormatInt(n.NodeID, 10)+")")
	line("Status", viewkit.Or(n.Status, "-")+" / "+viewkit.Or(n.Runtime, "-"))
	// Health first: the preview pane of an 80x24 terminal shows ~8 lines.
	if n.Depth == 0 {
		line("Health", s.healthPreview(&n))
	}
	if n.FailErrors > 0 {
		errs := viewkit.Count(int(n.FailErrors)) + " errors"
		if n.FailErrors == 1 {
			errs = "1 error"
		}
		line("Failing", "the latest run failed here ("+errs+")")
	}
	line("Connector", viewkit.Or(n.Connector, "-"))
	if n.LastRunID != 0 {
		// A run id is an epoch-ms start, easy to misread as a time: it is
		// named as an id, after the time it stands for.
		line("Last run", viewkit.Ago(s.now(), n.LastRunAt)+" (run id "+strconv.FormatInt(n.LastRunID, 10)+")")
	}
	if n.Depth == 0 {
		line("Records/errors", countsText(n))
	}
	if n.HasChildren() {
		line("Downstream", strconv.Itoa(n.Subtree)+" node(s)")
	}
	if s.pending[n.NodeID] {
		line("Pending", viewkit.PendingLabel)
	}
	return strings.TrimRight(b.String(), "\n")
}

// applyNodes installs a fresh load; the table keeps the cursor on the same
// node and the user's folds survive by node id.
func (s *Screen) applyNodes(nodes []treeNode) {
	s.nodes = nodes
	s.pending = viewkit.Pending{}
	parents := make([]int, len(nodes))
	s.folded = make([]bool, len(nodes))
	for i := range nodes {
		parents[i] = nodes[i].Parent
		s.folded[i] = s.foldedIDs[nodes[i].NodeID]
	}
	s.tree = components.NewFlatTree(parents, s.th.Glyphs.Selected == ">")
	s.rowData = make([]any, len(nodes))
	for i := range s.rowData {
		s.rowData[i] = i
	}
	s.flows = flowKeys(nodes)
	s.flowCount = len(s.flows)
	s.applyVerdicts()
	s.invalidateRows()
}

// invalidateRows redraws every row (after a load, a new verdict, a width
// or pending change): rows are drawn when shown, so only the version moves.
func (s *Screen) invalidateRows() {
	s.version++
	s.rebuildRows()
}

// isOpen: a node shows its children unless folded; a filter ignores folds
// so a match inside a folded subtree is still found.
func (s *Screen) isOpen(i int) bool {
	return !s.folded[i] || s.table.Query() != ""
}

// rebuildRows hands the visible nodes to the table after a load, a fold, a
// sort or a pending change: an index walk that skips folded subtrees, then
// one small row per node (key, filter key, index) in a reused buffer. No
// cell is built: the table draws the rows it shows (drawRow).
func (s *Screen) rebuildRows() {
	s.visible = s.tree.Visible(s.roots, s.isOpen, s.visible[:0])
	// The buffer is rewritten in place, under the table's feet: the
	// selected row's key is read first, and the cursor put back on it.
	sel, selected := s.table.SelectedRow()
	buf := s.rows[:0]
	for _, i := range s.visible {
		n := &s.nodes[i]
		r := components.Row{Key: n.rowKey, FilterKey: n.filterKey, Version: s.version, Data: s.rowData[i]}
		if !s.isOpen(i) && s.tree.HasChildren(i) {
			r.Version++ // the same row folded draws differently
		}
		buf = append(buf, r)
	}
	s.rows = buf
	s.table.SetRowsClean(buf)
	if selected {
		s.table.SelectKey(sel.Key)
	}
}

// drawRow is the table's draw func: node i's cells with its tree lines
// and fold glyph, built when the row comes on screen.
func (s *Screen) drawRow(r *components.Row) components.Row {
	i, ok := r.Data.(int)
	if !ok || i < 0 || i >= len(s.nodes) {
		return components.Row{}
	}
	row := s.row(i)
	open := s.isOpen(i) || !s.tree.HasChildren(i)
	row.Prefix = s.tree.Prefix(i, open) + row.Prefix
	return row
}

// setSort reorders the flows and puts the cursor on the first one: the
// point of sorting is to look at what came to the top.
func (s *Screen) setSort(t treeSort) {
	s.sort = t
	s.roots = s.rankRoots()
	s.rebuildRows()
	s.table.SetCursor(0)
}

var (
	_ ui.Screen          = (*Screen)(nil)
	_ ui.BackInterceptor = (*Screen)(nil)
	_ ui.Selectable      = (*Screen)(nil)
)
