package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

func (a *App) logPathText() string {
	if a.deps.LogPath == "" {
		return "debug log: off (start with --debug to write one)"
	}
	return "debug log: " + a.deps.LogPath
}

// helpRows are the `?` overlay's lines at width w: global keys, the
// screen's keys, commands, then the log path and the confirmation rule.
func (a *App) helpRows(w int) []string {
	th, k := a.deps.Theme, a.deps.Keys
	refused := MutationsRefused(a.deps)
	line := func(b keymap.Action) string {
		hp := b.Help()
		if refused && b.Mutates {
			return th.Muted.Render("  " + components.Pad(hp.Key, 12) + " " + hp.Desc + " " + readOnlyLabel)
		}
		return "  " + components.Pad(hp.Key, 12) + " " + hp.Desc
	}
	var left []string
	left = append(left, th.Title.Render("Global keys"))
	for _, b := range []keymap.Action{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Enter, k.Back,
		k.Filter, k.Command, k.Refresh, k.Runbook, k.CopyID, k.CopyName, k.Help, k.QuitRoot, k.Quit} {
		left = append(left, line(b))
	}
	var right []string
	if top := a.top(); top != nil && a.onboarding == nil {
		right = append(right, th.Title.Render(safetext.Clean(top.Title())+" keys"))
		for _, group := range top.FullHelp() {
			for _, b := range group {
				right = append(right, line(b))
			}
		}
		right = append(right, "")
	}
	right = append(right, th.Title.Render("Commands (: then tab completes)"))
	words := a.cfg.Routes.words()
	for _, c := range words {
		right = append(right, "  "+components.Pad(c.helpName(), 16)+" "+c.Help)
	}
	right = append(right, "", th.Title.Render("Aliases"))
	for _, c := range words {
		if len(c.Aliases) > 0 {
			right = append(right, "  "+components.Pad(":"+c.Word, 16)+" :"+strings.Join(c.Aliases, " :"))
		}
	}
	// The log path comes last: a scrolled overlay pins it instead.
	footer := []string{"Mutations ask for confirmation: focus starts on No, Enter never confirms, " +
		k.Confirm.Help().Key + " confirms, esc cancels.", a.logPathText()}
	var rows []string
	if w >= 76 {
		colW := w / 2
		for i := 0; i < max(len(left), len(right)); i++ {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			rows = append(rows, components.Pad(l, colW)+components.Pad(r, w-colW))
		}
	} else {
		rows = append(append(left, ""), right...)
	}
	return append(rows, footer...)
}

// helpPage is how many help rows fit a pane of height h when scrolling
// (the last two lines hold the position and the log path).
func helpPage(h int) int { return max(h-2, 1) }

// scrolledHelpRows drops the last row (the log path), which a scrolled
// overlay pins to its bottom line instead.
func scrolledHelpRows(rows []string) []string { return rows[:len(rows)-1] }

// clampHelpScroll keeps the help offset within the rows at the current size.
func (a *App) clampHelpScroll() {
	bw, bh := a.w, max(a.h-chromeTop-chromeBottom, 0)
	a.helpScroll = max(0, min(a.helpScroll, len(scrolledHelpRows(a.helpRows(bw)))-helpPage(bh)))
}

// renderHelp is the `?` overlay, scrolled when taller than the pane.
func (a *App) renderHelp(w, h int) string {
	rows := a.helpRows(w)
	if len(rows) > h && h > 2 {
		// Keep the position and the log path on the last two lines: the log
		// path is what people open help for when things break.
		rows = scrolledHelpRows(rows)
		page := helpPage(h)
		from := max(0, min(a.helpScroll, len(rows)-page))
		rows = append(append([]string(nil), rows[from:from+page]...),
			a.deps.Theme.Muted.Render(fmt.Sprintf("  lines %d-%d of %d · j/k pgup/pgdn scroll · ? or esc closes", from+1, from+page, len(rows))),
			a.logPathText())
	}
	return fit(strings.Join(rows, "\n"), w, h)
}

func (a *App) renderOnboarding(w, h int) string {
	th := a.deps.Theme
	o := a.onboarding
	var b []string
	b = append(b, th.Title.Render("Welcome to nexla-tui"), "")
	if o.Reason != "" {
		b = append(b, th.Warn.Render(safetext.Clean(o.Reason)), "")
	}
	b = append(b,
		"Connect to Nexla with environment variables:",
		"  NEXLA_SERVICE_KEY   a service key (preferred; exchanged for a session token)",
		"  NEXLA_ACCESS_TOKEN  an access token, when you have no service key",
		"  NEXLA_API_URL       API base (default https://dataops.nexla.io/nexla-api)",
		"",
		"or a profile in the config file, chosen with --profile NAME:",
	)
	if o.ConfigPath != "" {
		b = append(b, "  "+safetext.Clean(o.ConfigPath))
	}
	if len(o.Profiles) > 0 {
		names := make([]string, len(o.Profiles))
		for i, p := range o.Profiles {
			names[i] = safetext.Clean(p)
		}
		b = append(b, "  profiles found: "+strings.Join(names, ", "))
	}
	b = append(b, "", "Then run nexla-tui again. Check a connection with: nexla-tui whoami", "")
	if a.cfg.DemoAvailable && a.cfg.StartDemo != nil {
		b = append(b, th.OK.Render("No account at hand? Press d to start the demo: a simulated Nexla org,"),
			th.OK.Render("served locally, with flows, incidents and nothing to configure."))
	}
	return fit(strings.Join(b, "\n"), w, h)
}

// renderFatal is the full-pane error: what failed, what to check, the log path, retry.
func (a *App) renderFatal(w, h int) string {
	th := a.deps.Theme
	err := a.fatal
	title := "Cannot use the Nexla API"
	advice := "Check the network and NEXLA_API_URL, then retry."
	switch {
	case nexla.IsAuth(err):
		title = "Authentication failed"
		advice = "The service key or access token was refused. Set NEXLA_SERVICE_KEY (or NEXLA_ACCESS_TOKEN), or pick another --profile."
	case nexla.IsForbidden(err):
		title = "Permission denied"
		advice = "This user cannot read this resource. Try another profile or ask an org admin."
	case nexla.KindOf(err) == nexla.KindNetwork, errors.Is(err, nexla.ErrCircuitOpen):
		title = "Nexla API unreachable"
	}
	api := ""
	if a.deps.API != nil {
		api = a.deps.API.BaseURL()
	}
	lines := []string{th.Error.Render(th.Glyphs.Error + " " + title), ""}
	lines = append(lines, strings.Split(wrapText(safetext.Clean(err.Error()), w-2), "\n")...)
	lines = append(lines, "")
	if api != "" {
		lines = append(lines, "API: "+safetext.Clean(api))
	}
	lines = append(lines, strings.Split(wrapText(advice, w-2), "\n")...)
	lines = append(lines, "", a.logPathText(), "",
		th.Key.Render(a.deps.Keys.Refresh.Help().Key)+" retry   "+th.Key.Render("q")+" quit")
	return fit(strings.Join(lines, "\n"), w, h)
}
