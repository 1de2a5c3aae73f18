package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// confirmModal is the mutation dialog. The rules (docs/architecture.md, Safety): focus
// starts on "No"; Enter never confirms (on "No" it cancels, on "Yes" it only
// reminds which key confirms); only the confirm key runs the action (default
// c: no screen binds it, so a key meant for the screen behind, such as y
// for copy, cannot confirm); n and esc cancel. Nothing typed ahead confirms:
// the confirm key counts only once confirmGuard has passed since the dialog
// opened and since the previous input, and a paste (bracketed, or a burst of
// text in one key event) is ignored.
type confirmModal struct {
	owner    ScreenID // the screen that asked
	m        Mutation
	focusYes bool
	hint     string
	// openedAt and lastInput (by AppConfig.KeyClock) guard against keys
	// typed ahead of the dialog.
	openedAt, lastInput time.Time
}

// confirmGuard is how long after the dialog opens, and after the previous
// key, the confirm key is ignored: longer than the gap between keys typed in
// one burst ("p" then "c" meant for the screen), shorter than a person's
// reading of the dialog.
const confirmGuard = 250 * time.Millisecond

// confirmInput records an input's arrival; it reports whether the input came
// after a quiet moment (the guard) since the dialog opened and the previous input.
func (m *confirmModal) confirmInput(now time.Time) (quiet bool) {
	quiet = now.Sub(m.openedAt) >= confirmGuard && now.Sub(m.lastInput) >= confirmGuard
	m.lastInput = now
	return quiet
}

// confirmPaste ignores a paste while the dialog is open.
func (a *App) confirmPaste() {
	a.confirm.confirmInput(a.cfg.KeyClock())
	a.confirm.hint = "pasted text is ignored here: press " + a.deps.Keys.Confirm.Help().Key + " to confirm"
}

func (a *App) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	m, k := a.confirm, a.deps.Keys
	quiet := m.confirmInput(a.cfg.KeyClock())
	if len([]rune(msg.Text)) > 1 { // several characters in one event: a paste
		a.confirmPaste()
		return nil
	}
	switch {
	case key.Matches(msg, k.Confirm.Binding) && !quiet:
		m.hint = "too quick: keys typed ahead never confirm; press " + k.Confirm.Help().Key + " again to " + safetext.Clean(m.m.Confirm.Action)
	case key.Matches(msg, k.Confirm.Binding):
		a.confirm = nil
		return a.runMutation(m.owner, m.m)
	case key.Matches(msg, k.Cancel.Binding):
		a.confirm = nil
		return a.addToast(ToastInfo, "cancelled: "+safetext.Clean(m.m.Confirm.Action))
	case msg.String() == "enter":
		if !m.focusYes {
			a.confirm = nil
			return a.addToast(ToastInfo, "cancelled: "+safetext.Clean(m.m.Confirm.Action))
		}
		m.hint = "Enter does not confirm: press " + k.Confirm.Help().Key + " to " + safetext.Clean(m.m.Confirm.Action)
	case msg.String() == "left", msg.String() == "right", msg.String() == "tab",
		msg.String() == "shift+tab", msg.String() == "h", msg.String() == "l":
		m.focusYes = !m.focusYes
		m.hint = ""
	}
	return nil
}

// view renders the dialog box, at most w wide.
func (m *confirmModal) view(a *App, w int) string {
	th, k, req := a.deps.Theme, a.deps.Keys, m.m.Confirm
	inner := min(w-4, 72)
	var b strings.Builder
	b.WriteString(th.Title.Render(safetext.Clean(req.Title)) + "\n\n")
	text := inner - 4 // lipgloss v2 counts the border and the padding in Width
	b.WriteString(hanging("Resource: ", safetext.Clean(req.Resource), text) + "\n")
	b.WriteString("Action:   " + safetext.Clean(req.Action) + "\n")
	for _, n := range req.Notes {
		b.WriteString(hanging("Note:     ", safetext.Clean(n), text) + "\n")
	}
	for _, warn := range req.Warnings {
		b.WriteString(th.Warn.Render(hanging(th.Glyphs.Warn+" Warning: ", safetext.Clean(warn), text)) + "\n")
	}
	if len(req.Effects) > 0 {
		b.WriteString("\nAlso changes:\n")
		// As many lines as the terminal holds beside the dialog's own (a bulk
		// action lists every flow), never fewer than 8.
		limit := max(8, a.h-18)
		for i, e := range req.Effects {
			if i == limit && len(req.Effects) > limit+1 {
				b.WriteString("  ... and " + itoa(len(req.Effects)-limit) + " more\n")
				break
			}
			b.WriteString(hanging("  - ", safetext.Clean(e), text) + "\n")
		}
	} else {
		b.WriteString("\nNo other resource changes state.\n")
	}
	no, yes := "[ No ]", "[ Yes ]"
	if m.focusYes {
		yes = th.Selected.Render("> Yes <")
	} else {
		no = th.Selected.Render("> No <")
	}
	b.WriteString("\n" + no + "   " + yes + "\n\n")
	b.WriteString(th.Muted.Render(k.Confirm.Help().Key + " confirm · " + k.Cancel.Help().Key + " cancel · Enter on No cancels · ←/→ move"))
	if m.hint != "" {
		b.WriteString("\n" + th.Warn.Render(m.hint))
	}
	return lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(th.Warn.GetForeground()).
		Padding(0, 1).Width(inner).Render(b.String())
}

// hanging wraps text after a label so continuation lines start under the
// text, not under the label: "  - flow (id" / "    100040, now ACTIVE)".
func hanging(label, text string, w int) string {
	pad := strings.Repeat(" ", ansi.StringWidth(label))
	return label + strings.TrimPrefix(components.WrapText(pad+text, w), pad)
}
