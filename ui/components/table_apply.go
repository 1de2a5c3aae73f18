package components

import (
	"sort"
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
		for i, k := range t.filter {
			if strings.Contains(k, t.query) {
				t.visible = append(t.visible, i)
			}
		}
		t.fuzzy = len(t.visible) == 0
		if t.fuzzy {
			for i, k := range t.filter {
				if fuzzyMatch(k, t.query) {
					t.visible = append(t.visible, i)
				}
			}
		}
	}
	if t.sortCol >= 0 && t.sortCol < len(t.cols) {
		col, asc, numeric := t.sortCol, t.sortAsc, t.cols[t.sortCol].Numeric
		sort.SliceStable(t.visible, func(a, b int) bool {
			ca, cb := cellOf(&t.rows[t.visible[a]], col), cellOf(&t.rows[t.visible[b]], col)
			less := lessCell(ca, cb, numeric)
			if !asc {
				return lessCell(cb, ca, numeric)
			}
			return less
		})
	}
	t.cursor = max(0, min(t.cursor, len(t.visible)-1))
	t.clampOffset()
}

func cellOf(r *Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

func lessCell(a, b string, numeric bool) bool {
	if numeric {
		na, ea := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
		nb, eb := strconv.ParseInt(strings.TrimSpace(b), 10, 64)
		if ea == nil && eb == nil {
			return na < nb
		}
		if (ea == nil) != (eb == nil) {
			return ea == nil // numbers before blanks
		}
	}
	return strings.ToLower(a) < strings.ToLower(b)
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
