package flows

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// colID names a tree column; the layout picks which ones fit.
type colID uint8

const (
	colName colID = iota
	colStatus
	colHealth
	colRuntime
	colConnector
	colLastRun
	colRunID
	colErrors
)

// Widths from which more columns appear. The name always takes the slack:
// it is what the on-call reads first; HEALTH (the flow's verdict in a word:
// failing, stale, paused, recovered...) shows at every width, as it is what
// the tree is ranked by. The runtime shows as the ◌ glyph anyway, and the
// connector and run id are in the preview pane, so they come last.
const (
	withLastRunFrom = 56  // below: name, status, health, errors only
	withRuntimeFrom = 90  // runtime and connector; the main pane of a 160-column terminal is 96
	withRunIDFrom   = 130 // full status words and the run id
)

// layoutFor returns the columns shown at width w.
func layoutFor(w int) []colID {
	switch {
	case w >= withRunIDFrom:
		return []colID{colName, colStatus, colHealth, colRuntime, colConnector, colLastRun, colRunID, colErrors}
	case w >= withRuntimeFrom:
		return []colID{colName, colStatus, colHealth, colRuntime, colConnector, colLastRun, colErrors}
	case w >= withLastRunFrom:
		return []colID{colName, colStatus, colHealth, colLastRun, colErrors}
	}
	return []colID{colName, colStatus, colHealth, colErrors}
}

// tableColumns are the table's column specs for a layout.
func tableColumns(ids []colID) []components.Column {
	full := slices.Contains(ids, colRunID)
	out := make([]components.Column, len(ids))
	for k, id := range ids {
		switch id {
		case colName:
			out[k] = components.Column{Title: "NAME", MinWidth: 16}
		case colStatus:
			out[k] = components.Column{Title: "STATUS", Width: 8}
			if full {
				out[k].Width = 12 // RATE_LIMITED in full
			}
		case colHealth:
			out[k] = components.Column{Title: "HEALTH", Width: 10} // "recovering"
		case colRuntime:
			out[k] = components.Column{Title: "RUNTIME", Width: 10}
		case colConnector:
			out[k] = components.Column{Title: "CONNECTOR", Width: 9}
			if full {
				out[k].Width = 12
			}
		case colLastRun:
			out[k] = components.Column{Title: "LAST RUN", Width: 8}
		case colRunID:
			out[k] = components.Column{Title: "RUN ID", Width: 13, Numeric: true} // run ids are epoch-millis sized
		case colErrors:
			out[k] = components.Column{Title: "ERR", Width: 5, Numeric: true}
		}
	}
	return out
}

// kindTag is the short resource kind before a node's name: the tree's shape
// already says most of it, so three letters leave the room to the name.
func kindTag(rt nexla.ResourceType) string {
	switch rt {
	case nexla.DataSources:
		return "src"
	case nexla.DataSets:
		return "set"
	case nexla.DataSinks:
		return "dst"
	}
	return rt.Singular()
}

// statusText fits a status into the column: only RATE_LIMITED is longer
// than the narrow column, and its first letters are unambiguous.
func statusText(status string, width int) string {
	if status == nexla.StatusRateLimited && width < len(status) {
		return "RATE_LIM"
	}
	return viewkit.Or(status, "-")
}

// errorCount keeps counts to 4 characters so the 5-cell column always keeps
// a gap before the pane border: 45600 -> "45k", 104200 -> "104k".
func errorCount(n int64) string {
	switch {
	case n < 10_000:
		return strconv.FormatInt(n, 10)
	case n < 1_000_000:
		return strconv.FormatInt(n/1000, 10) + "k"
	case n < 100_000_000:
		return strconv.FormatInt(n/1_000_000, 10) + "M"
	}
	return ">99M"
}

// errorsCell is an origin's error count, "-" when the metrics name no run
// of the flow, "?" when they could not be read (never a reassuring 0).
func errorsCell(n *treeNode) string {
	switch n.Counts {
	case countsKnown:
		return errorCount(n.Errors)
	case countsUnknown:
		return "?"
	}
	return "-"
}

// countsText is the preview's records/errors line of an origin.
func countsText(n treeNode) string {
	switch n.Counts {
	case countsKnown:
		return strconv.FormatInt(n.Records, 10) + " / " + strconv.FormatInt(n.Errors, 10)
	case countsUnknown:
		return "unknown (metrics unavailable)"
	}
	return "no run reported"
}

