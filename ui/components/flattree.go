package components

// FlatTree is a tree held as one slice in depth-first order, each node
// knowing its parent and the size of its subtree. Listing what is visible
// skips a folded subtree in one step, so a fold costs O(visible rows), and
// the box-drawing indent of every node is computed once per tree (it does
// not depend on what is folded), so nothing is rebuilt per fold.
//
//	ft := components.NewFlatTree(parents, ascii) // parents[i] < i, -1 for roots
//	rows := ft.Visible(roots, isOpen, rows[:0])   // roots in any order
//	prefix := ft.Prefix(i, isOpen(i))             // indent + connector + fold glyph
type FlatTree struct {
	parent   []int
	subtree  []int // nodes below i
	children []int // direct children of i
	indent   []string
	g        treeGlyphs
}

// NewFlatTree indexes a depth-first node list given each node's parent
// index (-1 for a root). A parent must come before its children and a
// subtree must be contiguous, which depth-first order guarantees.
func NewFlatTree(parents []int, ascii bool) *FlatTree {
	n := len(parents)
	t := &FlatTree{parent: parents, subtree: make([]int, n), children: make([]int, n), indent: make([]string, n),
		g: glyphsFor(ascii)}
	// Subtree sizes from the leaves up: every node adds itself and its
	// subtree to its parent; parents come first, so walk backwards.
	for i := n - 1; i >= 0; i-- {
		if p := parents[i]; p >= 0 {
			t.subtree[p] += t.subtree[i] + 1
			t.children[p]++
		}
	}
	// Indents top-down: a child's indent continues its parent's with a pipe
	// when the parent has a later sibling, blanks when it was the last.
	last := make([]bool, n) // node i is its parent's last child
	for i := 0; i < n; i++ {
		if p := parents[i]; p >= 0 {
			last[i] = i+t.subtree[i] == p+t.subtree[p]
		}
	}
	cont := make([]string, n) // what i's children inherit before their connector
	for i := 0; i < n; i++ {
		p := parents[i]
		if p < 0 {
			continue
		}
		conn := t.g.branch
		if last[i] {
			conn = t.g.last
		}
		t.indent[i] = cont[p] + conn
		if last[i] {
			cont[i] = cont[p] + "  "
		} else {
			cont[i] = cont[p] + t.g.pipe
		}
	}
	return t
}

func glyphsFor(ascii bool) treeGlyphs {
	if ascii {
		return treeGlyphs{branch: "|-", last: "`-", pipe: "| ", open: "- ", closed: "+ ", leaf: "  "}
	}
	return treeGlyphs{branch: "├─", last: "└─", pipe: "│ ", open: "▾ ", closed: "▸ ", leaf: "· "}
}

// Len is the number of nodes.
func (t *FlatTree) Len() int { return len(t.parent) }

// Parent of node i (-1 for a root).
func (t *FlatTree) Parent(i int) int { return t.parent[i] }

// Subtree is the number of nodes below i.
func (t *FlatTree) Subtree(i int) int { return t.subtree[i] }

// HasChildren reports whether i can be folded.
func (t *FlatTree) HasChildren(i int) bool { return t.children[i] > 0 }

// Prefix is node i's indent lines, connector and fold glyph ("▾ " open,
// "▸ " folded, "· " leaf).
func (t *FlatTree) Prefix(i int, open bool) string {
	switch {
	case t.children[i] == 0:
		return t.indent[i] + t.g.leaf
	case open:
		return t.indent[i] + t.g.open
	}
	return t.indent[i] + t.g.closed
}

// Visible appends to dst the nodes shown when the roots are listed in the
// given order and a node's children show only while isOpen(node) holds.
func (t *FlatTree) Visible(roots []int, isOpen func(i int) bool, dst []int) []int {
	for _, r := range roots {
		end := r + t.subtree[r]
		for i := r; i <= end; i++ {
			dst = append(dst, i)
			if t.children[i] > 0 && !isOpen(i) {
				i += t.subtree[i]
			}
		}
	}
	return dst
}

// treeGlyphs are the tree lines and fold marks.
type treeGlyphs struct{ branch, last, pipe, open, closed, leaf string }
