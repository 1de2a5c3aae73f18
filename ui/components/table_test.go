package components

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/testkit"
	"github.com/nexla-tui/nexla-tui/theme"
)

func testTable(n int) *Table {
	t := NewTable(theme.New(theme.Options{}), keymap.Default(), []Column{
		{Title: "ID", Width: 6, Numeric: true}, {Title: "NAME", MinWidth: 8}, {Title: "STATUS", Width: 8},
	})
	rows := make([]Row, n)
	for i := range rows {
		status := "ACTIVE"
		if i%3 == 0 {
			status = "PAUSED"
		}
		rows[i] = Row{Key: fmt.Sprint(i), Cells: []string{fmt.Sprint(i + 1), fmt.Sprintf("flow-%05d", i), status}}
	}
	t.SetRows(rows)
	t.SetSize(60, 10)
	return t
}

func plainLines(s string) []string { return strings.Split(ansi.Strip(s), "\n") }

func TestTableViewIsExactSizeAndMarksSelection(t *testing.T) {
	tb := testTable(100)
	lines := plainLines(tb.View())
	if len(lines) != 10 {
		t.Fatalf("want 10 lines, got %d", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 60 {
			t.Fatalf("line %d width %d: %q", i, w, l)
		}
	}
	if !strings.HasPrefix(lines[1], "▶ 1 ") {
		t.Fatalf("first row not marked selected: %q", lines[1])
	}
}

func TestTableMovementScrollsAndClamps(t *testing.T) {
	tb := testTable(100)
	tb.Update(testkit.Key("end"))
	if tb.Cursor() != 99 {
		t.Fatalf("end: cursor %d", tb.Cursor())
	}
	lines := plainLines(tb.View())
	if !strings.HasPrefix(lines[9], "▶ 100 ") {
		t.Fatalf("last row not on the last line: %q", lines[9])
	}
	tb.Update(testkit.Key("j"))
	if tb.Cursor() != 99 {
		t.Fatalf("moved past the end: %d", tb.Cursor())
	}
	tb.Update(testkit.Key("pgup"))
	if tb.Cursor() != 91 {
		t.Fatalf("pgup: cursor %d, want 91", tb.Cursor())
	}
	tb.Update(testkit.Key("g"))
	if tb.Cursor() != 0 {
		t.Fatalf("home: cursor %d", tb.Cursor())
	}
	tb.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if tb.Cursor() != 3 {
		t.Fatalf("click on line 4 selects row 3, got %d", tb.Cursor())
	}
	tb.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if tb.Cursor() != 6 {
		t.Fatalf("wheel down moves 3, got %d", tb.Cursor())
	}
}

func TestTableFilterSubstringFuzzyAndCount(t *testing.T) {
	tb := testTable(100)
	tb.SetFilter("flow-0004")
	if m, total := tb.Counts(); m != 10 || total != 100 { // flow-00040..49
		t.Fatalf("substring: %d/%d", m, total)
	}
	tb.SetFilter("f05p") // no substring match: fuzzy f..0..5..p(AUSED)
	m, _ := tb.Counts()
	if m == 0 || m >= 100 || !tb.Fuzzy() {
		t.Fatalf("fuzzy matched %d (fuzzy=%v)", m, tb.Fuzzy())
	}
	tb.SetFilter("zzz")
	if m, _ := tb.Counts(); m != 0 {
		t.Fatalf("no match expected, got %d", m)
	}
	if !strings.Contains(ansi.Strip(tb.View()), "no rows match /zzz") {
		t.Fatal("empty filter result must say so")
	}
	tb.SetFilter("")
	if m, _ := tb.Counts(); m != 100 {
		t.Fatalf("cleared: %d", m)
	}
}

func TestTableSortNumericAndKeepsSelection(t *testing.T) {
	tb := testTable(20)
	tb.SetCursor(4) // id 5
	tb.SortBy(0)
	tb.SortBy(0) // descending
	r, _ := tb.SelectedRow()
	if r.Cells[0] != "5" {
		t.Fatalf("selection lost on sort: %v", r.Cells)
	}
	tb.SetCursor(0)
	first := plainLines(tb.View())[1]
	if !strings.Contains(first, "20 ") {
		t.Fatalf("descending numeric sort should start at 20: %q", first)
	}
	if !strings.Contains(plainLines(tb.View())[0], "ID↓") {
		t.Fatal("header must show the sort direction")
	}
}

func TestTableSanitizesCells(t *testing.T) {
	tb := testTable(1)
	tb.SetRows([]Row{{Key: "x", Cells: []string{"1", "evil\x1b]52;c;aGk=\x07name", "A"}}})
	if strings.Contains(tb.View(), "]52;") {
		t.Fatal("escape sequence reached the screen")
	}
}

func TestTableTinySizesDoNotPanic(t *testing.T) {
	tb := testTable(10)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {3, 2}, {5, 1}} {
		tb.SetSize(sz[0], sz[1])
		_ = tb.View()
	}
}

