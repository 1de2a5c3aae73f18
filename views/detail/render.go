package detail

import (
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.layout()
}

// fieldsHeight: the related list (heading, header, rows) gets what it needs
// down to half the body; the fields take the rest (and scroll with tab).
func (s *Screen) fieldsHeight() int {
	body := max(s.h-1, 0)
	if len(s.rels) == 0 {
		return body
	}
	return min(s.nFields, max(body-len(s.rels)-2, body/2))
}

func (s *Screen) layout() {
	body := max(s.h-1, 0)
	fh := s.fieldsHeight()
	s.fields.SetSize(s.w, fh)
	s.related.SetSize(s.w, max(body-fh-1, 0))
	s.pager.SetSize(s.w, body)
}

// View is the heading line and the body, exactly w x h.
func (s *Screen) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	// The heading links to the resource in Nexla's console (ui_url) where
	// the terminal shows OSC 8 links; Pad/Fit measure it without them.
	sel, _ := s.Selected()
	head := s.d.Console.Link(s.th.Title.Render(s.heading()), s.rt, s.id, sel.FlowID)
	var body string
	switch {
	case s.err != nil && nexla.IsNotFound(s.err):
		body = s.th.Warn.Render(s.rt.Singular()+" "+strconv.FormatInt(s.id, 10)+" not found") + "\n\n" +
			"It may have been deleted, or this key's user cannot see it.\n" +
			s.th.Muted.Render("esc goes back · r retries · : opens another resource")
	case s.err != nil && !s.loaded:
		body = viewkit.LoadNotice(s.th, s.d.Keys, s.rt.Singular()+" "+strconv.FormatInt(s.id, 10), s.err, s.w)
	case !s.loaded:
		body = s.th.Muted.Render("loading " + s.rt.Singular() + " " + strconv.FormatInt(s.id, 10) + "…")
	case s.raw:
		body = s.pager.View()
	default:
		body = s.fields.View()
		if len(s.rels) > 0 {
			label := "Related (" + strconv.Itoa(len(s.rels)) + ")"
			if s.focusFields {
				label += "  · tab to move here"
			}
			body += "\n" + s.th.Header.Render(label) + "\n" + s.related.View()
		} else {
			body += "\n" + s.th.Muted.Render("no related resources")
		}
	}
	return viewkit.Fit(head+"\n"+body, s.w, s.h)
}

func (s *Screen) heading() string {
	parts := []string{strings.ToUpper(s.rt.Singular()[:1]) + s.rt.Singular()[1:] + " " + strconv.FormatInt(s.id, 10)}
	// What the reader must not miss goes before the name, which can fill
	// the line: the fields below are an older answer, or the raw JSON is
	// not wrapped yet.
	if s.err != nil && s.loaded {
		parts = append(parts, viewkit.RefreshFailed(s.th, s.d.Keys, s.err))
	}
	if s.raw && s.pager.Wrapping() {
		parts = append(parts, "wrapping the raw JSON…")
	}
	switch {
	case s.name != "" && len(parts) > 1:
		parts = append(parts, s.name)
	case s.name != "":
		parts[0] += " " + s.name
	}
	if s.status != "" {
		parts = append(parts, s.status)
	}
	if s.loading && s.loaded {
		parts = append(parts, "refreshing…")
	}
	if s.raw {
		parts = append(parts, "raw JSON (v: fields)")
	} else if s.loaded {
		parts = append(parts, "v: raw JSON")
	}
	if s.loaded {
		// Last: a narrow terminal cuts it before the mode and its key.
		parts = append(parts, "updated "+viewkit.Ago(s.now(), s.readAt))
	}
	return strings.Join(parts, " · ")
}
