package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// commandLine is the `:` prompt.
type commandLine struct {
	input components.LineInput
	// candidates are shown after an ambiguous tab.
	candidates []string
}

func newCommandLine() *commandLine {
	return &commandLine{input: components.LineInput{Prompt: ":"}}
}

// command is one `:` verb. Aliases complete and run like the name.
type command struct {
	name    string
	aliases []string
	help    string
	// kind/rt build the route; needsID commands take a numeric argument.
	kind    RouteKind
	rt      nexla.ResourceType
	needsID bool
}

// Commands lists the `:` verbs, for help and completion.
var commands = []command{
	{name: "flows", aliases: []string{"fl"}, help: "flows tree", kind: RouteFlows, rt: nexla.Flows},
	{name: "sources", aliases: []string{"src"}, help: "sources table", kind: RouteList, rt: nexla.DataSources},
	{name: "nexsets", aliases: []string{"sets", "ns"}, help: "nexsets table", kind: RouteList, rt: nexla.DataSets},
	{name: "destinations", aliases: []string{"sinks", "dst"}, help: "destinations table", kind: RouteList, rt: nexla.DataSinks},
	{name: "credentials", aliases: []string{"creds"}, help: "credentials table", kind: RouteList, rt: nexla.DataCredentials},
	{name: "health", help: "org-wide health", kind: RouteHealth},
	{name: "flow", help: "flow ID: one flow", kind: RouteDetail, rt: nexla.Flows, needsID: true},
	{name: "source", help: "source ID", kind: RouteDetail, rt: nexla.DataSources, needsID: true},
	{name: "nexset", aliases: []string{"set"}, help: "nexset ID", kind: RouteDetail, rt: nexla.DataSets, needsID: true},
	{name: "destination", aliases: []string{"sink"}, help: "destination ID", kind: RouteDetail, rt: nexla.DataSinks, needsID: true},
	{name: "credential", aliases: []string{"cred"}, help: "credential ID", kind: RouteDetail, rt: nexla.DataCredentials, needsID: true},
	{name: "runbook", aliases: []string{"rb"}, help: "troubleshoot the selection", kind: RouteRunbook},
	{name: "help", help: "this help"},
	{name: "quit", aliases: []string{"q"}, help: "quit"},
}

func findCommand(word string) (command, bool) {
	for _, c := range commands {
		if c.name == word {
			return c, true
		}
		for _, al := range c.aliases {
			if al == word {
				return c, true
			}
		}
	}
	return command{}, false
}

// Complete completes the command word of line: a unique match is completed
// (with a trailing space), several extend to their common prefix; it returns
// the new line and the candidates.
func Complete(line string) (string, []string) {
	if strings.Contains(line, " ") {
		return line, nil
	}
	var cands []string
	for _, c := range commands {
		for _, w := range append([]string{c.name}, c.aliases...) {
			if strings.HasPrefix(w, line) {
				cands = append(cands, w)
			}
		}
	}
	sort.Strings(cands)
	switch len(cands) {
	case 0:
		return line, nil
	case 1:
		return cands[0] + " ", nil
	}
	prefix := cands[0]
	for _, c := range cands[1:] {
		for !strings.HasPrefix(c, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return prefix, cands
}

// ParseCommand turns a command line into a route. quit and help come back
// as flags; a bad line returns an error that says what is expected.
func ParseCommand(line string) (r Route, quit, help bool, err error) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return Route{}, false, false, fmt.Errorf("empty command")
	}
	c, ok := findCommand(strings.ToLower(fields[0]))
	if !ok {
		return Route{}, false, false, fmt.Errorf("unknown command :%s (try :flows, :sources, :nexsets, :destinations, :credentials, :flow ID, :q; tab completes)", fields[0])
	}
	switch c.name {
	case "quit":
		return Route{}, true, false, nil
	case "help":
		return Route{}, false, true, nil
	}
	r = Route{Kind: c.kind, RT: c.rt}
	if c.needsID {
		if len(fields) != 2 {
			return Route{}, false, false, fmt.Errorf(":%s needs one numeric id, e.g. :%s 123", c.name, c.name)
		}
		id, perr := strconv.ParseInt(fields[1], 10, 64)
		if perr != nil || id <= 0 {
			return Route{}, false, false, fmt.Errorf(":%s %s: the id must be a positive number", c.name, fields[1])
		}
		r.ID = id
	} else if len(fields) > 1 {
		return Route{}, false, false, fmt.Errorf(":%s takes no argument", c.name)
	}
	return r, false, false, nil
}

func (a *App) commandKey(msg tea.KeyPressMsg) tea.Cmd {
	c := a.cmd
	switch msg.String() {
	case "esc":
		a.cmd = nil
		return nil
	case "tab":
		line, cands := Complete(c.input.Value())
		c.input.SetValue(line)
		c.candidates = cands
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
	r, quit, help, err := ParseCommand(line)
	switch {
	case err != nil:
		return a.addToast(ToastError, err.Error())
	case quit:
		return tea.Quit
	case help:
		a.help = true
		return nil
	case r.Kind == RouteRunbook:
		sel, ok := a.selection()
		if !ok {
			return a.addToast(ToastWarn, ":runbook needs a selected resource")
		}
		r.RT, r.ID = sel.RT, sel.ID
	}
	return a.push(r)
}

// view renders the prompt line with the completion candidates.
func (c *commandLine) view(a *App, w int) string {
	hint := ""
	if len(c.candidates) > 0 {
		hint = "  " + strings.Join(c.candidates, " ")
	}
	inW := max(w-len(hint), w/2)
	return c.input.View(inW) + components.Pad(a.deps.Theme.Muted.Render(hint), w-inW)
}