// Sorting: text ignores case, numbers come before blanks, equal keys keep
// the original order in both directions, and new rows get new sort keys.
func TestTableSortTiesAndFreshKeys(t *testing.T) {
	tb := NewTable(theme.New(theme.Options{NoColor: true}), keymap.Default(), []Column{{Title: "N", Width: 4, Numeric: true}, {Title: "NAME", MinWidth: 8}})
	tb.SetSize(40, 10)
	set := func(names ...string) {
		rows := make([]Row, len(names))
		for i, n := range names {
			num := ""
			if i%2 == 0 {
				num = fmt.Sprint(len(names) - i)
			}
			rows[i] = Row{Key: fmt.Sprint(i), Cells: []string{num, n}}
		}
		tb.SetRows(rows)
	}
	keys := func() string {
		var out []string
		for i := range tb.visible {
			out = append(out, tb.rows[tb.visible[i]].Key)
		}
		return strings.Join(out, ",")
	}
	set("b", "A", "b", "a")
	tb.SortBy(1)
	if got := keys(); got != "1,3,0,2" {
		t.Fatalf("name ascending, ties in order: %s", got)
	}
	tb.SortBy(1)
	if got := keys(); got != "0,2,1,3" {
		t.Fatalf("name descending, ties still in order: %s", got)
	}
	tb.SortBy(0)
	if got := keys(); got != "2,0,1,3" {
		t.Fatalf("numbers ascending before blanks: %s", got)
	}
	set("z", "y", "x", "w") // same column sorted, new rows: keys must be rebuilt
	if got := keys(); got != "2,0,1,3" || tb.rows[2].Cells[1] != "x" {
		t.Fatalf("re-sorted new rows: %s", got)
	}
	tb.SortBy(1)
	tb.SortBy(1)
	tb.SortBy(1)
	if got := keys(); got != "3,2,1,0" {
		t.Fatalf("new names ascending: %s", got)
	}
}

// SetRowsClean trusts the caller's strings and fills a missing filter key
// from the cells; SetRows cleans cells and filter keys.
func TestTableSetRowsCleanAndFilterKeys(t *testing.T) {
	tb := NewTable(theme.New(theme.Options{NoColor: true}), keymap.Default(), []Column{{Title: "NAME", MinWidth: 8}})
	tb.SetSize(40, 5)
	tb.SetRowsClean([]Row{{Key: "a", Cells: []string{"Orders"}}, {Key: "b", Cells: []string{"Billing"}, FilterKey: "custom key"}})
	tb.SetFilter("orders")
	if m, _ := tb.Counts(); m != 1 {
		t.Fatalf("an empty FilterKey should come from the cells, lower-cased: %d matches", m)
	}
	tb.SetFilter("custom")
	if r, _ := tb.SelectedRow(); r.Key != "b" {
		t.Fatalf("FilterKey should be searched: %+v", r)
	}
	tb.SetFilter("")
	tb.SetRows([]Row{{Key: "c", Cells: []string{"x"}, FilterKey: "EVIL\x1b]52;c;AAAA\x07 Key"}})
	if k := tb.Rows()[0].FilterKey; strings.ContainsRune(k, 0x1b) || k != strings.ToLower(k) {
		t.Fatalf("SetRows must clean and lower-case filter keys: %q", k)
	}
}
