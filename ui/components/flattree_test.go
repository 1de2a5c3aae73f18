package components

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// randomForest builds a depth-first forest: parents for FlatTree and the
// same shape as TreeNodes for the reference Tree.
func randomForest(r *rand.Rand, n int) ([]int, []*TreeNode) {
	parents := make([]int, n)
	nodes := make([]TreeNode, n)
	depth := make([]int, n)
	var roots []*TreeNode
	for i := 0; i < n; i++ {
		nodes[i].Row = Row{Key: strconv.Itoa(i), Cells: []string{"n" + strconv.Itoa(i)}}
		// Attach to one of the ancestors of the previous node (keeps depth-first order).
		p := -1
		if i > 0 && r.IntN(4) != 0 {
			p = i - 1
			for k := r.IntN(depth[i-1] + 2); k > 0 && p >= 0; k-- {
				p = parents[p]
			}
		}
		parents[i] = p
		if p < 0 {
			roots = append(roots, &nodes[i])
			continue
		}
		depth[i] = depth[p] + 1
		nodes[p].Children = append(nodes[p].Children, &nodes[i])
	}
	return parents, roots
}

// FlatTree lists the same rows with the same indent lines as Tree for any
// shape and fold state (Tree is the simple recursive reference).
func TestFlatTreeMatchesTree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		parents, roots := randomForest(r, 1+r.IntN(60))
		ascii := round%2 == 1
		ft := NewFlatTree(parents, ascii)
		ref := NewTree(true, ascii)
		ref.SetRoots(roots)
		folded := map[int]bool{}
		for i := range parents {
			if ft.HasChildren(i) && r.IntN(3) == 0 {
				folded[i] = true
				ref.SetExpanded(strconv.Itoa(i), false)
			}
		}
		var rootIdx []int
		for i, p := range parents {
			if p < 0 {
				rootIdx = append(rootIdx, i)
			}
		}
		open := func(i int) bool { return !folded[i] }
		got := ft.Visible(rootIdx, open, nil)
		want := ref.Flatten()
		if len(got) != len(want) {
			t.Fatalf("round %d: %d visible rows, reference %d", round, len(got), len(want))
		}
		for k, i := range got {
			if want[k].Key != strconv.Itoa(i) {
				t.Fatalf("round %d row %d: node %d, reference %s", round, k, i, want[k].Key)
			}
			if p := ft.Prefix(i, open(i)); p != want[k].Prefix {
				t.Fatalf("round %d node %d: prefix %q, reference %q", round, i, p, want[k].Prefix)
			}
		}
	}
}

// Roots may come in any order (sorted flows); each keeps its own subtree.
func TestFlatTreeVisibleInRootOrder(t *testing.T) {
	// 0 ─ 1 ─ 2, 3 ─ 4
	ft := NewFlatTree([]int{-1, 0, 1, -1, 3}, false)
	got := ft.Visible([]int{3, 0}, func(i int) bool { return i != 1 }, nil)
	want := []int{3, 4, 0, 1}
	if !slices.Equal(got, want) {
		t.Fatalf("visible %v, want %v (node 1 folded hides 2)", got, want)
	}
	if ft.Subtree(0) != 2 || ft.Parent(2) != 1 || ft.Prefix(1, false) != "└─▸ " || ft.Prefix(2, true) != "  └─· " {
		t.Fatalf("subtree %d parent %d prefixes %q %q", ft.Subtree(0), ft.Parent(2), ft.Prefix(1, false), ft.Prefix(2, true))
	}
}
