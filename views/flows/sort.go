package flows

import (
	"cmp"
	"slices"
	"strings"
)

// sortMode orders the flows (origins move with their whole subtree; a
// flow's own nodes keep the server's order).
type sortMode uint8

const (
	sortHealth  sortMode = iota // the health model's order, worst first (as :health): the default
	sortErrors                  // worst problem first, then most errors of the last run
	sortLastRun                 // oldest last run first: stuck flows surface; never-run last
	sortName                    // flow name A-Z
	sortServer                  // as the server sent them (newest flow first)
	sortModes
)

// treeSort is the sort the user picked; reversed flips its natural order.
type treeSort struct {
	mode     sortMode
	reversed bool
}

// label is short: the status line also carries counts and freshness.
func (t treeSort) label() string {
	switch t.mode {
	case sortHealth:
		if t.reversed {
			return "by health, best first"
		}
		return "by health"
	case sortName:
		if t.reversed {
			return "by name Z-A"
		}
		return "by name"
	case sortErrors:
		if t.reversed {
			return "by errors, fewest first"
		}
		return "by errors"
	case sortLastRun:
		if t.reversed {
			return "by last run, newest first"
		}
		return "by last run, oldest first"
	}
	return "server order"
}

// next cycles health -> errors -> last run -> name -> server -> health.
func (t treeSort) next() treeSort { return treeSort{mode: (t.mode + 1) % sortModes} }

// flowKey is one flow's precomputed sort key, built once per load.
type flowKey struct {
	origin  int // index of the origin node
	rank    int // place in the health order (applyHealth); unjudged flows last
	name    string
	problem problem
	errors  int64
	lastRun int64 // unix nanoseconds; 0 = never ran
}

// flowKeys collects the origins in server order with their keys.
func flowKeys(nodes []treeNode) []flowKey {
	var out []flowKey
	for i := 0; i < len(nodes); i++ {
		n := &nodes[i]
		if n.Depth != 0 {
			continue
		}
		k := flowKey{origin: i, name: strings.ToLower(n.FlowName), problem: n.Problem, errors: n.Errors}
		if !n.LastRunAt.IsZero() {
			k.lastRun = n.LastRunAt.UnixNano()
		}
		out = append(out, k)
		i += n.Subtree
	}
	return out
}

// orderRoots writes the origins in the chosen order into dst. Ties keep the
// server's order (the origin index is the last key), so the sort is stable.
func orderRoots(keys []flowKey, t treeSort, dst []int) []int {
	sorted := slices.Clone(keys)
	dir := 1
	if t.reversed {
		dir = -1
	}
	// by takes its keys by value: a func value's pointer arguments escape,
	// and each comparison of a 30,000-flow sort allocated two keys (about
	// 50 MB of garbage per sort, one sort per health snapshot).
	var by func(a, b flowKey) int
	switch t.mode {
	case sortHealth:
		by = func(a, b flowKey) int { return dir * cmp.Compare(a.rank, b.rank) }
	case sortName:
		by = func(a, b flowKey) int { return dir * strings.Compare(a.name, b.name) }
	case sortErrors:
		by = func(a, b flowKey) int {
			if c := cmp.Compare(b.problem, a.problem); c != 0 {
				return dir * c
			}
			return dir * cmp.Compare(b.errors, a.errors)
		}
	case sortLastRun:
		by = func(a, b flowKey) int {
			if (a.lastRun == 0) != (b.lastRun == 0) {
				return cmp.Compare(b.lastRun, a.lastRun) // never-run flows last either way
			}
			return dir * cmp.Compare(a.lastRun, b.lastRun)
		}
	}
	if by != nil {
		slices.SortFunc(sorted, func(a, b flowKey) int {
			if c := by(a, b); c != 0 {
				return c
			}
			return a.origin - b.origin
		})
	}
	dst = dst[:0]
	for _, k := range sorted {
		dst = append(dst, k.origin)
	}
	return dst
}
