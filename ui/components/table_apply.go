package components

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// apply recomputes the visible rows from the filter and sort.
func (t *Table) apply() {
	t.visible = t.visible[:0]
	if t.query == "" {
		if cap(t.visible) < len(t.rows) {
			t.visible = make([]int, 0, len(t.rows))
		}
		for i := range t.rows {
			t.visible = append(t.visible, i)
		}
	} else {
		// Substring first; only when nothing contains the query does the
		// fuzzy match (characters in order) apply, so a precise query stays
		// precise and a sloppy one still finds something.
		for i := range t.rows {
			if strings.Contains(t.rows[i].FilterKey, t.query) {
				t.visible = append(t.visible, i)
			}
		}
		t.fuzzy = len(t.visible) == 0
		if t.fuzzy {
			for i := range t.rows {
				if fuzzyMatch(t.rows[i].FilterKey, t.query) {
					t.visible = append(t.visible, i)
				}
			}
		}
	}
	if t.sortCol >= 0 && t.sortCol < len(t.cols) {
		t.sortVisible()
	}
	t.cursor = max(0, min(t.cursor, len(t.visible)-1))
	t.clampOffset()
}

// sortKey is one row's key for the sorted column: numeric cells sort by
// value (blanks after numbers), the rest by their lower-cased text.
type sortKey struct {
	num   int64
	isNum bool
	text  string
}

func (t *Table) buildSortKeys() {
	col, numeric := t.sortCol, t.cols[t.sortCol].Numeric
	if t.sortKeys != nil && t.sortKeyC == col {
		return
	}
	keys := make([]sortKey, len(t.rows))
	for i := range t.rows {
		r := t.drawn(i)
		c := cellOf(&r, col)
		if numeric {
			if n, err := strconv.ParseInt(strings.TrimSpace(c), 10, 64); err == nil {
				keys[i] = sortKey{num: n, isNum: true}
				continue
			}
		}
		keys[i].text = strings.ToLower(c)
	}
	t.sortKeys, t.sortKeyC = keys, col
}

// sortVisible orders the visible indexes by the sort column. Ties keep the
// original order (the index is the last key), so the result is stable
// without the cost of a stable sort.
func (t *Table) sortVisible() {
	t.buildSortKeys()
	keys, asc := t.sortKeys, t.sortAsc
	slices.SortFunc(t.visible, func(a, b int) int {
		c := compareKeys(&keys[a], &keys[b])
		if !asc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return a - b
	})
}

func compareKeys(a, b *sortKey) int {
	switch {
	case a.isNum && b.isNum:
		return cmp.Compare(a.num, b.num)
	case a.isNum != b.isNum:
		if a.isNum {
			return -1 // numbers before blanks
		}
		return 1
	}
	return strings.Compare(a.text, b.text)
}

func cellOf(r *Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

// Fuzzy reports whether the current filter fell back to fuzzy matching.
func (t *Table) Fuzzy() bool { return t.fuzzy }

// fuzzyMatch reports whether key holds query's bytes in order.
func fuzzyMatch(key, query string) bool {
	qi := 0
	for i := 0; i < len(key) && qi < len(query); i++ {
		if key[i] == query[qi] {
			qi++
		}
	}
	return qi == len(query)
}
