package resources

import (
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// View is the status line and the table, exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	var body string
	if len(s.recs) == 0 && (s.err != nil || s.loading) {
		body = viewkit.LoadNotice(s.th, strings.ToLower(s.fam.Title), s.err)
	} else {
		body = s.table.View()
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

// statusLine: title, row count, load progress or freshness, sort order.
func (s *Screen) statusLine() string {
	parts := []string{s.th.Title.Render(s.fam.Title), viewkit.Count(len(s.recs)) + " rows"}
	switch {
	case s.loading:
		p := "loading " + viewkit.Count(s.progress[0])
		if s.progress[1] > 0 {
			p += " / " + viewkit.Count(s.progress[1])
		}
		if s.loaded {
			p = "refreshing: " + p
		}
		parts = append(parts, s.th.Info.Render(p+"…"))
	case s.err != nil:
		parts = append(parts, s.th.Error.Render("refresh failed: ")+viewkit.ErrText(s.err))
	case s.loaded:
		parts = append(parts, s.th.Muted.Render("updated "+viewkit.Ago(s.now(), s.loadedAt)))
	}
	if s.sortCol >= 0 {
		dir := "ascending"
		if !s.sortAsc {
			dir = "descending"
		}
		parts = append(parts, "sorted by "+strings.ToLower(s.fam.Columns[s.sortCol].Title)+" "+dir)
	}
	return strings.Join(parts, " · ")
}

// Preview lists every column of the selected row (narrow terminals hide
// some columns; the preview pane shows them all).
func (s *Screen) Preview() string {
	r, ok := s.current()
	if !ok {
		return ""
	}
	var b strings.Builder
	for i, c := range s.fam.Columns {
		if i < len(r.Cells) {
			b.WriteString(strings.ToLower(c.Title) + ": " + r.Cells[i] + "\n")
		}
	}
	if r.FlowID != 0 {
		b.WriteString("flow: " + strconv.FormatInt(r.FlowID, 10) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
