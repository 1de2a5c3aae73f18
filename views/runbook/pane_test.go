package runbook

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
