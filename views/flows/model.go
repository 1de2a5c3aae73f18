// Package flows is the flows tree: every flow visible to the caller as
// origin source -> nexsets -> destinations, with status, runtime status,
// connector, last run and error count per node, and pause/activate of a
// whole flow (p/a) or of the one resource under the cursor (P/A).
package flows

import (
	"context"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// keys are the flows screen's own bindings (the shared ones come from Deps.Keys).
type keys struct {
	Toggle, Expand, Collapse key.Binding
	PauseOne, ActivateOne    key.Binding
}

func defaultKeys() keys {
	return keys{
		Toggle:      key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "expand/collapse")),
		Expand:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "expand")),
		Collapse:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
		PauseOne:    key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pause this resource only")),
		ActivateOne: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "activate this resource only")),
	}
}

// Screen is the flows tree.
type Screen struct {
	d     ui.Deps
	th    *theme.Theme
	now   func() time.Time
	keys  keys
	token *screenToken

	ctx    context.Context
	cancel context.CancelFunc

	w, h     int
	wide     bool // w >= wideFrom: the run id has its own column
	seq      int
	loading  bool
	loaded   bool
	err      error
	loadedAt time.Time

	nodes   []treeNode
	pending map[int64]string // node id -> "pausing…" while a confirmed action runs
	version uint64           // bumped on every load so the table's row cache refreshes
	// rowCache holds s.row(i) per node, rebuilt only when content changes
	// (a fold then costs a tree flatten, not 100,000 row builds).
	rowCache  []components.Row
	flowCount int

	table   *components.Table
	tree    *components.Tree // remembers what the user folded, by row key
	allOpen *components.Tree // used while filtering, so matches in folded subtrees show
	filter  *components.FilterInput
}

// New builds the flows tree screen.
func New(d ui.Deps) *Screen {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Screen{
		d: d, th: viewkit.ThemeOr(d.Theme), now: viewkit.NowOr(d.Now), keys: defaultKeys(),
		token: &screenToken{}, ctx: ctx, cancel: cancel,
		pending: map[int64]string{},
	}
	ascii := s.th.Glyphs.Selected == ">"
	s.tree = components.NewTree(true, ascii)
	s.allOpen = components.NewTree(true, ascii)
	s.filter = components.NewFilterInput("flows")
	s.table = components.NewTable(s.th, d.Keys, columns(false))
	s.table.Sortable = false // a tree keeps its order
	return s
}

// Init starts the first load.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Close cancels in-flight requests; the shell calls it when the screen is popped.
func (s *Screen) Close() { s.cancel() }

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	s.seq++
	s.loading = true
	return loadFlows(s.ctx, s.d.API, s.token, s.seq, s.d.AccessRole, s.now)
}

// Title is the breadcrumb label.
func (s *Screen) Title() string { return "Flows" }

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if wide := w >= wideFrom; wide != s.wide {
		s.wide = wide
		s.table.SetColumns(columns(wide))
		s.invalidateRows()
	}
	s.table.SetSize(w, max(h-1, 0)) // one status line above the table
}

// CapturesInput is true while the filter field has focus.
func (s *Screen) CapturesInput() bool { return s.filter.Open() }

// InterceptBack keeps esc while a filter is applied: esc clears it first,
// the next esc goes back.
func (s *Screen) InterceptBack() bool { return s.filter.Active() }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []key.Binding {
	g := s.d.Keys
	return []key.Binding{g.Enter, s.keys.Toggle, g.Filter, g.Pause, g.Activate, s.keys.PauseOne, g.Refresh}
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]key.Binding {
	g := s.d.Keys
	return [][]key.Binding{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
		{g.Enter, s.keys.Toggle, s.keys.Expand, s.keys.Collapse, g.Filter, g.Refresh},
		{g.Pause, g.Activate, s.keys.PauseOne, s.keys.ActivateOne, g.Runbook, g.CopyID},
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
	r, ok := s.table.SelectedRow()
	if !ok {
		return treeNode{}, false
	}
	i, _ := r.Data.(int)
	if i < 0 || i >= len(s.nodes) {
		return treeNode{}, false
	}
	return s.nodes[i], true
}

func (s *Screen) currentIndex() int {
	r, ok := s.table.SelectedRow()
	if !ok {
		return -1
	}
	i, _ := r.Data.(int)
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
	line("Connector", viewkit.Or(n.Connector, "-"))
	if n.LastRunID != 0 {
		line("Last run", strconv.FormatInt(n.LastRunID, 10)+" "+viewkit.Ago(s.now(), n.LastRunAt))
	}
	if n.Depth == 0 {
		line("Records/errors", strconv.FormatInt(n.Records, 10)+" / "+strconv.FormatInt(n.Errors, 10))
	}
	if n.HasChildren() {
		line("Downstream", strconv.Itoa(n.Subtree)+" node(s)")
	}
	if p := s.pending[n.NodeID]; p != "" {
		line("Pending", p)
	}
	return strings.TrimRight(b.String(), "\n")
}

// applyNodes installs a fresh load; the table keeps the cursor on the same node.
func (s *Screen) applyNodes(nodes []treeNode) {
	s.nodes = nodes
	s.pending = map[int64]string{}
	s.flowCount = 0
	for i := range nodes {
		if nodes[i].Depth == 0 {
			s.flowCount++
		}
	}
	s.invalidateRows()
}

// invalidateRows rebuilds every row (after a load, a width change or a
// pending change) and hands them to the table.
func (s *Screen) invalidateRows() {
	s.version++
	s.rowCache = s.rowCache[:0]
	s.rebuildRows()
}

// rebuildRows hands the tree to the table after a load, a fold or a pending
// change. While a filter is applied every node is offered (folds ignored), so
// a match inside a folded subtree is still found.
func (s *Screen) rebuildRows() {
	if len(s.rowCache) != len(s.nodes) {
		s.rowCache = make([]components.Row, len(s.nodes))
		for i := range s.nodes {
			s.rowCache[i] = s.row(i)
		}
	}
	treeNodes := make([]components.TreeNode, len(s.nodes))
	var roots []*components.TreeNode
	for i := range s.nodes {
		treeNodes[i].Row = s.rowCache[i]
		if p := s.nodes[i].Parent; p >= 0 {
			treeNodes[p].Children = append(treeNodes[p].Children, &treeNodes[i])
		} else {
			roots = append(roots, &treeNodes[i])
		}
	}
	tr := s.tree
	if s.table.Query() != "" {
		tr = s.allOpen
	}
	tr.SetRoots(roots)
	s.table.SetRows(tr.Flatten())
}

var (
	_ ui.Screen          = (*Screen)(nil)
	_ ui.BackInterceptor = (*Screen)(nil)
	_ ui.Selectable      = (*Screen)(nil)
)
