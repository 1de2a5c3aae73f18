package runbook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/ui"
)

// A link wrapped over two rows is closed at the end of the first and opened
// again on the second: what is drawn between them is never a link.
func TestWrappedLinksCloseAtEachRowEnd(t *testing.T) {
	link := ansi.SetHyperlink("https://x.example/1") + "source one two" + ansi.ResetHyperlink()
	rows := closeLinks([]string{"see " + ansi.SetHyperlink("https://x.example/1") + "source one", "two" + ansi.ResetHyperlink() + " end"})
	if !strings.HasSuffix(rows[0], "\x1b]8;;\a") || !strings.HasPrefix(rows[1], "\x1b]8;;https://x.example/1\a") {
		t.Fatalf("rows %q", rows)
	}
	if ansi.Strip(strings.Join(rows, "")) != "see source onetwo end" || ansi.Strip(link) != "source one two" {
		t.Fatalf("text changed: %q", rows)
	}
}

// A line taller than the pane is read whole: pgdown scrolls through its
// rows with the cursor staying on it, then on to the next line; pgup comes
// back; end shows the last rows, never a blank pane past them.
func TestPaneScrollsThroughALineTallerThanItself(t *testing.T) {
	p := newLinkPane()
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "w%03d ", i) // 300 columns: 30 rows at 10
	}
	tall := b.String()
	p.setLines([]paneLine{{text: "first"}, {text: tall}, {text: "after"}})
	p.setSize(10, 4)
	p.move(1)
	if p.cursor != 1 || p.top != 0 {
		t.Fatalf("onto the tall line: cursor %d top %d", p.cursor, p.top)
	}
	seen := map[string]bool{}
	for i := 0; i < 20 && !strings.Contains(p.view(false, ui.ConsoleLinks{}, 0), "after"); i++ {
		if p.cursor != 1 {
			t.Fatalf("page %d left the tall line while it is in view (cursor %d, top %d)", i, p.cursor, p.top)
		}
		for _, row := range strings.Split(p.view(false, ui.ConsoleLinks{}, 0), "\n") {
			seen[row] = true
		}
		p.page(3)
	}
	if rows := p.rows[1]; len(seen) < rows-1 {
		t.Fatalf("saw %d distinct rows of the %d-row line", len(seen), rows)
	}
	if got := strings.Count(p.view(false, ui.ConsoleLinks{}, 0), "\n") + 1; got != 4 {
		t.Fatalf("the pane shows %d rows at the end, want 4", got)
	}
	p.end()
	if v := p.view(false, ui.ConsoleLinks{}, 0); strings.Count(v, "\n") != 3 || !strings.HasSuffix(v, "after") {
		t.Fatalf("end: %q", v)
	}
	p.page(-100)
	if p.top != 0 || p.cursor != 0 {
		t.Fatalf("back to the top: cursor %d top %d", p.cursor, p.top)
	}
}