// glyphFor is the status mark and the tone of node i: an origin shows its
// flow's health verdict (or, before the check reached it, the worst problem
// of the flow); a node the latest run failed at shows ✗; other nodes their
// own state.
func (s *Screen) glyphFor(n *treeNode) (string, components.Tone) {
	g := s.th.Glyphs
	if n.Depth == 0 {
		if _, ok := s.health.row(n.FlowID); ok {
			_, glyph, tone := s.verdict(n)
			return glyph, tone
		}
	} else if n.FailErrors > 0 {
		return g.Error, components.ToneError
	}
	if n.Depth == 0 {
		switch n.Problem {
		case problemError:
			return g.Error, components.ToneError
		case problemWarn:
			return g.Warn, components.ToneWarn
		case problemPaused:
			return g.Paused, components.ToneMuted
		}
	}
	return viewkit.Glyph(g, n.Status, n.Runtime, n.Errors)
}

// row draws node i's prefix, cells and tones. Every string in it is
// already clean (nodes are sanitized once per load), so the table takes it
// as is. The prefix holds the status glyph; drawRow adds the tree lines.
func (s *Screen) row(i int) components.Row {
	n := &s.nodes[i]
	glyph, tone := s.glyphFor(n)
	nameTone := components.ToneNone
	if n.Depth == 0 && (tone == components.ToneError || tone == components.ToneWarn) {
		nameTone = tone // a failing flow reads as failing from the first column
	}
	cells := make([]string, len(s.cols))
	tones := make([]components.Tone, len(s.cols))
	for k, id := range s.cols {
		switch id {
		case colName:
			name := kindTag(n.RT) + " " + viewkit.Or(n.Name, "(unnamed)")
			if n.Depth == 0 && n.FlowName != n.Name {
				name = n.FlowName + " · " + name
			}
			cells[k], tones[k] = name, nameTone
		case colStatus:
			cells[k], tones[k] = s.pending.Cell(n.NodeID, statusText(n.Status, s.colWidth(k)), tone)
		case colHealth:
			if n.Depth == 0 && s.health.check != nil {
				cells[k], _, tones[k] = s.verdict(n)
			} else if n.FailErrors > 0 {
				cells[k], tones[k] = "failing", components.ToneError // where the latest run failed
			}
		case colRuntime:
			cells[k] = viewkit.Or(n.Runtime, "-")
		case colConnector:
			cells[k], tones[k] = viewkit.Or(n.Connector, "-"), components.ToneMuted
		case colLastRun:
			if n.Depth == 0 {
				cells[k] = viewkit.Ago(s.now(), n.LastRunAt)
			}
			tones[k] = components.ToneMuted
		case colRunID:
			if n.LastRunID != 0 {
				cells[k] = strconv.FormatInt(n.LastRunID, 10)
			}
			tones[k] = components.ToneMuted
		case colErrors:
			if n.Depth == 0 {
				cells[k] = errorsCell(n)
			} else if n.FailErrors > 0 {
				cells[k] = errorCount(n.FailErrors)
			}
			if n.Errors > 0 || n.FailErrors > 0 {
				tones[k] = components.ToneError
			}
		}
	}
	return components.Row{Prefix: glyph + " ", Cells: cells, Tones: tones}
}

func (s *Screen) colWidth(k int) int {
	if k < len(s.colSpecs) {
		return s.colSpecs[k].Width
	}
	return 0
}

// View is the status line and the tree, exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	var body string
	if s.loaded {
		body = s.table.View()
	} else {
		body = viewkit.LoadNotice(s.th, s.d.Keys, "flows", s.err, s.w)
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

func (s *Screen) statusLine() string {
	parts := []string{s.th.Title.Render("Flows")}
	if s.err != nil && s.loaded {
		// First, so it survives 80 columns: the tree below is an older answer.
		parts = append(parts, viewkit.RefreshFailed(s.th, s.d.Keys, s.err))
	}
	if s.loaded {
		parts = append(parts, viewkit.Count(s.flowCount)+" flows, "+viewkit.Count(len(s.nodes))+" nodes")
		if s.metricsErr != nil {
			// Second on the line so it survives 80 columns: the error counts
			// below are unknown, not zero.
			parts = append(parts, s.th.Warn.Render("metrics unavailable"))
		}
		if c := s.healthCount(); c != "" {
			parts = append(parts, c)
		}
		if s.issuesOnly {
			parts = append(parts, "only issues")
		}
		if s.sort.mode != sortHealth || s.sort.reversed {
			parts = append(parts, s.sort.label())
		}
	}
	switch {
	case s.loading && s.loaded:
		parts = append(parts, s.th.Muted.Render("refreshing…"))
	case s.loaded && s.err == nil:
		parts = append(parts, s.th.Muted.Render("updated "+viewkit.Ago(s.now(), s.loadedAt)))
	}
	return strings.Join(parts, " · ")
}
