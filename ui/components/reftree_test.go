package components

// Tree is the simple recursive tree flattener FlatTree replaced; it stays
// here, in the tests only, as the reference FlatTree is checked against.

// TreeNode is a node of a tree shown as a flattened Table.
type TreeNode struct {
	Row      Row // Row.Key must be unique in the tree
	Children []*TreeNode
}

// Tree flattens nodes into table rows with box-drawing indents and an
// expand/collapse glyph. Expansion is remembered by row Key across SetRoots,
// so refreshing a flow tree keeps what the user opened.
type Tree struct {
	roots    []*TreeNode
	expanded map[string]bool
	// DefaultExpanded opens nodes the tree has not seen before.
	DefaultExpanded bool
	ascii           bool
}

// NewTree builds an empty tree; ascii uses "|-", "`-", "+", "-" for the lines.
func NewTree(defaultExpanded, ascii bool) *Tree {
	return &Tree{expanded: make(map[string]bool), DefaultExpanded: defaultExpanded, ascii: ascii}
}

// SetRoots replaces the nodes.
func (t *Tree) SetRoots(roots []*TreeNode) { t.roots = roots }

// Toggle opens or closes the node with key; it reports the new state.
func (t *Tree) Toggle(key string) bool {
	open := !t.isOpen(key)
	t.expanded[key] = open
	return open
}

// SetExpanded opens or closes one node.
func (t *Tree) SetExpanded(key string, open bool) { t.expanded[key] = open }

// ExpandAll opens (or closes) every node.
func (t *Tree) ExpandAll(open bool) {
	var walk func(ns []*TreeNode)
	walk = func(ns []*TreeNode) {
		for _, n := range ns {
			if len(n.Children) > 0 {
				t.expanded[n.Row.Key] = open
				walk(n.Children)
			}
		}
	}
	walk(t.roots)
}

func (t *Tree) isOpen(key string) bool {
	if v, ok := t.expanded[key]; ok {
		return v
	}
	return t.DefaultExpanded
}

// Flatten returns the visible rows in depth-first order. Each row's Prefix
// holds the indent lines and the glyph ("▾" open, "▸" closed, "·" leaf); the
// Version is changed with the expansion state so cached lines refresh.
func (t *Tree) Flatten() []Row {
	g := treeGlyphs{branch: "├─", last: "└─", pipe: "│ ", open: "▾ ", closed: "▸ ", leaf: "· "}
	if t.ascii {
		g = treeGlyphs{branch: "|-", last: "`-", pipe: "| ", open: "- ", closed: "+ ", leaf: "  "}
	}
	var out []Row
	for _, root := range t.roots {
		out = t.flatten(out, root, "", "", g)
	}
	return out
}

// flatten appends n (drawn after indent+conn) and, when open, its children.
func (t *Tree) flatten(out []Row, n *TreeNode, indent, conn string, g treeGlyphs) []Row {
	r := n.Row
	glyph := g.leaf
	opened := false
	if len(n.Children) > 0 {
		opened = t.isOpen(r.Key)
		glyph = g.closed
		r.Version *= 2
		if opened {
			glyph = g.open
			r.Version++
		}
	}
	r.Prefix = indent + conn + glyph + r.Prefix
	out = append(out, r)
	if !opened {
		return out
	}
	childIndent := indent
	switch conn {
	case g.branch:
		childIndent += g.pipe
	case g.last:
		childIndent += "  "
	}
	for i, c := range n.Children {
		cc := g.branch
		if i == len(n.Children)-1 {
			cc = g.last
		}
		out = t.flatten(out, c, childIndent, cc, g)
	}
	return out
}
