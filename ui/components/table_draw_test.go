package components

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/theme"
)

// A table with a draw func keeps rows without cells and draws only the
// rows on screen (each once while it stays there); filtering uses the
// rows' filter keys, sorting draws the sorted column of every row.
func TestSetDrawDrawsOnlyTheRowsOnScreen(t *testing.T) {
	tb := NewTable(theme.New(theme.Options{NoColor: true}), keymap.Default(),
		[]Column{{Title: "N", Width: 6, Numeric: true}, {Title: "NAME", MinWidth: 8}})
	drawn := map[int]int{}
	tb.SetDraw(func(r *Row) Row {
		i := r.Data.(int)
		drawn[i]++
		return Row{Cells: []string{strconv.Itoa(i), "flow-" + strconv.Itoa(i)}}
	})
	rows := make([]Row, 10000)
	for i := range rows {
		rows[i] = Row{Key: strconv.Itoa(i), FilterKey: "flow-" + strconv.Itoa(i), Data: i}
	}
	tb.SetRowsClean(rows)
	tb.SetSize(40, 11) // a header and 10 rows
	v := tb.View()
	_ = tb.View() // cached: drawn again only when a row changes
	if len(drawn) != 10 || drawn[0] != 1 || drawn[9] != 1 || !strings.Contains(v, "flow-9") {
		t.Fatalf("drew %d rows (%v), want the 10 on screen once:\n%s", len(drawn), drawn, v)
	}
	for _, r := range tb.Rows() {
		if r.Cells != nil {
			t.Fatalf("row %s keeps cells %q", r.Key, r.Cells)
		}
	}
	tb.SetFilter("flow-9999")
	if m, _ := tb.Counts(); m != 1 || !strings.Contains(tb.View(), "flow-9999") {
		t.Fatalf("filter: %d rows match:\n%s", m, tb.View())
	}
	tb.SetFilter("")
	tb.SortBy(0)
	tb.SortBy(0) // descending: the sort key comes from the drawn cells
	if r, _ := tb.SelectedRow(); !strings.Contains(tb.View(), "flow-9999") || r.Cells != nil {
		t.Fatalf("sorted descending, the top is not flow-9999:\n%s", tb.View())
	}
}
