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
		body = viewkit.LoadNotice(s.th, s.d.Keys, strings.ToLower(s.fam.Title), s.err, s.w)
	} else {
		body = s.table.View()
	}
	return s.list.View(s.w, s.h, s.statusLine(), body)
}

// statusLine: title, row count, load progress or freshness, sort order. A
// failed load goes first (it must survive 80 columns) and a listing that
// never completed shows no row count: "0 rows" would read as an empty org.
func (s *Screen) statusLine() string {
	parts := []string{s.th.Title.Render(s.fam.Title)}
	switch {
	case s.err != nil && s.loaded:
		parts = append(parts, viewkit.RefreshFailed(s.th, s.d.Keys, s.err), viewkit.Count(len(s.recs))+" rows")
	case s.err != nil && len(s.recs) > 0: // the first listing failed part-way
		parts = append(parts, s.th.Error.Render("listing incomplete after "+viewkit.Count(len(s.recs))+" rows ("+
			viewkit.RetryKey(s.d.Keys)+" to retry): ")+viewkit.ErrText(s.err))
	case s.err != nil:
		parts = append(parts, s.th.Error.Render("load failed"))
	case s.loading:
		p := "loading " + viewkit.Count(s.progress[0])
		if s.progress[1] > 0 {
			p += " / " + viewkit.Count(s.progress[1])
		}
		if s.loaded {
			p = "refreshing: " + p
		}
		parts = append(parts, viewkit.Count(len(s.recs))+" rows", s.th.Info.Render(p+"…"))
	default:
		parts = append(parts, viewkit.Count(len(s.recs))+" rows", s.th.Muted.Render("updated "+viewkit.Ago(s.now(), s.loadedAt)))
	}
	if s.err != nil && s.loading {
		parts = append(parts, s.th.Info.Render("retrying…"))
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
