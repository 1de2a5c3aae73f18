package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/ui/components"
)

// commandLine is the `:` prompt.
type commandLine struct {
	input components.LineInput
	// candidates are shown after an ambiguous tab; the next tabs cycle
	// through them (shift+tab backwards), pick being the one on the line
	// (-1: none yet). Typing drops them.
	candidates []string
	pick       int
}

func newCommandLine() *commandLine {
	return &commandLine{input: components.LineInput{Prompt: ":"}}
}

func (a *App) commandKey(msg tea.KeyPressMsg) tea.Cmd {
	c := a.cmd
	switch msg.String() {
	case "esc":
		a.cmd = nil
		return nil
	case "tab", "shift+tab":
		if n := len(c.candidates); n > 0 {
			step := 1
			if msg.String() == "shift+tab" {
				step = n - 1
			}
			if c.pick < 0 && step != 1 {
				c.pick = 0 // shift+tab first goes to the last
			}
			c.pick = (c.pick + step) % n
			c.input.SetValue(c.candidates[c.pick])
			return nil
		}
		line, cands := a.cfg.Routes.Complete(c.input.Value())
		c.input.SetValue(line)
		c.candidates, c.pick = cands, -1
		return nil
	case "enter":
		a.cmd = nil
		return a.runCommand(c.input.Value())
	}
	if c.input.Update(msg) {
		c.candidates = nil
	}
	return nil
}

func (a *App) runCommand(line string) tea.Cmd {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	if g, ok, err := ParseGoto(a.cfg.Routes, line); ok {
		if err != nil {
			return a.addToast(ToastError, err.Error())
		}
		return a.resolveGoto(g)
	}
	c, err := a.cfg.Routes.Parse(line)
	r := c.Route
	switch {
	case err != nil:
		return a.addToast(ToastError, err.Error())
	case c.Quit:
		return tea.Quit
	case c.Help:
		a.help = true
		return nil
	case c.Spec.Selected:
		sel, ok := a.selection()
		if !ok {
			return a.addToast(ToastWarn, ":"+c.Spec.Word+" needs a selected resource")
		}
		r.RT, r.ID = sel.RT, sel.ID
	case c.Spec.Top:
		return a.open(r)
	}
	return a.push(r)
}

// view renders the prompt line with the completion candidates.
func (c *commandLine) view(a *App, w int) string {
	hint := ""
	if len(c.candidates) > 0 {
		words := make([]string, len(c.candidates))
		for i, w := range c.candidates {
			if i == c.pick {
				w = "[" + w + "]" // the one on the line, visible without colour
			}
			words[i] = w
		}
		hint = "  " + strings.Join(words, " ") + "  (tab: next)"
	}
	inW := max(w-len(hint), w/2)
	return c.input.View(inW) + components.Pad(a.deps.Theme.Muted.Render(hint), w-inW)
}
