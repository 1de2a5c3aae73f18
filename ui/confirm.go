package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// confirmModal is the mutation dialog. The rules (ARCHITECTURE §4): focus
// starts on "No"; Enter never confirms (on "No" it cancels, on "Yes" it only
// reminds which key confirms); only the confirm key (default y, different
// from the p/a that opened it) runs the action; n and esc cancel.
type confirmModal struct {
	owner    ScreenID // the screen that asked
	m        Mutation
	focusYes bool
	hint     string
	// openedAt and lastInput (by AppConfig.KeyClock) guard against keys
	// typed ahead of the dialog.
	openedAt, lastInput time.Time
}

func (a *App) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	m, k := a.confirm, a.deps.Keys
	switch {
	case key.Matches(msg, k.Confirm):
		a.confirm = nil
		return a.runMutation(m.owner, m.m)
	case key.Matches(msg, k.Cancel):
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
	text := inner - 2 // the box's padding
	b.WriteString(hanging("Resource: ", safetext.Clean(req.Resource), text) + "\n")
	b.WriteString("Action:   " + safetext.Clean(req.Action) + "\n")
	if len(req.Effects) > 0 {
		b.WriteString("\nAlso changes:\n")
		for i, e := range req.Effects {
			if i == 8 {
				b.WriteString("  ... and " + itoa(len(req.Effects)-8) + " more\n")
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
	pad := strings.Repeat(" ", len(label))
	return label + strings.TrimPrefix(components.WrapText(pad+text, w), pad)
}
