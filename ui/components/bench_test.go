package components

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/testkit"
)

func benchTable(n int) *Table {
	tb := testTable(n)
	tb.SetSize(120, 38)
	return tb
}

func BenchmarkTableView(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			tb := benchTable(n)
			tb.SetCursor(n / 2)
			b.ReportAllocs()
			for b.Loop() {
				_ = tb.View()
			}
		})
	}
}

// One cursor move followed by the View the program would draw.
func BenchmarkTableCursorMove(b *testing.B) {
	down := testkit.Key("j")
	up := testkit.Key("k")
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			tb := benchTable(n)
			tb.SetCursor(n / 2)
			_ = tb.View()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i%2 == 0 {
					tb.Update(down)
				} else {
					tb.Update(up)
				}
				i++
				_ = tb.View()
			}
		})
	}
}

func BenchmarkTableFilter100k(b *testing.B) {
	tb := benchTable(100_000)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := "flow-0"
		if i%2 == 0 {
			q = "flow-1"
		}
		i++
		tb.SetFilter(q)
	}
}

// tableModel runs the table under a real tea.Program to count the bytes the
// renderer writes per cursor move and per page move.
type tableModel struct{ t *Table }

func (m tableModel) Init() tea.Cmd { return nil }
func (m tableModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.t.Update(msg)
	case tea.WindowSizeMsg:
		m.t.SetSize(msg.Width, msg.Height)
	}
	return m, nil
}
func (m tableModel) View() tea.View { v := tea.NewView(m.t.View()); v.AltScreen = true; return v }

// BenchmarkProgramBytes reports bytes written per cursor move and per page
// move, and the full first frame, under the real renderer at 120x40.
func BenchmarkProgramBytes(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			tb := benchTable(n)
			tb.SetSize(120, 40)
			p := testkit.StartProgram(b, tableModel{tb}, 120, 40)
			settle := func() { time.Sleep(40 * time.Millisecond) } // renderer ticks at 60 fps
			settle()
			full := p.Written()
			moves := 50
			before := p.Written()
			for i := 0; i < moves; i++ {
				p.Send(testkit.Key("j"))
				settle()
			}
			perMove := float64(p.Written()-before) / float64(moves)
			before = p.Written()
			for i := 0; i < moves; i++ {
				p.Send(testkit.Key("pgdown"))
				settle()
			}
			perPage := float64(p.Written()-before) / float64(moves)
			p.Quit()
			p.Final(b, 15*time.Second)
			for b.Loop() { // the measurement above is the result; the loop only satisfies the harness
			}
			b.ReportMetric(float64(full), "B/fullframe")
			b.ReportMetric(perMove, "B/move")
			b.ReportMetric(perPage, "B/pagemove")
			b.ReportMetric(perMove/float64(full), "move/full")
			b.ReportMetric(perPage/float64(full), "page/full")
		})
	}
}

// Sorting by a text column and flipping it (header click, twice).
func BenchmarkTableSortByName100k(b *testing.B) {
	tb := benchTable(100_000)
	b.ReportAllocs()
	for b.Loop() {
		tb.SortBy(1)
	}
}

// A new row set of 100,000 already-clean rows (what a fold or a re-sort
// hands the table) versus SetRows, which cleans every cell.
func BenchmarkTableSetRows100k(b *testing.B) {
	tb := benchTable(100_000)
	rows := tb.Rows()
	b.Run("clean", func(b *testing.B) {
		for b.Loop() {
			tb.SetRowsClean(rows)
		}
	})
	b.Run("sanitizing", func(b *testing.B) {
		for b.Loop() {
			tb.SetRows(rows)
		}
	})
}
