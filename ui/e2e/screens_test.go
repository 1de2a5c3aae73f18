package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cursorLine is the line of the pane that carries the selection marker.
func cursorLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "▶ ") {
			return l
		}
	}
	return ""
}

// previewFlow reads "Flow: NAME (id N)" from the preview pane.
var previewFlow = regexp.MustCompile(`Flow: (.+) \(id (\d+)\)`)

// sgr matches one Select Graphic Rendition sequence.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourParams lists the SGR parameters of s that set a colour: 30-38 and
// 90-97 (foreground), 40-48 and 100-107 (background). 39/49 only reset to
// the default and are fine.
func colourParams(s string) []string {
	var out []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			switch {
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] >= '0' && p[1] <= '8':
				out = append(out, p)
			case len(p) == 3 && strings.HasPrefix(p, "10") && p[2] >= '0' && p[2] <= '7':
				out = append(out, p)
			}
		}
	}
	return out
}

// NO_COLOR: not one colour sequence reaches the terminal, and the selection
// is still visible through its marker glyph.
func TestNoColorShowsNoColourButMarksTheSelection(t *testing.T) {
	m := startTmuxWith(t, tmuxOptions{Env: []string{"NO_COLOR=1"}}, "demo", "--refresh", "0")
	m.waitUntil("the flows tree", func(s string) bool { return len(flowRow.FindAllString(s, -1)) >= 3 })
	m.key("j") // draw a moved selection, not just the first frame
	screen := m.waitUntil("the marker on the second row", func(s string) bool {
		return strings.Contains(cursorLine(s), "set ")
	})
	raw := m.captureEscapes()
	if !strings.Contains(raw, "\x1b[") {
		t.Fatalf("capture-pane -e shows no attributes at all: the check below would prove nothing\n%s", raw)
	}
	if got := colourParams(raw); len(got) > 0 {
		t.Fatalf("NO_COLOR=1 but the pane has colour SGR parameters %v", got)
	}
	if cursorLine(screen) == "" {
		t.Fatalf("no selection marker on screen:\n%s", screen)
	}
	// The same check on a coloured run must find colour, or it is blind.
	if got := colourParams("\x1b[38;5;203mx\x1b[0;91my\x1b[39m"); len(got) != 2 {
		t.Fatalf("colour detector: %v", got)
	}
}

// A terminal below the minimum says how big it is and how big it must be;
// growing it brings the tree back without a restart.
func TestMinimumSizeMessageThenTreeAfterResize(t *testing.T) {
	m := startTmuxWith(t, tmuxOptions{Width: 20, Height: 5}, "demo", "--refresh", "0")
	m.waitUntil("the minimum-size message with current and needed size", func(s string) bool {
		flat := strings.Join(strings.Fields(s), " ")
		return strings.Contains(flat, "too small") && strings.Contains(flat, "20x5") && strings.Contains(flat, "60x15")
	})
	m.resize(120, 40)
	m.waitUntil("the flows tree after the resize", func(s string) bool {
		return len(flowRow.FindAllString(s, -1)) >= 3 && !strings.Contains(s, "too small")
	})
}

// After confirming a pause, the flow's own row on screen says PAUSED (the
// tree reloads from the server), and the simulator agrees.
func TestPausedFlowRowShowsPaused(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "sim-url")
	m := startTmux(t, "demo", "--seed", "7", "--sim-url-file", urlFile, "--refresh", "0")
	// Ranked ("with issues"): the tree has its final order, the cursor the worst flow.
	screen := m.waitUntil("the ranked flows tree", func(s string) bool {
		return previewFlow.MatchString(s) && strings.Contains(s, "with issues")
	})
	if strings.Contains(cursorLine(screen), "PAUSED") {
		t.Fatalf("the first flow is already paused; the test needs an active one:\n%s", screen)
	}
	id := previewFlow.FindStringSubmatch(screen)[2]
	base := strings.TrimSpace(readFile(t, urlFile))
	m.key("p")
	m.waitUntil("the confirm dialog", func(s string) bool { return strings.Contains(s, "> No <") })
	m.confirm()
	m.waitUntil("PAUSED on the selected flow's row", func(s string) bool {
		l := cursorLine(s)
		return strings.Contains(l, "PAUSED") && !strings.Contains(l, "pending")
	})
	if st := simStatus(t, base, id); st != "PAUSED" {
		t.Fatalf("the screen says PAUSED but the simulator says %q for flow %s", st, id)
	}
}

// Filtering by a word of a real flow's name leaves only rows that contain it.
func TestFilterByFlowNameLeavesOnlyMatchingRows(t *testing.T) {
	m := startTmux(t, "demo", "--refresh", "0")
	screen := m.waitUntil("the flows tree", func(s string) bool { return previewFlow.MatchString(s) })
	before := len(flowRow.FindAllString(screen, -1))
	word := ""
	for _, w := range strings.Fields(previewFlow.FindStringSubmatch(screen)[1]) {
		if w = strings.ToLower(strings.Trim(w, "()-_.,")); len(w) >= 4 && regexp.MustCompile(`^[a-z]+$`).MatchString(w) {
			word = w
			break
		}
	}
	if word == "" {
		t.Fatalf("no usable word in the first flow's name:\n%s", screen)
	}
	m.key("/")
	m.waitUntil("the filter prompt", func(s string) bool { return strings.Contains(s, "match") })
	for _, r := range word {
		m.key(string(r))
	}
	m.key("Enter")
	narrowed := m.waitUntil("the tree to narrow to "+word, func(s string) bool {
		rows := flowRow.FindAllString(s, -1)
		return len(rows) > 0 && len(rows) < before
	})
	for _, row := range flowRow.FindAllString(narrowed, -1) {
		name := row
		if i := strings.Index(row, "│"); i >= 0 {
			name = row[:i] // the tree, not the preview pane beside it
		}
		if !strings.Contains(strings.ToLower(name), word) {
			t.Fatalf("row %q does not contain %q:\n%s", row, word, narrowed)
		}
	}
}

// --read-only: the header says so, p explains why it is refused, and the
// simulator shows the flow untouched.
func TestReadOnlyBadgeRefusalAndNothingPaused(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "sim-url")
	m := startTmux(t, "demo", "--read-only", "--sim-url-file", urlFile, "--refresh", "0")
	screen := m.waitUntil("the READ-ONLY badge and the tree", func(s string) bool {
		return strings.Contains(s, "[READ-ONLY]") && previewFlow.MatchString(s)
	})
	id := previewFlow.FindStringSubmatch(screen)[2]
	base := strings.TrimSpace(readFile(t, urlFile))
	before := simStatus(t, base, id)
	m.key("p")
	after := m.waitUntil("the refusal toast", func(s string) bool { return strings.Contains(s, "pause is disabled") })
	if strings.Contains(after, "> No <") {
		t.Fatalf("read-only must refuse before asking:\n%s", after)
	}
	// Give a wrongly sent request time to land before reading the simulator.
	time.Sleep(500 * time.Millisecond)
	if st := simStatus(t, base, id); st != before || st == "PAUSED" {
		t.Fatalf("read-only run changed flow %s: %q -> %q", id, before, st)
	}
}
