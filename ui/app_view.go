package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// Layout: line 0 header, line 1 breadcrumbs (+ toast), body, last line footer
// (or the command line).
const (
	chromeTop    = 2
	chromeBottom = 1
	// sideBySideFrom is the width from which the preview sits beside the main pane.
	sideBySideFrom = 120
	// belowFrom is the body height from which the preview sits below it.
	belowFrom = 18
)

type paneLayout struct {
	mainW, mainH int
	prevX, prevY int // preview origin relative to the body
	prevW, prevH int
	side         bool // preview beside (true) or below
}

func (a *App) layout() paneLayout {
	bw, bh := max(a.w, 0), max(a.h-chromeTop-chromeBottom, 0)
	l := paneLayout{mainW: bw, mainH: bh}
	if _, ok := previewOf(a.top()); !ok {
		return l
	}
	switch {
	case bw >= sideBySideFrom:
		l.mainW = bw * 3 / 5
		l.side = true
		l.prevX, l.prevW, l.prevH = l.mainW+1, bw-l.mainW-1, bh
	case bh >= belowFrom:
		l.mainH = bh * 3 / 5
		l.prevY, l.prevW, l.prevH = l.mainH+1, bw, bh-l.mainH-1
	}
	return l
}

func (a *App) mainSize() (int, int) {
	l := a.layout()
	return l.mainW, l.mainH
}

// mainRect is the main pane in terminal coordinates.
func (a *App) mainRect() (x, y, w, h int) {
	l := a.layout()
	return 0, chromeTop, l.mainW, l.mainH
}

// View renders the whole frame.
func (a *App) View() tea.View {
	v := tea.NewView(a.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.ReportFocus = true
	v.WindowTitle = "nexla-tui"
	return v
}

// Render is the frame as a string (goldens and benchmarks use it).
func (a *App) Render() string {
	if a.w <= 0 || a.h <= 0 {
		return ""
	}
	if a.w < MinWidth || a.h < MinHeight {
		return a.renderTooSmall()
	}
	var b strings.Builder
	b.WriteString(a.renderHeader())
	b.WriteByte('\n')
	b.WriteString(a.renderCrumbs())
	b.WriteByte('\n')
	b.WriteString(a.renderBody())
	b.WriteByte('\n')
	b.WriteString(a.renderFooter())
	return b.String()
}

func (a *App) renderTooSmall() string {
	msg := "Terminal too small: " + itoa(a.w) + "x" + itoa(a.h) + ". nexla-tui needs at least " +
		itoa(MinWidth) + "x" + itoa(MinHeight) + ". Enlarge the window, or press q to quit."
	return fit(wrapText(msg, a.w), a.w, a.h)
}

func (a *App) renderHeader() string {
	th := a.deps.Theme
	// Most important first: the line is cut at the terminal's width, and the
	// read-only badge and API health must survive an 80-column terminal.
	parts := []string{th.Title.Render("nexla-tui")}
	if b := bannerText(a.deps.Banner); b != "" {
		// The production cue comes first, before anything the width may cut.
		parts[0] = th.Banner.Render(" "+b+" ") + " " + parts[0]
	}
	if a.deps.ReadOnly {
		parts = append(parts, th.Warn.Render("[READ-ONLY]"))
	}
	switch {
	case !a.apiKnown:
		parts = append(parts, th.Muted.Render("API "+th.Glyphs.Unknown))
	case a.apiOK:
		parts = append(parts, th.OK.Render("API "+th.Glyphs.OK+" "+a.apiLatency.Round(1e6).String()))
	default:
		parts = append(parts, th.Error.Render("API "+th.Glyphs.Error+" down"))
	}
	if a.deps.Profile != "" {
		parts = append(parts, "profile "+safetext.Clean(a.deps.Profile))
	}
	if a.org != "" {
		parts = append(parts, "org "+safetext.Clean(a.org))
	}
	if a.user != "" {
		parts = append(parts, "user "+safetext.Clean(a.user))
	}
	return components.Pad(strings.Join(parts, " │ "), a.w)
}

// maxBanner bounds the badge so a long banner cannot push the read-only
// badge and the API state off an 80-column header.
const maxBanner = 16

// bannerText is the profile's banner, sanitized, on one line and bounded.
func bannerText(s string) string {
	s = strings.Join(strings.Fields(safetext.Clean(s)), " ")
	return ansi.Truncate(s, maxBanner, "…")
}

func (a *App) renderCrumbs() string {
	th := a.deps.Theme
	crumbs := a.Breadcrumbs()
	for i := range crumbs {
		crumbs[i] = safetext.Clean(crumbs[i])
	}
	if len(a.toasts) == 0 {
		return components.Pad(crumbLine(crumbs, a.w), a.w)
	}
	t := a.toasts[len(a.toasts)-1]
	style, glyph := th.Info, th.Glyphs.OK
	switch t.level {
	case ToastWarn:
		style, glyph = th.Warn, th.Glyphs.Warn
	case ToastError:
		style, glyph = th.Error, th.Glyphs.Error
	}
	msg := glyph + " " + t.text
	toastW := min(ansi.StringWidth(msg), a.w*2/3)
	leftW := a.w - toastW - 1
	return components.Pad(crumbLine(crumbs, leftW), leftW) + " " + style.Render(components.Pad(msg, toastW))
}

// crumbLine joins the titles with " › " in w cells. When they do not fit,
// titles from the middle give way to "…": the root and the current screen
// stay, and the current screen is never the one cut.
func crumbLine(crumbs []string, w int) string {
	const sep = " › "
	line := strings.Join(crumbs, sep)
	if ansi.StringWidth(line) <= w || len(crumbs) < 2 {
		return line
	}
	for tail := len(crumbs) - 2; tail >= 1; tail-- { // the last tail titles, the current one included
		try := strings.Join(append([]string{crumbs[0], "…"}, crumbs[len(crumbs)-tail:]...), sep)
		if ansi.StringWidth(try) <= w {
			return try
		}
	}
	return "…" + sep + crumbs[len(crumbs)-1]
}

func (a *App) renderBody() string {
	l := a.layout()
	bw, bh := a.w, max(a.h-chromeTop-chromeBottom, 0)
	switch {
	case a.confirm != nil:
		return place(bw, bh, a.confirm.view(a, bw))
	case a.help:
		return a.renderHelp(bw, bh)
	case a.onboarding != nil:
		return a.renderOnboarding(bw, bh)
	case a.fatal != nil:
		return a.renderFatal(bw, bh)
	}
	top := a.top()
	if top == nil {
		return place(bw, bh, "loading…")
	}
	main := fit(top.View(), l.mainW, l.mainH)
	preview, ok := previewOf(top)
	if !ok || l.prevW <= 0 || l.prevH <= 0 {
		return main
	}
	prev := fit(preview(l.prevW, l.prevH), l.prevW, l.prevH)
	border := a.deps.Theme.Border
	if l.side {
		sep := border.Render("│")
		ml, pl := strings.Split(main, "\n"), strings.Split(prev, "\n")
		for i := range ml {
			ml[i] += sep + pl[i]
		}
		return strings.Join(ml, "\n")
	}
	return main + "\n" + border.Render(strings.Repeat("─", bw)) + "\n" + prev
}

// fit forces s to exactly h lines of w cells: a screen that renders too much
// or too little never breaks the frame.
func fit(s string, w, h int) string { return components.Fit(s, w, h) }

func place(w, h int, s string) string {
	return fit(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s), w, h)
}

