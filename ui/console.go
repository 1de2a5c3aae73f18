package ui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/nexla"
)

// ConsoleLinks turn resources into links to Nexla's web console: the
// profile's ui_url template (config.ExpandUIURL), shown as OSC 8 hyperlinks
// where the terminal can take them, and copied with o.
type ConsoleLinks struct {
	// Template is the ui_url ("" : no links).
	Template string
	// Guessed: the template is config.DefaultUIURL's guess, not the user's.
	Guessed bool
	// Hyperlinks: the terminal gets OSC 8 sequences (a TTY with colour on).
	Hyperlinks bool
}

// URL is the console address of a resource; ok is false when the template
// cannot name it (none set, or a flow id unknown).
func (c ConsoleLinks) URL(rt nexla.ResourceType, id, flowID int64) (string, bool) {
	return config.ExpandUIURL(c.Template, rt, id, flowID)
}

// Link wraps text (already sanitized and fitted) in an OSC 8 hyperlink to
// the resource, when the terminal takes them; otherwise text as it is.
func (c ConsoleLinks) Link(text string, rt nexla.ResourceType, id, flowID int64) string {
	if !c.Hyperlinks {
		return text
	}
	u, ok := c.URL(rt, id, flowID)
	if !ok {
		return text
	}
	return ansi.SetHyperlink(u) + text + ansi.ResetHyperlink()
}

// CopyMsg asks the shell to copy Text with OSC 52; What names it in the toast.
type CopyMsg struct{ Text, What string }

// Copy is a Cmd that copies text through the shell's one clipboard path
// (refused with a toast over MaxClipboardText).
func Copy(text, what string) tea.Cmd {
	return func() tea.Msg { return CopyMsg{Text: text, What: what} }
}

// OpenURLMsg asks the shell to copy a resource's console URL (o).
type OpenURLMsg struct {
	RT         nexla.ResourceType
	ID, FlowID int64
}

// OpenURL is a Cmd that copies a resource's console URL.
func OpenURL(rt nexla.ResourceType, id, flowID int64) tea.Cmd {
	return func() tea.Msg { return OpenURLMsg{RT: rt, ID: id, FlowID: flowID} }
}

// copyConsoleURL copies the console URL of a resource, saying when the URL
// scheme is a guess (the console's is undocumented).
func (a *App) copyConsoleURL(rt nexla.ResourceType, id, flowID int64) tea.Cmd {
	c := a.deps.Console
	u, ok := c.URL(rt, id, flowID)
	if !ok {
		if c.Template == "" {
			return a.addToast(ToastWarn, "no console URL: set ui_url in the profile (e.g. https://dataops.nexla.io/#/flows/{flow_id})")
		}
		return a.addToast(ToastWarn, "no console URL for "+rt.Singular()+" "+strconv.FormatInt(id, 10)+": its flow is not known")
	}
	shown := " " + u
	if c.Guessed {
		shown += " (a guess: set ui_url in the profile)"
	}
	return a.copyText(u, "Nexla URL", shown)
}
