package flows

import (
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Column order of the tree table.
const (
	colName = iota
	colStatus
	colRuntime
	colConnector
	colLastRun
	colRunID
)

// wideFrom is the width from which the run id gets its own column; below it
// the run id is in the preview pane and the name keeps the room.
const wideFrom = 120

func columns(wide bool) []components.Column {
	if !wide {
		return []components.Column{
			{Title: "NAME", MinWidth: 16},
			{Title: "STATUS", Width: 8},
			{Title: "RUNTIME", Width: 10},
			{Title: "CONNECTOR", Width: 9},
			{Title: "LAST RUN", Width: 8},
			{Title: "ERR", Width: 4, Numeric: true},
		}
	}
	return []components.Column{
		{Title: "NAME", MinWidth: 16},
		{Title: "STATUS", Width: 8},
		{Title: "RUNTIME", Width: 10},
		{Title: "CONNECTOR", Width: 12},
		{Title: "LAST RUN", Width: 9},
		{Title: "RUN ID", Width: 10, Numeric: true},
		{Title: "ERRORS", Width: 6, Numeric: true},
	}
}

// row renders node i as a table row: indent, fold mark and status glyph in
// the prefix, the rest as plain cells (the table sanitizes and colours them).
func (s *Screen) row(i int) components.Row {
	n := s.nodes[i]
	glyph, tone := viewkit.Glyph(s.th.Glyphs, n.Status, n.Runtime, n.Errors)
	status := viewkit.Or(n.Status, "-")
	statusTone := tone
	if p := s.pending[n.NodeID]; p != "" {
		status, statusTone = p, components.ToneAccent
	}
	runID, errs, last := "", "", ""
	if n.LastRunID != 0 {
		runID = strconv.FormatInt(n.LastRunID, 10)
	}
	if n.Depth == 0 {
		errs = strconv.FormatInt(n.Errors, 10)
		last = viewkit.Ago(s.now(), n.LastRunAt)
	}
	errTone := components.ToneNone
	if n.Errors > 0 {
		errTone = components.ToneError
	}
	name := n.RT.Singular() + " " + viewkit.Or(n.Name, "(unnamed)")
	if n.Depth == 0 && n.FlowName != n.Name {
		name = n.FlowName + " · " + name
	}
	cells := []string{name, status, viewkit.Or(n.Runtime, "-"), viewkit.Or(n.Connector, "-"), last, runID, errs}
	tones := []components.Tone{components.ToneNone, statusTone, components.ToneNone, components.ToneMuted, components.ToneMuted, components.ToneMuted, errTone}
	if !s.wide {
		cells = append(cells[:colRunID], errs)
		tones = append(tones[:colRunID], errTone)
	}
	return components.Row{
		Key:       "node/" + strconv.FormatInt(n.NodeID, 10),
		Prefix:    glyph + " ",
		Cells:     cells,
		Tones:     tones,
		Version:   s.version,
		FilterKey: n.filterKey,
		Data:      i,
	}
}

// View is the status line and the tree, exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	var body string
	switch {
	case s.err != nil && !s.loaded:
		body = s.th.Error.Render("Could not load flows: ") + viewkit.ErrText(s.err) + "\n\n" +
			s.th.Muted.Render("press r to retry")
	case !s.loaded:
		body = s.th.Muted.Render("loading flows…")
	default:
		body = s.table.View()
	}
	top := s.statusLine()
	if s.filter.Active() {
		matched, total := s.table.Counts()
		top = s.filter.View(s.w, matched, total)
	}
	return viewkit.Fit(top+"\n"+body, s.w, s.h)
}

func (s *Screen) statusLine() string {
	flows := s.flowCount
	parts := []string{s.th.Title.Render("Flows")}
	if s.loaded {
		parts = append(parts, viewkit.Count(flows)+" flows, "+viewkit.Count(len(s.nodes))+" nodes")
	}
	switch {
	case s.loading && s.loaded:
		parts = append(parts, s.th.Muted.Render("refreshing…"))
	case s.err != nil && s.loaded:
		parts = append(parts, s.th.Error.Render("refresh failed: ")+viewkit.ErrText(s.err))
	case s.loaded:
		parts = append(parts, s.th.Muted.Render("updated "+viewkit.Ago(s.now(), s.loadedAt)))
	}
	return strings.Join(parts, " · ")
}