func (a *App) renderFooter() string {
	if a.cmd != nil {
		return a.cmd.view(a, a.w)
	}
	th, k := a.deps.Theme, a.deps.Keys
	var binds []keymap.Action
	shown := func(helpKey, desc string) keymap.Action {
		return keymap.Action{Binding: key.NewBinding(key.WithHelp(helpKey, desc))}
	}
	switch {
	case a.confirm != nil:
		binds = []keymap.Action{k.Confirm, k.Cancel}
	case a.help:
		binds = []keymap.Action{k.Help, k.Back}
	case a.onboarding != nil:
		binds = []keymap.Action{shown("d", "start demo"), shown("q", "quit")}
	case a.fatal != nil:
		binds = []keymap.Action{shown(k.Refresh.Help().Key, "retry"), k.Help, shown("q", "quit")}
	default:
		if top := a.top(); top != nil {
			binds = append(binds, top.ShortHelp()...)
		}
		if len(a.stack) > 1 {
			binds = append(binds, k.Back)
		} else {
			binds = append(binds, k.QuitRoot)
		}
		binds = append(binds, k.Command, k.Help)
	}
	refused := MutationsRefused(a.deps)
	parts := make([]string, 0, len(binds))
	listed := make(map[string]bool, len(binds))
	for _, b := range binds {
		h := b.Help()
		// A screen may list a key the shell adds too (esc back): once is enough.
		if h.Key == "" || listed[h.Key] {
			continue
		}
		listed[h.Key] = true
		if refused && b.Mutates {
			// Not hidden: dimmed and labelled, so it shows without colour
			// too, and the key says why when pressed.
			parts = append(parts, th.Muted.Render(h.Key+" "+h.Desc+" "+readOnlyLabel))
			continue
		}
		parts = append(parts, th.Key.Render(h.Key)+" "+th.Muted.Render(h.Desc))
	}
	return components.Pad(strings.Join(parts, "  "), a.w)
}

// readOnlyLabel follows a mutating action in the footer and in help while
// mutations are refused.
const readOnlyLabel = "(read-only)"
