package components

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// randomForest builds a depth-first forest as FlatTree takes it: each
// node's parent index, -1 for a root.
func randomForest(r *rand.Rand, n int) []int {
	parents := make([]int, n)
	depth := make([]int, n)
	for i := 0; i < n; i++ {
		// Attach to one of the ancestors of the previous node (keeps depth-first order).
		p := -1
		if i > 0 && r.IntN(4) != 0 {
			p = i - 1
			for k := r.IntN(depth[i-1] + 2); k > 0 && p >= 0; k-- {
				p = parents[p]
			}
		}
		parents[i] = p
		if p >= 0 {
			depth[i] = depth[p] + 1
		}
	}
	return parents
}

// The drawing of a small tree, read off the screen: lines continue under a
// branch that has siblings below it, not under a last child; a folded
// node hides its whole subtree and shows the closed glyph.
func TestFlatTreeDrawsLinesAndFolds(t *testing.T) {
	// src ─ set ─ dst ─ col, set ─ dst2, set2
	parents := []int{-1, 0, 1, 2, 1, 0}
	draw := func(ascii bool, folded int) []string {
		ft := NewFlatTree(parents, ascii)
		open := func(i int) bool { return i != folded }
		var out []string
		for _, i := range ft.Visible([]int{0}, open, nil) {
			out = append(out, ft.Prefix(i, open(i))+strconv.Itoa(i))
		}
		return out
	}
	for _, c := range []struct {
		ascii  bool
		folded int
		want   []string
	}{
		{false, -1, []string{"▾ 0", "├─▾ 1", "│ ├─▾ 2", "│ │ └─· 3", "│ └─· 4", "└─· 5"}},
		{true, -1, []string{"- 0", "|-- 1", "| |-- 2", "| | `-  3", "| `-  4", "`-  5"}},
		{false, 1, []string{"▾ 0", "├─▸ 1", "└─· 5"}},
		{true, 2, []string{"- 0", "|-- 1", "| |-+ 2", "| `-  4", "`-  5"}},
	} {
		if got := draw(c.ascii, c.folded); !slices.Equal(got, c.want) {
			t.Errorf("ascii=%v folded=%d:\n got %q\nwant %q", c.ascii, c.folded, got, c.want)
		}
	}
}

// For any shape and fold state, Visible lists exactly the nodes whose
// ancestors are all open, in depth-first order, and Prefix draws each one
// by the rule above (a pipe under every ancestor that has a later sibling).
func TestFlatTreeVisibleAndPrefixOnRandomForests(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		parents := randomForest(r, 1+r.IntN(60))
		ft := NewFlatTree(parents, false)
		folded := map[int]bool{}
		for i := range parents {
			if ft.HasChildren(i) && r.IntN(3) == 0 {
				folded[i] = true
			}
		}
		open := func(i int) bool { return !folded[i] }
		lastChild := func(i int) bool {
			for j := i + 1; j < len(parents); j++ {
				if parents[j] == parents[i] {
					return false
				}
			}
			return true
		}
		var roots, want []int
		for i, p := range parents {
			if p < 0 {
				roots = append(roots, i)
			}
			shown := true
			for a := p; a >= 0; a = parents[a] {
				shown = shown && open(a)
			}
			if shown {
				want = append(want, i)
			}
		}
		if got := ft.Visible(roots, open, nil); !slices.Equal(got, want) {
			t.Fatalf("round %d: visible %v, want %v", round, got, want)
		}
		for _, i := range want {
			prefix := "· "
			if ft.HasChildren(i) {
				prefix = map[bool]string{true: "▾ ", false: "▸ "}[open(i)]
			}
			if parents[i] >= 0 {
				prefix = map[bool]string{true: "└─", false: "├─"}[lastChild(i)] + prefix
				for a := parents[i]; parents[a] >= 0; a = parents[a] {
					prefix = map[bool]string{true: "  ", false: "│ "}[lastChild(a)] + prefix
				}
			}
			if got := ft.Prefix(i, open(i)); got != prefix {
				t.Fatalf("round %d node %d: prefix %q, want %q", round, i, got, prefix)
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
